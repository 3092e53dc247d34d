// The HQ console's pages (docs/API.md): who may read what, a leader's view cut to the
// group, results equal to `onsite-hq results`, published versions frozen, and each
// unit's evidence.
#include "consolefixture.h"
#include "consolerecords.h"
#include "testsupport.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace onsite::test {
namespace {

using ConsoleApi = ConsoleEndToEnd;

QStringList unitCodes(const QJsonArray &array, const QString &key = QStringLiteral("unit"))
{
    QStringList codes;
    for (const QJsonValue &value : array)
        codes << value.toObject().value(key).toString();
    return codes;
}

QJsonObject unitIn(const QJsonObject &results, const QString &code)
{
    for (const QJsonValue &value : results.value(QStringLiteral("units")).toArray()) {
        if (value.toObject().value(QStringLiteral("unit")).toString() == code)
            return value.toObject();
    }
    return {};
}

// Evidence the tests look for: a visit, two photos, a finding and a highlight on DC
// (group 1) and the same on QS (group 2).
struct Evidence
{
    QString dcPhoto;
    QString qsPhoto;
};

Evidence pushEvidence(ConsoleEndToEnd &fixture, HqProcess &hq, const std::function<void(const QString &, const QJsonArray &)> &push)
{
    Q_UNUSED(fixture);
    Evidence evidence;
    auto upload = [&](const QString &account, const QByteArray &image) {
        ApiClient tablet(hq.baseUrl());
        EXPECT_EQ(tablet.login(account, HqProcess::passwordOf(account), QStringLiteral("upload")).status, 200);
        const QString sha = sha256Hex(image);
        const ApiReply put = tablet.put(QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha).arg(image.size()), image);
        EXPECT_EQ(put.status, 200) << put.body.toStdString();
        return sha;
    };
    const QByteArray dcImage = jpegImage(800, 600, 1);
    const QByteArray qsImage = jpegImage(640, 480, 2);
    evidence.dcPhoto = upload(QStringLiteral("g1.li"), dcImage);
    evidence.qsPhoto = upload(QStringLiteral("g2.yang"), qsImage);
    push(QStringLiteral("g1.li"),
         {recordMutation(1, QStringLiteral("visit"), QStringLiteral("v-dc"), visitData(QStringLiteral("DC-01"), QStringLiteral("g1.li"))),
          recordMutation(2, QStringLiteral("photo"), QStringLiteral("p-dc"),
                         photoData(evidence.dcPhoto, QStringLiteral("DC"), QStringLiteral("g1.li"), dcImage.size())),
          recordMutation(3, QStringLiteral("finding"), QStringLiteral("f-dc"),
                         findingData(QStringLiteral("DC"), QStringLiteral("DC-01"), QStringLiteral("g1.li"),
                                     QStringLiteral("会议记录不完整"), {QStringLiteral("p-dc")})),
          recordMutation(4, QStringLiteral("highlight"), QStringLiteral("h-dc"),
                         highlightData(QStringLiteral("DC"), QStringLiteral("g1.li"), QStringLiteral("党群服务中心建设好")))});
    push(QStringLiteral("g2.yang"),
         {recordMutation(1, QStringLiteral("visit"), QStringLiteral("v-qs"), visitData(QStringLiteral("QS-01"), QStringLiteral("g2.yang"))),
          recordMutation(2, QStringLiteral("photo"), QStringLiteral("p-qs"),
                         photoData(evidence.qsPhoto, QStringLiteral("QS"), QStringLiteral("g2.yang"), qsImage.size())),
          recordMutation(3, QStringLiteral("finding"), QStringLiteral("f-qs"),
                         findingData(QStringLiteral("QS"), QStringLiteral("QS-01"), QStringLiteral("g2.yang"),
                                     QStringLiteral("台账缺少签字"), {QStringLiteral("p-qs")})),
          recordMutation(4, QStringLiteral("highlight"), QStringLiteral("h-qs"),
                         highlightData(QStringLiteral("QS"), QStringLiteral("g2.yang"), QStringLiteral("人才驿站有特色")))});
    return evidence;
}

TEST_P(ConsoleApi, EveryPageAnswersEachRoleAsDocumented)
{
    const Evidence evidence = pushEvidence(*this, *hq, [this](const QString &a, const QJsonArray &m) { pushAs(a, m); });
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    ASSERT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QStringLiteral("v1")}}).status, 201);
    ASSERT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QStringLiteral("v2")}}).status, 201);

    const QStringList pages = {
        QStringLiteral("/api/v1/hq/campaign"),
        QStringLiteral("/api/v1/hq/progress"),
        QStringLiteral("/api/v1/hq/results"),
        QStringLiteral("/api/v1/hq/results?version=1"),
        QStringLiteral("/api/v1/hq/units/DC"),
        QStringLiteral("/api/v1/hq/photos/") + evidence.dcPhoto,
        QStringLiteral("/api/v1/hq/photos/") + evidence.dcPhoto + QStringLiteral("?size=thumb"),
        QStringLiteral("/api/v1/hq/findings"),
        QStringLiteral("/api/v1/hq/highlights"),
        QStringLiteral("/api/v1/hq/charts/progress"),
        QStringLiteral("/api/v1/hq/publications"),
        QStringLiteral("/api/v1/hq/publications/2/diff?against=1"),
    };
    struct Expectation
    {
        QString account; // empty: signed out
        int status;
        QString error;
    };
    const std::vector<Expectation> roles = {
        {QStringLiteral("kpb.admin"), 200, {}},
        {QStringLiteral("g1.li"), 200, {}},
        {QStringLiteral("g1.zhang"), 403, QStringLiteral("forbidden")},
        {QStringLiteral("dc.liaison"), 403, QStringLiteral("forbidden")},
        {QString(), 401, QStringLiteral("not_signed_in")},
    };
    for (const Expectation &role : roles) {
        ConsoleClient browser = role.account.isEmpty() ? signedOut() : console(role.account);
        for (const QString &page : pages) {
            const RawReply reply = browser.get(page);
            EXPECT_EQ(reply.status, role.status) << role.account.toStdString() << " " << page.toStdString() << ": "
                                                 << reply.body.left(300).toStdString();
            if (!role.error.isEmpty()) {
                EXPECT_EQ(reply.error(), role.error) << role.account.toStdString() << " " << page.toStdString();
            }
        }
        const RawReply publish =
            browser.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QStringLiteral("x")}});
        const int publishStatus = role.account == QLatin1String("kpb.admin") ? 201 : role.status == 200 ? 403 : role.status;
        EXPECT_EQ(publish.status, publishStatus) << role.account.toStdString() << ": " << publish.body.toStdString();
    }
}

TEST_P(ConsoleApi, ALeaderNeverSeesAnotherGroupsUnit)
{
    const Evidence evidence = pushEvidence(*this, *hq, [this](const QString &a, const QJsonArray &m) { pushAs(a, m); });
    ConsoleClient leader = console(QStringLiteral("g1.li"));
    const QStringList group1 = {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")};

    const RawReply campaign = leader.get(QStringLiteral("/api/v1/hq/campaign"));
    EXPECT_EQ(unitCodes(campaign.json.value(QStringLiteral("units")).toArray(), QStringLiteral("code")), group1);
    EXPECT_EQ(campaign.json.value(QStringLiteral("groups")).toArray().size(), 1);
    EXPECT_EQ(unitCodes(leader.get(QStringLiteral("/api/v1/hq/progress")).json.value(QStringLiteral("units")).toArray()), group1);
    QStringList ranked = unitCodes(leader.get(QStringLiteral("/api/v1/hq/results")).json.value(QStringLiteral("units")).toArray());
    ranked.sort();
    QStringList expected = group1;
    expected.sort();
    EXPECT_EQ(ranked, expected);

    const RawReply other = leader.get(QStringLiteral("/api/v1/hq/units/QS"));
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(other.error(), QStringLiteral("forbidden"));
    EXPECT_FALSE(other.body.contains("台账缺少签字"));
    EXPECT_EQ(leader.get(QStringLiteral("/api/v1/hq/units/NOPE")).status, 404);
    EXPECT_EQ(leader.get(QStringLiteral("/api/v1/hq/photos/") + evidence.qsPhoto).status, 404);
    EXPECT_EQ(leader.get(QStringLiteral("/api/v1/hq/photos/") + evidence.qsPhoto + QStringLiteral("?size=thumb")).status, 404);
    EXPECT_EQ(leader.get(QStringLiteral("/api/v1/hq/photos/") + evidence.dcPhoto).status, 200);

    const QJsonArray findings = leader.get(QStringLiteral("/api/v1/hq/findings")).json.value(QStringLiteral("findings")).toArray();
    EXPECT_EQ(unitCodes(findings), QStringList{QStringLiteral("DC")});
    EXPECT_TRUE(leader.get(QStringLiteral("/api/v1/hq/findings?unit=QS")).json.value(QStringLiteral("findings")).toArray().isEmpty());
    EXPECT_EQ(unitCodes(leader.get(QStringLiteral("/api/v1/hq/highlights")).json.value(QStringLiteral("highlights")).toArray()),
              QStringList{QStringLiteral("DC")});
    const QJsonArray devices = leader.get(QStringLiteral("/api/v1/hq/progress")).json.value(QStringLiteral("devices")).toArray();
    EXPECT_FALSE(unitCodes(devices, QStringLiteral("account")).contains(QStringLiteral("g2.yang")));
    EXPECT_TRUE(unitCodes(devices, QStringLiteral("account")).contains(QStringLiteral("g1.li")));

    // HQ sees both groups.
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const QJsonArray all = admin.get(QStringLiteral("/api/v1/hq/findings")).json.value(QStringLiteral("findings")).toArray();
    QStringList allUnits = unitCodes(all);
    allUnits.sort();
    EXPECT_EQ(allUnits, (QStringList{QStringLiteral("DC"), QStringLiteral("QS")}));
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/units/QS")).status, 200);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/photos/") + evidence.qsPhoto).status, 200);
}

TEST_P(ConsoleApi, FindingsFilterAndPhotosServeWithThumbnails)
{
    const Evidence evidence = pushEvidence(*this, *hq, [this](const QString &a, const QJsonArray &m) { pushAs(a, m); });
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    auto findings = [&](const QString &query) {
        return unitCodes(admin.get(QStringLiteral("/api/v1/hq/findings?") + query).json.value(QStringLiteral("findings")).toArray());
    };
    EXPECT_EQ(findings(QStringLiteral("unit=DC")), QStringList{QStringLiteral("DC")});
    EXPECT_EQ(findings(QStringLiteral("group=") + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("第二检查组")))),
              QStringList{QStringLiteral("QS")});
    EXPECT_EQ(findings(QStringLiteral("q=") + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("签字")))),
              QStringList{QStringLiteral("QS")});
    EXPECT_EQ(findings(QStringLiteral("kind=") + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("短板")))),
              QStringList{});
    EXPECT_EQ(findings(QStringLiteral("indicator=2.2")).size(), 2);
    const QJsonObject dc = admin.get(QStringLiteral("/api/v1/hq/findings?unit=DC")).json.value(QStringLiteral("findings")).toArray()[0].toObject();
    EXPECT_EQ(dc.value(QStringLiteral("photos")).toArray(), QJsonArray{evidence.dcPhoto});
    EXPECT_EQ(dc.value(QStringLiteral("site_name")).toString(), QStringLiteral("幸福社区党群服务中心"));
    EXPECT_EQ(dc.value(QStringLiteral("group")).toString(), QStringLiteral("第一检查组"));
    EXPECT_EQ(dc.value(QStringLiteral("name")).toString(), QStringLiteral("李建国"));

    const RawReply full = admin.get(QStringLiteral("/api/v1/hq/photos/") + evidence.dcPhoto);
    ASSERT_EQ(full.status, 200);
    EXPECT_EQ(full.header("content-type"), "image/jpeg");
    EXPECT_EQ(sha256Hex(full.body), evidence.dcPhoto);
    const RawReply thumb = admin.get(QStringLiteral("/api/v1/hq/photos/") + evidence.dcPhoto + QStringLiteral("?size=thumb"));
    ASSERT_EQ(thumb.status, 200);
    EXPECT_EQ(thumb.header("content-type"), "image/jpeg");
    const QImage small = QImage::fromData(thumb.body, "JPEG");
    ASSERT_FALSE(small.isNull());
    EXPECT_EQ(small.width(), 320);
    EXPECT_EQ(small.height(), 240);
    const RawReply again = admin.get(QStringLiteral("/api/v1/hq/photos/") + evidence.dcPhoto,
                                     {{"If-None-Match", full.header("etag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/photos/not-a-hash")).status, 400);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/photos/") + QString(64, QLatin1Char('a'))).status, 404);
}

TEST_P(ConsoleApi, SampleRankingEqualsTheCommandLine)
{
    importPaperScores();
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("results"), QStringLiteral("--format"), QStringLiteral("json")}, &out), 0) << out.toStdString();
    const QJsonObject cli = QJsonDocument::fromJson(out.toUtf8()).object();
    ASSERT_FALSE(cli.isEmpty()) << out.toStdString();

    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const RawReply live = admin.get(QStringLiteral("/api/v1/hq/results"));
    ASSERT_EQ(live.status, 200);
    EXPECT_TRUE(live.json.value(QStringLiteral("version")).isNull());
    EXPECT_EQ(live.json.value(QStringLiteral("units")), cli.value(QStringLiteral("units")));
    EXPECT_EQ(live.json.value(QStringLiteral("projects")).toArray().size(), 7);

    // And both equal the campaign's expected results.
    const QStringList lines = QString::fromUtf8(readFile(samplePath(QStringLiteral("expected-results.csv")))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 11);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].trimmed().split(QLatin1Char(','));
        const QJsonObject unit = unitIn(live.json, f[0]);
        EXPECT_EQ(unit.value(QStringLiteral("total")).toString(), f[1]) << f[0].toStdString();
        EXPECT_EQ(unit.value(QStringLiteral("grade")).toString(), f[2]) << f[0].toStdString();
        EXPECT_EQ(unit.value(QStringLiteral("rank")).toInt(), f[3].toInt()) << f[0].toStdString();
        EXPECT_EQ(unit.value(QStringLiteral("category_rank")).toInt(), f[4].toInt()) << f[0].toStdString();
    }
}

TEST_P(ConsoleApi, APublishedVersionStaysFrozenWhileLiveResultsMoveOn)
{
    importPaperScores();
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const RawReply before = admin.get(QStringLiteral("/api/v1/hq/results"));
    const RawReply first = admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QStringLiteral("初步结果")}});
    ASSERT_EQ(first.status, 201) << first.body.toStdString();
    EXPECT_EQ(first.json.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_EQ(first.json.value(QStringLiteral("account")).toString(), QStringLiteral("kpb.admin"));
    EXPECT_EQ(first.json.value(QStringLiteral("name")).toString(), QStringLiteral("赵考评"));
    EXPECT_EQ(first.json.value(QStringLiteral("note")).toString(), QStringLiteral("初步结果"));

    // The group leader sets a final value of 0 on DC's item 1.1 (worth 6 points).
    pushAs(QStringLiteral("g1.li"), {scoreMutation(1, QStringLiteral("final-dc-1.1"), QStringLiteral("DC"), QStringLiteral("1.1"),
                                                   QStringLiteral("g1.li"), QStringLiteral("0"), 9000, QStringLiteral("final"),
                                                   QStringLiteral("现场核实无会议记录"))});
    const QString totalBefore = unitIn(before.json, QStringLiteral("DC")).value(QStringLiteral("total")).toString();
    const QString totalLive = unitIn(admin.get(QStringLiteral("/api/v1/hq/results")).json, QStringLiteral("DC")).value(QStringLiteral("total")).toString();
    EXPECT_NE(totalLive, totalBefore);

    const RawReply frozen = admin.get(QStringLiteral("/api/v1/hq/results?version=1"));
    ASSERT_EQ(frozen.status, 200);
    EXPECT_EQ(frozen.json.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_FALSE(frozen.json.value(QStringLiteral("published_at")).toString().isEmpty());
    EXPECT_EQ(frozen.json.value(QStringLiteral("units")), before.json.value(QStringLiteral("units")));

    const RawReply second = admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QStringLiteral("核定后")}});
    ASSERT_EQ(second.status, 201);
    EXPECT_EQ(second.json.value(QStringLiteral("version")).toInt(), 2);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/results?version=1")).json.value(QStringLiteral("units")),
              before.json.value(QStringLiteral("units")));
    const QJsonArray versions = admin.get(QStringLiteral("/api/v1/hq/publications")).json.value(QStringLiteral("versions")).toArray();
    ASSERT_EQ(versions.size(), 2);
    EXPECT_EQ(versions[1].toObject().value(QStringLiteral("note")).toString(), QStringLiteral("核定后"));
    EXPECT_EQ(versions[1].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("赵考评"));

    const RawReply diff = admin.get(QStringLiteral("/api/v1/hq/publications/2/diff?against=1"));
    ASSERT_EQ(diff.status, 200) << diff.body.toStdString();
    EXPECT_EQ(diff.json.value(QStringLiteral("from")).toInt(), 1);
    EXPECT_EQ(diff.json.value(QStringLiteral("to")).toInt(), 2);
    bool totalChange = false, itemChange = false;
    for (const QJsonValue &value : diff.json.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject change = value.toObject();
        if (change.value(QStringLiteral("unit")).toString() != QLatin1String("DC"))
            continue;
        if (change.value(QStringLiteral("field")).toString() == QLatin1String("total")) {
            totalChange = true;
            EXPECT_EQ(change.value(QStringLiteral("before")).toString(), totalBefore);
            EXPECT_EQ(change.value(QStringLiteral("after")).toString(), totalLive);
        }
        if (change.value(QStringLiteral("field")).toString() == QLatin1String("item:1.1")) {
            itemChange = true;
            EXPECT_EQ(change.value(QStringLiteral("after")).toString(), QStringLiteral("0.00"));
        }
    }
    EXPECT_TRUE(totalChange) << diff.body.toStdString();
    EXPECT_TRUE(itemChange) << diff.body.toStdString();
    // The default comparison is with the previous version; a version against itself has no change.
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/publications/2/diff")).json.value(QStringLiteral("from")).toInt(), 1);
    EXPECT_TRUE(admin.get(QStringLiteral("/api/v1/hq/publications/2/diff?against=2")).json.value(QStringLiteral("changes")).toArray().isEmpty());

    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/results?version=3")).status, 404);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/results?version=abc")).status, 400);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/publications/1/diff")).status, 400);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/publications/9/diff?against=1")).status, 404);
    const RawReply notObject = rawHttp(hq->port(), "POST", "/api/v1/hq/publications",
                                       {{"Cookie", admin.cookie()}, {"X-CSRF-Token", admin.csrfToken().toLatin1()}}, "[1]");
    EXPECT_EQ(notObject.status, 400);
}

TEST_P(ConsoleApi, UnitEvidenceShowsEveryRaterTrimmingAndTheFinalValue)
{
    importPaperScores();
    const Evidence evidence = pushEvidence(*this, *hq, [this](const QString &a, const QJsonArray &m) { pushAs(a, m); });
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));

    // YL has five raters: one lowest and one highest value are dropped.
    const RawReply yl = admin.get(QStringLiteral("/api/v1/hq/units/YL"));
    ASSERT_EQ(yl.status, 200);
    EXPECT_EQ(yl.json.value(QStringLiteral("result")).toObject().value(QStringLiteral("unit")).toString(), QStringLiteral("YL"));
    const QJsonArray items = yl.json.value(QStringLiteral("items")).toArray();
    ASSERT_EQ(items.size(), 21);
    int trimmedItems = 0;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const QJsonArray raters = item.value(QStringLiteral("raters")).toArray();
        int dropped = 0;
        double lowest = 1e9, highest = -1e9, droppedLow = 1e9, droppedHigh = -1e9;
        for (const QJsonValue &r : raters) {
            const QJsonObject rater = r.toObject();
            EXPECT_FALSE(rater.value(QStringLiteral("name")).toString().isEmpty());
            if (rater.value(QStringLiteral("points")).isNull())
                continue;
            const double points = rater.value(QStringLiteral("points")).toString().toDouble();
            lowest = std::min(lowest, points);
            highest = std::max(highest, points);
            if (rater.value(QStringLiteral("dropped")).toBool()) {
                ++dropped;
                droppedLow = std::min(droppedLow, points);
                droppedHigh = std::max(droppedHigh, points);
            }
        }
        if (item.value(QStringLiteral("trimmed")).toBool()) {
            ++trimmedItems;
            EXPECT_EQ(raters.size(), 5) << item.value(QStringLiteral("indicator")).toString().toStdString();
            EXPECT_EQ(dropped, 2) << item.value(QStringLiteral("indicator")).toString().toStdString();
            EXPECT_EQ(droppedLow, lowest);
            EXPECT_EQ(droppedHigh, highest);
        } else {
            EXPECT_EQ(dropped, 0);
        }
    }
    EXPECT_GT(trimmedItems, 10);

    // The sample's one final value, with reason and author.
    bool sawFinal = false;
    for (const QString &unit : {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM"), QStringLiteral("QS"),
                                QStringLiteral("PC"), QStringLiteral("LL"), QStringLiteral("XQ"), QStringLiteral("XC"),
                                QStringLiteral("YL"), QStringLiteral("HW")}) {
        for (const QJsonValue &value : admin.get(QStringLiteral("/api/v1/hq/units/") + unit).json.value(QStringLiteral("items")).toArray()) {
            const QJsonValue final = value.toObject().value(QStringLiteral("final"));
            if (!final.isObject())
                continue;
            sawFinal = true;
            EXPECT_FALSE(final.toObject().value(QStringLiteral("reason")).toString().isEmpty());
            EXPECT_FALSE(final.toObject().value(QStringLiteral("account")).toString().isEmpty());
            EXPECT_EQ(final.toObject().value(QStringLiteral("points")), value.toObject().value(QStringLiteral("points")));
        }
    }
    EXPECT_TRUE(sawFinal);

    const RawReply dc = admin.get(QStringLiteral("/api/v1/hq/units/DC"));
    const QJsonArray visits = dc.json.value(QStringLiteral("visits")).toArray();
    ASSERT_EQ(visits.size(), 1);
    EXPECT_EQ(visits[0].toObject().value(QStringLiteral("site_name")).toString(), QStringLiteral("幸福社区党群服务中心"));
    EXPECT_DOUBLE_EQ(visits[0].toObject().value(QStringLiteral("latitude")).toDouble(), 35.5624);
    EXPECT_EQ(visits[0].toObject().value(QStringLiteral("checked_in_at")).toString(), QStringLiteral("2026-06-20T08:10:00.000Z"));
    EXPECT_EQ(unitCodes(dc.json.value(QStringLiteral("photos")).toArray(), QStringLiteral("sha256")), QStringList{evidence.dcPhoto});
    EXPECT_EQ(unitCodes(dc.json.value(QStringLiteral("photos")).toArray(), QStringLiteral("name")), QStringList{QStringLiteral("李建国")});
    EXPECT_EQ(dc.json.value(QStringLiteral("findings")).toArray().size(), 1);
    EXPECT_EQ(dc.json.value(QStringLiteral("highlights")).toArray().size(), 1);

    const QJsonObject progress = admin.get(QStringLiteral("/api/v1/hq/progress")).json;
    for (const QJsonValue &value : progress.value(QStringLiteral("units")).toArray()) {
        const QJsonObject unit = value.toObject();
        if (unit.value(QStringLiteral("unit")).toString() != QLatin1String("DC"))
            continue;
        EXPECT_EQ(unit.value(QStringLiteral("item_count")).toInt(), 21);
        EXPECT_EQ(unit.value(QStringLiteral("scored_items")).toInt(), 21);
        EXPECT_EQ(unit.value(QStringLiteral("visits")).toInt(), 1);
        EXPECT_EQ(unit.value(QStringLiteral("photos")).toInt(), 1);
        EXPECT_EQ(unit.value(QStringLiteral("findings")).toInt(), 1);
        EXPECT_EQ(unit.value(QStringLiteral("highlights")).toInt(), 1);
        EXPECT_FALSE(unit.value(QStringLiteral("last_change_at")).isNull());
        EXPECT_GE(unit.value(QStringLiteral("raters")).toArray().size(), 4);
    }
    const QJsonArray days = admin.get(QStringLiteral("/api/v1/hq/charts/progress")).json.value(QStringLiteral("days")).toArray();
    ASSERT_FALSE(days.isEmpty());
    EXPECT_EQ(days.last().toObject().value(QStringLiteral("scored_entries")).toInt(), 883);

    // Days are Beijing days: a score recorded at 17:30 UTC counts on the next day.
    QJsonObject late = scoreMutation(1, QStringLiteral("late-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                     QStringLiteral("g1.zhang"), QStringLiteral("好"), QDateTime::currentMSecsSinceEpoch());
    QJsonObject lateData = late.value(QStringLiteral("data")).toObject();
    lateData.insert(QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T17:30:00.000Z"));
    late.insert(QStringLiteral("data"), lateData);
    pushAs(QStringLiteral("g1.zhang"), {late});
    const QJsonArray afterLate =
        admin.get(QStringLiteral("/api/v1/hq/charts/progress")).json.value(QStringLiteral("days")).toArray();
    ASSERT_FALSE(afterLate.isEmpty());
    EXPECT_EQ(afterLate.first().toObject().value(QStringLiteral("date")).toString(), QStringLiteral("2026-06-21"));
    EXPECT_EQ(afterLate.first().toObject().value(QStringLiteral("scored_entries")).toInt(), 1);
}

TEST_P(ConsoleApi, IntegrityHistoryAndExportsFollowTheSameRoles)
{
    importPaperScores();
    const QStringList pages = {
        QStringLiteral("/api/v1/hq/integrity?threshold=0.2"), QStringLiteral("/api/v1/hq/history?unit=DC&indicator=1.1"),
        QStringLiteral("/api/v1/hq/exports/results.xlsx"),    QStringLiteral("/api/v1/hq/exports/results.csv"),
        QStringLiteral("/api/v1/hq/exports/findings.xlsx"),
    };
    const std::vector<std::pair<QString, int>> roles = {
        {QStringLiteral("kpb.admin"), 200}, {QStringLiteral("g1.li"), 200}, {QStringLiteral("g1.zhang"), 403},
        {QStringLiteral("dc.liaison"), 403}, {QString(), 401}};
    for (const auto &[account, status] : roles) {
        ConsoleClient browser = account.isEmpty() ? signedOut() : console(account);
        for (const QString &page : pages) {
            const RawReply reply = browser.get(page);
            EXPECT_EQ(reply.status, status) << account.toStdString() << " " << page.toStdString() << ": "
                                            << reply.body.left(200).toStdString();
        }
    }

    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const RawReply integrity = admin.get(QStringLiteral("/api/v1/hq/integrity?threshold=0.2"));
    EXPECT_FALSE(integrity.json.value(QStringLiteral("raters")).toArray().isEmpty());
    EXPECT_TRUE(integrity.json.value(QStringLiteral("history")).toObject().value(QStringLiteral("ok")).toBool())
        << integrity.body.toStdString();
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/integrity?threshold=abc")).status, 400);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/integrity?threshold=nan")).status, 400);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/integrity?threshold=1.5")).status, 400);
    const RawReply history = admin.get(QStringLiteral("/api/v1/hq/history?unit=DC&indicator=1.1"));
    EXPECT_EQ(history.json.value(QStringLiteral("entries")).toArray().size(), 4) << history.body.left(400).toStdString();
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/history")).status, 400);

    const RawReply csv = admin.get(QStringLiteral("/api/v1/hq/exports/results.csv"));
    EXPECT_TRUE(csv.body.startsWith("\xEF\xBB\xBF")) << "UTF-8 BOM";
    EXPECT_TRUE(csv.header("content-disposition").startsWith("attachment; filename*=UTF-8''"));
    EXPECT_TRUE(csv.body.contains("QS,")) << csv.body.left(300).toStdString();
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/exports/results.docx")).status, 404);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/exports/results.csv?version=7")).status, 404);

    // A leader's history and exports hold their group's units only.
    ConsoleClient leader = console(QStringLiteral("g1.li"));
    EXPECT_EQ(leader.get(QStringLiteral("/api/v1/hq/history?unit=QS")).status, 403);
    const RawReply leaderCsv = leader.get(QStringLiteral("/api/v1/hq/exports/results.csv"));
    ASSERT_EQ(leaderCsv.status, 200);
    EXPECT_TRUE(leaderCsv.body.contains("\nDC,")) << leaderCsv.body.toStdString();
    EXPECT_FALSE(leaderCsv.body.contains("QS,")) << leaderCsv.body.toStdString();
    EXPECT_FALSE(leaderCsv.body.contains(QStringLiteral("青山县").toUtf8()));
}

ONSITE_E2E_BACKENDS(ConsoleApi);

} // namespace
} // namespace onsite::test
