// Proof of presence on the device: a check-in stores its distance from the site (the
// function HQ measures with), a check-out its time; with a campaign that asks for a
// check-in the device refuses a rater score before anything is queued, as HQ would;
// a picked photo keeps its origin and original time on its way to HQ.
#include "client/rules/fielderror.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/bootstrapapplier.h"
#include "synctestsupport.h"

#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace onsite::test {
namespace {

using sync::FieldError;
using sync::FieldRecorder;

constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;

// North of DC-01 (35.56238, 104.58508) by `metres`.
Position nearDc01(double metres) { return Position{35.56238 + metres / kMetresPerDegree, 104.58508, 7.0}; }

QJsonObject lastMutation(TestDevice &device, const QString &entity)
{
    const auto rows = device.db().query(
        QStringLiteral("SELECT data FROM outbox WHERE entity = ? ORDER BY seq DESC LIMIT 1"), {entity});
    return rows.empty() ? QJsonObject() : QJsonDocument::fromJson(rows.front()[0].toString().toUtf8()).object();
}

void requireCheckIn(TestDevice &device, const QString &account)
{
    protocol::Bootstrap b = sampleBootstrap(account);
    b.setup.campaign.presence = PresenceRule{true, 300};
    sync::BootstrapApplier(device.db(), device.store->photosFolder()).apply(b);
}

TEST(DevicePresence, ACheckInKeepsItsDistanceAndACheckOutItsTime)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const Visit visit = recorder.recordVisit(QStringLiteral("DC-01"), QStringLiteral("到达"), nearDc01(120));
    ASSERT_TRUE(visit.distanceMeters);
    EXPECT_NEAR(*visit.distanceMeters, 120.0, 0.01);
    EXPECT_NEAR(lastMutation(device, QStringLiteral("visit")).value(QStringLiteral("distance_m")).toDouble(), 120.0, 0.01);

    const Visit out = recorder.checkOut(visit.id);
    EXPECT_TRUE(out.checkedOutAt.isValid());
    EXPECT_GE(out.checkedOutAt, visit.checkedInAt);
    EXPECT_THROW(recorder.checkOut(visit.id), FieldError) << "once per visit";
    // Notes written after the check-out keep both the distance and the check-out.
    const Visit noted = recorder.updateVisitNotes(visit.id, QStringLiteral("座谈两名党员"));
    EXPECT_EQ(noted.checkedOutAt, out.checkedOutAt);
    ASSERT_TRUE(noted.distanceMeters);
    const QJsonObject sent = lastMutation(device, QStringLiteral("visit"));
    EXPECT_FALSE(sent.value(QStringLiteral("checked_out_at")).toString().isEmpty());
    EXPECT_EQ(sent.value(QStringLiteral("notes")).toString(), QStringLiteral("座谈两名党员"));
    const auto row = device.db().query(QStringLiteral("SELECT distance_m, checked_out_at FROM visits WHERE id = ?"), {visit.id});
    EXPECT_NEAR(row.front()[0].toDouble(), 120.0, 0.01);
    EXPECT_FALSE(row.front()[1].isNull());

    const Visit noFix = recorder.recordVisit(QStringLiteral("DC-02"), {}, std::nullopt);
    EXPECT_FALSE(noFix.distanceMeters);
    EXPECT_THROW(recorder.checkOut(QStringLiteral("no-such-visit")), FieldError);
}

TEST(DevicePresence, WhenTheCampaignAsksTheDeviceRefusesARaterScoreWithoutANearCheckIn)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    requireCheckIn(device, QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    auto score = [&] { return recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("好"), ScoreKind::Rater); };
    auto refusal = [&]() -> QString {
        try {
            score();
        } catch (const FieldError &e) {
            return QString::fromUtf8(e.what());
        }
        return {};
    };
    EXPECT_TRUE(refusal().contains(QStringLiteral("现场签到"))) << refusal().toStdString();
    recorder.recordVisit(QStringLiteral("DC-01"), {}, std::nullopt);
    EXPECT_TRUE(refusal().contains(QStringLiteral("没有定位"))) << refusal().toStdString();
    recorder.recordVisit(QStringLiteral("DC-01"), {}, nearDc01(900));
    EXPECT_TRUE(refusal().contains(QStringLiteral("超过 300 米"))) << refusal().toStdString();
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 0);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'score'")), 0) << "nothing queued";
    recorder.recordVisit(QStringLiteral("DC-01"), {}, nearDc01(60));
    EXPECT_NO_THROW(score());
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'score'")), 1);
}

TEST(DevicePresence, APickedPhotoKeepsItsOriginAndOriginalTime)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    const QString path = device.dir.filePath(QStringLiteral("gallery.jpg"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + QByteArray(3000, 'p'));
    file.close();
    PhotoCapture capture;
    capture.origin = PhotoOrigin::Picked;
    capture.originalAt = QDateTime(QDate(2025, 5, 3), QTime(1, 12, 30, 250), Qt::UTC);
    capture.position = Position{30.1, 120.2, std::nullopt};
    const PhotoEvidence photo = FieldRecorder(device.db(), device.store->photosFolder())
                                    .recordCapturedPhoto(path, QStringLiteral("DC"), capture, QStringLiteral("2.1"));
    EXPECT_EQ(photo.origin, PhotoOrigin::Picked);
    EXPECT_EQ(photo.originalAt, capture.originalAt);
    EXPECT_GT(photo.capturedAt, capture.originalAt) << "captured_at: when it became evidence";
    const QJsonObject sent = lastMutation(device, QStringLiteral("photo"));
    EXPECT_EQ(sent.value(QStringLiteral("origin")).toString(), QStringLiteral("picked"));
    EXPECT_EQ(sent.value(QStringLiteral("original_at")).toString(), QStringLiteral("2025-05-03T01:12:30.250Z"));
    EXPECT_DOUBLE_EQ(sent.value(QStringLiteral("latitude")).toDouble(), 30.1);
    const auto row = device.db().query(QStringLiteral("SELECT origin, original_at FROM photos WHERE id = ?"), {photo.id});
    EXPECT_EQ(row.front()[0].toString(), QStringLiteral("picked"));
    EXPECT_EQ(row.front()[1].toString(), QStringLiteral("2025-05-03T01:12:30.250Z"));
}

} // namespace
} // namespace onsite::test
