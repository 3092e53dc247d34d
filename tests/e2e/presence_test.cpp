// Proof of presence end to end against a real onsite-hq: a visit's distance from its
// site (measured again at HQ), check-out and length, camera and picked photos with
// their times and positions reach HQ's tables, the change feed and the console's unit
// evidence; with a campaign that asks for a check-in, HQ refuses a rater score until
// the rater checked in near a site of the unit — while paper scores still import.
#include "consolefixture.h"
#include "consolerecords.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <numbers>

namespace onsite::test {
namespace {

using Presence = ConsoleEndToEnd;

constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;
// Site DC-01 of the sample campaign.
constexpr double kSiteLatitude = 35.56238;
constexpr double kSiteLongitude = 104.58508;

QJsonObject visitNorthOfSite(const QString &account, std::optional<double> metres, const QString &checkedIn,
                             const QString &checkedOut = {})
{
    QJsonObject data{{QStringLiteral("site"), QStringLiteral("DC-01")},
                     {QStringLiteral("account"), account},
                     {QStringLiteral("checked_in_at"), checkedIn},
                     {QStringLiteral("notes"), QStringLiteral("现场查看")}};
    if (metres) {
        data.insert(QStringLiteral("latitude"), kSiteLatitude + *metres / kMetresPerDegree);
        data.insert(QStringLiteral("longitude"), kSiteLongitude);
        data.insert(QStringLiteral("accuracy_m"), 9.0);
        data.insert(QStringLiteral("distance_m"), 1.0); // what a device says; HQ measures again
    }
    if (!checkedOut.isEmpty())
        data.insert(QStringLiteral("checked_out_at"), checkedOut);
    return data;
}

QJsonObject byId(const QJsonArray &array, const QString &id)
{
    for (const QJsonValue &value : array)
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    return {};
}

// Pushes one batch; answers each mutation's result (status, or the refusal's reason).
QStringList pushOutcomes(ConsoleEndToEnd &fixture, ApiClient &tablet, const QString &device, const QJsonArray &mutations)
{
    Q_UNUSED(fixture);
    const ApiReply reply = tablet.post(QStringLiteral("/api/v1/sync/push"), pushBody(device, mutations));
    EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
    QStringList outcomes;
    for (const QJsonValue &value : reply.json.value(QStringLiteral("results")).toArray()) {
        const QJsonObject result = value.toObject();
        const QString status = result.value(QStringLiteral("status")).toString();
        outcomes << (status == QLatin1String("applied") ? status : result.value(QStringLiteral("reason")).toString());
    }
    return outcomes;
}

TEST_P(Presence, HqReceivesDistanceCheckOutAndWherePhotosCameFrom)
{
    const QString account = QStringLiteral("g1.li"), device = QStringLiteral("dev-presence");
    auto tablet = signIn(account, device);
    const QByteArray cameraImage = jpegImage(640, 480, 11), pickedImage = jpegImage(640, 480, 12);
    for (const QByteArray &image : {cameraImage, pickedImage}) {
        const ApiReply put = tablet->put(
            QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha256Hex(image)).arg(image.size()), image);
        ASSERT_EQ(put.status, 200) << put.body.toStdString();
    }
    QJsonObject cameraPhoto = photoData(sha256Hex(cameraImage), QStringLiteral("DC"), account, cameraImage.size());
    cameraPhoto.insert(QStringLiteral("visit"), QStringLiteral("v-near"));
    cameraPhoto.insert(QStringLiteral("origin"), QStringLiteral("camera"));
    cameraPhoto.insert(QStringLiteral("captured_at"), QStringLiteral("2026-06-20T08:40:00.000Z"));
    cameraPhoto.insert(QStringLiteral("latitude"), 35.5625);
    cameraPhoto.insert(QStringLiteral("longitude"), 104.5852);
    cameraPhoto.insert(QStringLiteral("accuracy_m"), 6.0);
    QJsonObject pickedPhoto = photoData(sha256Hex(pickedImage), QStringLiteral("DC"), account, pickedImage.size());
    pickedPhoto.insert(QStringLiteral("visit"), QStringLiteral("v-near"));
    pickedPhoto.insert(QStringLiteral("origin"), QStringLiteral("picked"));
    pickedPhoto.insert(QStringLiteral("captured_at"), QStringLiteral("2026-06-20T08:45:00.000Z"));
    pickedPhoto.insert(QStringLiteral("original_at"), QStringLiteral("2025-05-03T01:12:30.000Z"));
    EXPECT_EQ(pushOutcomes(*this, *tablet, device,
                           {recordMutation(1, QStringLiteral("visit"), QStringLiteral("v-near"),
                                           visitNorthOfSite(account, 120.0, QStringLiteral("2026-06-20T08:10:00.000Z"),
                                                            QStringLiteral("2026-06-20T09:40:00.000Z"))),
                            recordMutation(2, QStringLiteral("visit"), QStringLiteral("v-nofix"),
                                           visitNorthOfSite(account, std::nullopt, QStringLiteral("2026-06-21T08:00:00.000Z"))),
                            recordMutation(3, QStringLiteral("photo"), QStringLiteral("p-camera"), cameraPhoto),
                            recordMutation(4, QStringLiteral("photo"), QStringLiteral("p-picked"), pickedPhoto)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("applied"), QStringLiteral("applied"),
                           QStringLiteral("applied")}));

    // HQ's tables.
    const auto db = database();
    const auto visit = db->query(QStringLiteral("SELECT distance_m, checked_out_at FROM visits WHERE id = 'v-near'"));
    ASSERT_EQ(visit.size(), 1u);
    EXPECT_NEAR(visit.front()[0].toDouble(), 120.0, 0.01) << "measured at HQ, not the device's 1 m";
    EXPECT_EQ(visit.front()[1].toString(), QStringLiteral("2026-06-20T09:40:00.000Z"));
    const auto photo = db->query(QStringLiteral("SELECT origin, original_at FROM photos WHERE id = 'p-picked'"));
    ASSERT_EQ(photo.size(), 1u);
    EXPECT_EQ(photo.front()[0].toString(), QStringLiteral("picked"));
    EXPECT_EQ(photo.front()[1].toString(), QStringLiteral("2025-05-03T01:12:30.000Z"));

    // The change feed carries HQ's measure to the group's other tablets.
    auto colleague = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-colleague"));
    bool sawVisit = false;
    for (const PulledChange &change : pullAll(*colleague)) {
        if (change.id == QLatin1String("v-near")) {
            sawVisit = true;
            EXPECT_NEAR(change.data.value(QStringLiteral("distance_m")).toDouble(), 120.0, 0.01);
            EXPECT_EQ(change.data.value(QStringLiteral("checked_out_at")).toString(), QStringLiteral("2026-06-20T09:40:00.000Z"));
        }
        if (change.id == QLatin1String("p-picked"))
            EXPECT_EQ(change.data.value(QStringLiteral("original_at")).toString(), QStringLiteral("2025-05-03T01:12:30.000Z"));
    }
    EXPECT_TRUE(sawVisit);

    // The console's unit evidence.
    const RawReply dc = console(QStringLiteral("kpb.admin")).get(QStringLiteral("/api/v1/hq/units/DC"));
    ASSERT_EQ(dc.status, 200) << dc.body.toStdString();
    const QJsonObject presence = dc.json.value(QStringLiteral("presence")).toObject();
    EXPECT_FALSE(presence.value(QStringLiteral("check_in_required")).toBool());
    EXPECT_EQ(presence.value(QStringLiteral("radius_m")).toInt(), 500);
    const QJsonArray visits = dc.json.value(QStringLiteral("visits")).toArray();
    const QJsonObject near = byId(visits, QStringLiteral("v-near"));
    EXPECT_NEAR(near.value(QStringLiteral("distance_m")).toDouble(), 120.0, 0.01);
    EXPECT_TRUE(near.value(QStringLiteral("within_radius")).toBool());
    EXPECT_EQ(near.value(QStringLiteral("length_seconds")).toInt(), 90 * 60);
    const QJsonObject noFix = byId(visits, QStringLiteral("v-nofix"));
    EXPECT_TRUE(noFix.value(QStringLiteral("distance_m")).isNull());
    EXPECT_TRUE(noFix.value(QStringLiteral("within_radius")).isNull());
    EXPECT_TRUE(noFix.value(QStringLiteral("checked_out_at")).isNull());
    const QJsonArray photos = dc.json.value(QStringLiteral("photos")).toArray();
    const QJsonObject camera = byId(photos, QStringLiteral("p-camera"));
    EXPECT_EQ(camera.value(QStringLiteral("origin")).toString(), QStringLiteral("camera"));
    EXPECT_DOUBLE_EQ(camera.value(QStringLiteral("latitude")).toDouble(), 35.5625);
    EXPECT_FALSE(camera.value(QStringLiteral("picked_old")).toBool());
    const QJsonObject picked = byId(photos, QStringLiteral("p-picked"));
    EXPECT_EQ(picked.value(QStringLiteral("origin")).toString(), QStringLiteral("picked"));
    EXPECT_EQ(picked.value(QStringLiteral("original_at")).toString(), QStringLiteral("2025-05-03T01:12:30.000Z"));
    EXPECT_TRUE(picked.value(QStringLiteral("picked_old")).toBool()) << "taken a year before the check-in";
}

TEST_P(Presence, ACheckInStaysAsRecordedAndBadFieldsAreRefused)
{
    const QString account = QStringLiteral("g1.li"), device = QStringLiteral("dev-presence");
    auto tablet = signIn(account, device);
    const QString checkIn = QStringLiteral("2026-06-20T08:10:00.000Z");
    QJsonObject movedVisit = visitNorthOfSite(account, 10.0, checkIn);
    QJsonObject backwards = visitNorthOfSite(account, 10.0, checkIn, QStringLiteral("2026-06-20T08:00:00.000Z"));
    QJsonObject badPhoto = photoData(QString(64, QLatin1Char('a')), QStringLiteral("DC"), account, 10);
    badPhoto.insert(QStringLiteral("origin"), QStringLiteral("scanner"));
    EXPECT_EQ(pushOutcomes(*this, *tablet, device,
                           {recordMutation(1, QStringLiteral("visit"), QStringLiteral("v1"),
                                           visitNorthOfSite(account, 2000.0, checkIn)),
                            // The same visit "moved" next to the site, and checked out: the move is refused.
                            recordMutation(2, QStringLiteral("visit"), QStringLiteral("v1"), movedVisit),
                            // Checking out keeps the check-in as it was.
                            recordMutation(3, QStringLiteral("visit"), QStringLiteral("v1"),
                                           visitNorthOfSite(account, 2000.0, checkIn, QStringLiteral("2026-06-20T08:55:00.000Z"))),
                            recordMutation(4, QStringLiteral("visit"), QStringLiteral("v2"), backwards),
                            recordMutation(5, QStringLiteral("photo"), QStringLiteral("p1"), badPhoto)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("check_in_changed"), QStringLiteral("applied"),
                           QStringLiteral("bad_record"), QStringLiteral("bad_record")}));
    const auto rows = database()->query(QStringLiteral("SELECT distance_m, checked_out_at FROM visits WHERE id = 'v1'"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NEAR(rows.front()[0].toDouble(), 2000.0, 0.1);
    EXPECT_EQ(rows.front()[1].toString(), QStringLiteral("2026-06-20T08:55:00.000Z"));
}

TEST_P(Presence, WhenTheCampaignAsksForACheckInHqRefusesRaterScoresWithoutOne)
{
    database()->execute(QStringLiteral("UPDATE campaign SET check_in_required = 1, check_in_radius_m = 300"));
    hq->terminate();
    hq->start();
    // 补录: scores written on paper at the site import under the same rule.
    importPaperScores();
    const QString account = QStringLiteral("g1.zhang"), device = QStringLiteral("dev-zhang");
    auto tablet = signIn(account, device);
    const ApiReply bootstrap = tablet->get(QStringLiteral("/api/v1/bootstrap"));
    ASSERT_EQ(bootstrap.status, 200);
    const QJsonObject campaign = bootstrap.json.value(QStringLiteral("campaign")).toObject();
    EXPECT_TRUE(campaign.value(QStringLiteral("check_in_required")).toBool()) << "tablets learn the rule";
    EXPECT_EQ(campaign.value(QStringLiteral("check_in_radius_m")).toInt(), 300);

    auto score = [&](qint64 seq) {
        return scoreMutation(seq, QStringLiteral("s-dc-1.4"), QStringLiteral("DC"), QStringLiteral("1.4"), account,
                             QStringLiteral("好"), QDateTime::currentMSecsSinceEpoch() + seq); // after the paper value
    };
    EXPECT_EQ(pushOutcomes(*this, *tablet, device, {score(1)}), QStringList{QStringLiteral("check_in_required")});
    EXPECT_EQ(pushOutcomes(*this, *tablet, device,
                           {recordMutation(2, QStringLiteral("visit"), QStringLiteral("v-nofix"),
                                           visitNorthOfSite(account, std::nullopt, QStringLiteral("2026-06-20T08:00:00.000Z"))),
                            score(3)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("check_in_no_position")}));
    EXPECT_EQ(pushOutcomes(*this, *tablet, device,
                           {recordMutation(4, QStringLiteral("visit"), QStringLiteral("v-far"),
                                           visitNorthOfSite(account, 1500.0, QStringLiteral("2026-06-20T08:05:00.000Z"))),
                            score(5)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("check_in_too_far")}));
    EXPECT_EQ(pushOutcomes(*this, *tablet, device,
                           {recordMutation(6, QStringLiteral("visit"), QStringLiteral("v-near"),
                                           visitNorthOfSite(account, 80.0, QStringLiteral("2026-06-20T08:20:00.000Z"))),
                            score(7)}),
              QStringList({QStringLiteral("applied"), QStringLiteral("applied")}));
    // A leader's final value is a decision, not an observation.
    auto leader = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    EXPECT_EQ(pushOutcomes(*this, *leader, QStringLiteral("dev-li"),
                           {scoreMutation(1, QStringLiteral("f-dc-1.1"), QStringLiteral("DC"), QStringLiteral("1.1"),
                                          QStringLiteral("g1.li"), QStringLiteral("4"), QDateTime::currentMSecsSinceEpoch(),
                                          QStringLiteral("final"),
                                          QStringLiteral("核实后核定"))}),
              QStringList{QStringLiteral("applied")});
}

ONSITE_E2E_BACKENDS(Presence);

} // namespace
} // namespace onsite::test
