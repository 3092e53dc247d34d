// The HQ console's parts without the server: who sees what (ConsoleAccess), session
// expiry on an injected clock, published versions, and the diff between versions.
#include "console/consolesessions.h"
#include "console/resultsview.h"
#include "hq/hqschema.h"
#include "hq/passwordhash.h"
#include "hq/resultscache.h"
#include "hq/resultsjson.h"
#include "hq/resultversions.h"
#include "import/campaignimporter.h"
#include "import/paperscoreimporter.h"
#include "policy/consoleaccess.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace onsite {
namespace {

const CampaignSetup &sample()
{
    static const CampaignSetup setup = [] {
        CampaignSetup loaded = CampaignImporter::importFolder(test::sampleCampaignDir());
        loaded.indexUnits();
        return loaded;
    }();
    return setup;
}

ConsoleAccess accessOf(const QString &account) { return ConsoleAccess(sample(), *sample().person(account)); }

TEST(ConsoleAccess, HqSeesEveryUnitAndLeadersTheirGroupReadOnly)
{
    const ConsoleAccess hq = accessOf(QStringLiteral("kpb.admin"));
    EXPECT_TRUE(hq.mayOpenPages());
    EXPECT_TRUE(hq.mayPublish());
    EXPECT_EQ(hq.units().size(), 10);
    EXPECT_TRUE(hq.canSeeGroup(QStringLiteral("第二检查组")));

    const ConsoleAccess leader = accessOf(QStringLiteral("g2.yang"));
    EXPECT_TRUE(leader.mayOpenPages());
    EXPECT_FALSE(leader.mayPublish());
    EXPECT_EQ(leader.units(), (QStringList{QStringLiteral("QS"), QStringLiteral("PC"), QStringLiteral("LL"),
                                           QStringLiteral("XQ")}));
    EXPECT_TRUE(leader.canSee(QStringLiteral("QS")));
    EXPECT_FALSE(leader.canSee(QStringLiteral("DC")));
    EXPECT_TRUE(leader.canSeeGroup(QStringLiteral("第二检查组")));
    EXPECT_FALSE(leader.canSeeGroup(QStringLiteral("第一检查组")));

    for (const QString &account : {QStringLiteral("g1.zhang"), QStringLiteral("dc.liaison")}) {
        const ConsoleAccess none = accessOf(account);
        EXPECT_FALSE(none.mayOpenPages()) << account.toStdString();
        EXPECT_FALSE(none.mayPublish());
        EXPECT_TRUE(none.units().isEmpty()) << "no page shows them any unit";
        EXPECT_FALSE(none.canSee(QStringLiteral("DC")));
    }
}

// 回避 in the console as on the tablet (hq/scope.cpp): a leader from one of their own
// group's units does not see it (its scores, raters, history) on any page.
TEST(ConsoleAccess, ALeaderDoesNotSeeTheirHomeUnit)
{
    Person leader = *sample().person(QStringLiteral("g2.yang"));
    leader.homeUnitCode = QStringLiteral("PC");
    const ConsoleAccess access(sample(), leader);
    EXPECT_EQ(access.units(), (QStringList{QStringLiteral("QS"), QStringLiteral("LL"), QStringLiteral("XQ")}));
    EXPECT_FALSE(access.canSee(QStringLiteral("PC")));
    EXPECT_TRUE(access.canSeeGroup(QStringLiteral("第二检查组")));
    // HQ staff have no home unit to step back from.
    Person office = *sample().person(QStringLiteral("kpb.admin"));
    office.homeUnitCode = QStringLiteral("PC");
    EXPECT_TRUE(ConsoleAccess(sample(), office).canSee(QStringLiteral("PC")));
}

class ConsoleStore : public ::testing::Test
{
protected:
    void SetUp() override
    {
        db = std::make_unique<SqliteConnection>(dir.filePath(QStringLiteral("hq.sqlite")));
        hq::migrateHqDatabase(*db);
        CampaignStore(*db).saveSetup(sample());
    }
    QTemporaryDir dir;
    std::unique_ptr<SqlConnection> db;
};

TEST_F(ConsoleStore, SessionsExpireAfterTwelveIdleHoursAndSevenDaysOnTheInjectedClock)
{
    console::ConsoleSessions sessions(*db);
    const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-06-20T08:00:00.000Z"), Qt::ISODateWithMs);
    const auto [id, created] = sessions.create(QStringLiteral("kpb.admin"), QStringLiteral("127.0.0.1"), t0);
    EXPECT_EQ(created.expiresAt(), t0.addSecs(12 * 3600));
    const auto stored = db->query(QStringLiteral("SELECT id_hash FROM hq_console_sessions"));
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].value(0).toString(), hq::tokenDigest(id));

    // Used every 11 hours it lives on, but never past 7 days.
    QDateTime now = t0;
    for (int i = 0; i < 15; ++i) {
        now = now.addSecs(11 * 3600);
        const console::SessionLookup lookup = sessions.use(id, now);
        EXPECT_EQ(lookup.state, console::SessionState::Valid) << i;
        EXPECT_EQ(lookup.session->csrfToken, created.csrfToken);
    }
    const QDateTime week = t0.addDays(7);
    EXPECT_EQ(sessions.use(id, week.addSecs(-1)).state, console::SessionState::Valid);
    EXPECT_EQ(sessions.use(id, week).state, console::SessionState::Expired);
    EXPECT_EQ(sessions.use(id, week).state, console::SessionState::Unknown) << "an expired session is removed";

    const auto [idle, _] = sessions.create(QStringLiteral("g1.li"), QStringLiteral("127.0.0.1"), t0);
    EXPECT_EQ(sessions.use(idle, t0.addSecs(12 * 3600 - 1)).state, console::SessionState::Valid);
    EXPECT_EQ(sessions.use(idle, t0.addSecs(24 * 3600)).state, console::SessionState::Expired);
    EXPECT_EQ(sessions.use(QStringLiteral("made-up"), t0).state, console::SessionState::Unknown);
    EXPECT_EQ(sessions.use(QString(), t0).state, console::SessionState::Unknown);
}

TEST_F(ConsoleStore, TheLiveResultsViewWrittenFromTheCacheIsTheViewOfTheDocument)
{
    CampaignStore(*db).addScores(
        PaperScoreImporter(sample(), {}).importFile(test::samplePath(QStringLiteral("scores-paper.csv"))));
    hq::ResultsCache cache;
    for (const char *account : {"kpb.admin", "g2.yang", "g1.li"}) {
        const ConsoleAccess access = accessOf(QString::fromLatin1(account));
        const QJsonObject view = console::resultsView(sample(), access, hq::currentResultsJson(*db, sample()), {}, {});
        const QByteArray bytes = console::liveResultsViewJson(sample(), access, cache, *db);
        EXPECT_EQ(bytes, QJsonDocument(view).toJson(QJsonDocument::Compact)) << account;
        EXPECT_EQ(QJsonDocument::fromJson(bytes).object().value(QStringLiteral("units")).toArray().size(),
                  access.units().size())
            << account;
    }
}

TEST_F(ConsoleStore, APublishedVersionIsTheResultsDocumentAndNeverChanges)
{
    CampaignStore store(*db);
    store.addScores(PaperScoreImporter(sample(), {}).importFile(test::samplePath(QStringLiteral("scores-paper.csv"))));
    hq::ResultVersions versions(*db);
    const QJsonObject before = hq::currentResultsJson(*db, sample());
    const QDateTime at = QDateTime::fromString(QStringLiteral("2026-07-16T02:00:00.000Z"), Qt::ISODateWithMs);
    EXPECT_EQ(versions.publish(QStringLiteral("第一次"), QStringLiteral("kpb.admin"), at), 1);
    EXPECT_EQ(*versions.load(1), before);

    ScoreEntry final{QStringLiteral("final-x"), QStringLiteral("DC"), QStringLiteral("1.1"), QStringLiteral("g1.li"),
                     ScoreKind::Final, QStringLiteral("0"), QStringLiteral("核实"), at, QStringLiteral("paper")};
    store.addScores({final});
    const QJsonObject after = hq::currentResultsJson(*db, sample());
    EXPECT_NE(after, before);
    EXPECT_EQ(*versions.load(1), before);
    EXPECT_EQ(versions.publish(QString(), QStringLiteral("kpb.admin"), at.addSecs(60)), 2);
    EXPECT_EQ(*versions.load(2), after);
    ASSERT_EQ(versions.list().size(), 2u);
    EXPECT_EQ(versions.list()[0].note, QStringLiteral("第一次"));
    EXPECT_EQ(versions.list()[0].publishedAt, at);
    EXPECT_FALSE(versions.load(3).has_value());

    // The diff names DC's changed item, subtotal and total; other units only move in rank.
    // A leader of another group sees only their own units' rank moves.
    const QJsonArray changes = console::resultsDiff(*versions.load(1), *versions.load(2), accessOf(QStringLiteral("kpb.admin")));
    QStringList dcFields;
    for (const QJsonValue &value : changes) {
        const QJsonObject change = value.toObject();
        const QString field = change.value(QStringLiteral("field")).toString();
        if (change.value(QStringLiteral("unit")).toString() == QLatin1String("DC"))
            dcFields << field;
        else
            EXPECT_TRUE(field == QLatin1String("rank") || field == QLatin1String("category_rank")) << field.toStdString();
    }
    EXPECT_TRUE(dcFields.contains(QStringLiteral("total"))) << dcFields.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(dcFields.contains(QStringLiteral("item:1.1")));
    EXPECT_TRUE(dcFields.contains(QStringLiteral("subtotal:1")));
    const ConsoleAccess group2 = accessOf(QStringLiteral("g2.yang"));
    for (const QJsonValue &value : console::resultsDiff(*versions.load(1), *versions.load(2), group2)) {
        EXPECT_TRUE(group2.canSee(value.toObject().value(QStringLiteral("unit")).toString()));
        EXPECT_TRUE(value.toObject().value(QStringLiteral("field")).toString().endsWith(QLatin1String("rank")));
    }
    EXPECT_TRUE(console::resultsDiff(*versions.load(2), *versions.load(2), accessOf(QStringLiteral("kpb.admin"))).isEmpty());
}

} // namespace
} // namespace onsite
