// The keyed score history (DOMAIN.md §Integrity): every change of a score, final value and
// submission is recorded, from devices and from HQ, and any tampering with the rows is
// found by verify(), on SQLite and on PostgreSQL.
#include "hq/changefeed.h"
#include "hq/hqschema.h"
#include "hq/hqwriter.h"
#include "hq/recordwriter.h"
#include "hq/scorehistory.h"
#include "import/campaignimporter.h"
#include "postgres/postgrestestdb.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace onsite {
namespace {

enum class Engine { Sqlite, Postgres };

const QByteArray kKey(32, 'k');

QString clockAt(qint64 ms) { return QStringLiteral("%1-00000").arg(ms, 13, 10, QLatin1Char('0')); }

QJsonObject scoreData(const QString &unit, const QString &item, const QString &account, const QString &input,
                      const QString &kind = QStringLiteral("rater"), const QString &reason = {})
{
    return {{QStringLiteral("unit"), unit},     {QStringLiteral("indicator"), item},
            {QStringLiteral("account"), account}, {QStringLiteral("kind"), kind},
            {QStringLiteral("input"), input},   {QStringLiteral("reason"), reason},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}};
}

QJsonObject submissionData(const QString &unit, const QString &account, bool locked, const QString &note = {})
{
    return {{QStringLiteral("unit"), unit},
            {QStringLiteral("locked"), locked},
            {QStringLiteral("account"), account},
            {QStringLiteral("changed_at"), QStringLiteral("2026-06-21T08:00:00.000Z")},
            {QStringLiteral("note"), note}};
}

class ScoreHistoryTest : public ::testing::TestWithParam<Engine>
{
protected:
    void SetUp() override
    {
        if (GetParam() == Engine::Postgres) {
            if (test::postgresAdminUrl().isEmpty())
                GTEST_SKIP() << "ONSITE_TEST_POSTGRES_URL is not set";
            pg = std::make_unique<test::PostgresTestDatabase>(test::postgresAdminUrl());
            db = pg->connect();
        } else {
            db = std::make_unique<SqliteConnection>(dir.filePath(QStringLiteral("hq.sqlite")));
        }
        hq::migrateHqDatabase(*db);
        CampaignStore(*db).saveSetup(CampaignImporter::importFolder(test::sampleCampaignDir()));
        setup = *CampaignStore(*db).loadSetup();
    }
    void TearDown() override
    {
        db.reset();
        pg.reset();
    }

    // Applies one device mutation as a push does (own transaction, flushed before the commit).
    protocol::MutationResult apply(const QString &account, const QString &device, const protocol::Mutation &m)
    {
        SqlTransaction transaction(*db);
        hq::ChangeFeed feed(*db);
        hq::RecordWriter writer(*db, setup, feed, kKey);
        const auto result = writer.apply(m, hq::DeviceSession{account, device}, hq::Scope(setup, *setup.person(account)),
                                         QDateTime::currentDateTimeUtc());
        writer.flush();
        transaction.commit();
        return result;
    }
    protocol::MutationResult score(const QString &account, const QString &id, const QString &unit, const QString &item,
                                   const QString &input, qint64 clock, const QString &kind = QStringLiteral("rater"),
                                   const QString &reason = {})
    {
        return apply(account, QStringLiteral("dev-") + account,
                     {1, protocol::entity::kScore, id, protocol::op::kUpsert, clockAt(clock),
                      scoreData(unit, item, account, input, kind, reason)});
    }
    protocol::MutationResult remove(const QString &account, const QString &id, qint64 clock)
    {
        return apply(account, QStringLiteral("dev-") + account,
                     {1, protocol::entity::kScore, id, protocol::op::kDelete, clockAt(clock), {}});
    }

    // A paper score of g1.zhang and the same for a unit of group 2, which the rules refuse.
    static std::pair<ScoreEntry, ScoreEntry> paperScoreAndOneOutOfScope()
    {
        ScoreEntry good{QStringLiteral("p-1"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.zhang"),
                        ScoreKind::Rater, QStringLiteral("好"), {}, QDateTime::currentDateTimeUtc(), QStringLiteral("paper")};
        ScoreEntry outside = good;
        outside.id = QStringLiteral("p-2");
        outside.unitCode = QStringLiteral("LL");
        return {good, outside};
    }
    void expectNoScoreOrChange()
    {
        EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM score_entries"))[0][0].toLongLong(), 0);
        EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM hq_changes"))[0][0].toLongLong(), 0);
    }
    QJsonObject verify() { return hq::ScoreHistory(*db, kKey).verify(); }
    QString breakReason(const QJsonObject &report)
    {
        return report.value(QStringLiteral("first_break")).toObject().value(QStringLiteral("reason")).toString();
    }
    qint64 breakSeq(const QJsonObject &report)
    {
        return report.value(QStringLiteral("first_break")).toObject().value(QStringLiteral("seq")).toInteger();
    }

    // A small history of five rows: create, update, create, delete, recreate.
    void writeFiveChanges()
    {
        ASSERT_EQ(score(QStringLiteral("g1.zhang"), QStringLiteral("s-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                        QStringLiteral("较好"), 1000).status, protocol::MutationStatus::Applied);
        ASSERT_EQ(score(QStringLiteral("g1.zhang"), QStringLiteral("s-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                        QStringLiteral("好"), 2000).status, protocol::MutationStatus::Applied);
        ASSERT_EQ(score(QStringLiteral("g1.zhang"), QStringLiteral("s-2"), QStringLiteral("DC"), QStringLiteral("1.2"),
                        QStringLiteral("15.5"), 3000).status, protocol::MutationStatus::Applied);
        ASSERT_EQ(remove(QStringLiteral("g1.zhang"), QStringLiteral("s-2"), 4000).status, protocol::MutationStatus::Applied);
        ASSERT_EQ(score(QStringLiteral("g1.zhang"), QStringLiteral("s-3"), QStringLiteral("DC"), QStringLiteral("1.2"),
                        QStringLiteral("16"), 5000).status, protocol::MutationStatus::Applied);
    }

    QTemporaryDir dir;
    std::unique_ptr<test::PostgresTestDatabase> pg;
    std::unique_ptr<SqlConnection> db;
    CampaignSetup setup;
};

QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *word : list)
        out << QString::fromUtf8(word);
    return out;
}

QStringList actionsOf(const QJsonArray &entries)
{
    QStringList actions;
    for (const QJsonValue &entry : entries)
        actions << entry.toObject().value(QStringLiteral("action")).toString();
    return actions;
}

TEST_P(ScoreHistoryTest, EveryKindOfChangeIsRecordedWithOldAndNewValues)
{
    writeFiveChanges();
    // A leader's final value, then submission and reopening of BH (complete via final values).
    ASSERT_EQ(score(QStringLiteral("g1.li"), QStringLiteral("f-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                    QStringLiteral("3.5"), 6000, QStringLiteral("final"), QStringLiteral("现场复核")).status,
              protocol::MutationStatus::Applied);
    qint64 clock = 7000;
    for (const Indicator &item : setup.indicators) {
        if (item.isProject())
            continue;
        const QString input = item.method() == ScoringMethod::Veto ? QStringLiteral("否") : QStringLiteral("0");
        ASSERT_EQ(score(QStringLiteral("g1.li"), QStringLiteral("bh-") + item.code, QStringLiteral("BH"), item.code, input,
                        clock++, QStringLiteral("final"), QStringLiteral("核定")).status,
                  protocol::MutationStatus::Applied);
    }
    const auto submit = [&](bool locked, const QString &note) {
        return apply(QStringLiteral("g1.li"), QStringLiteral("dev-li"),
                     {1, protocol::entity::kSubmission, QStringLiteral("sub-1"), protocol::op::kUpsert,
                      clockAt(clock++), submissionData(QStringLiteral("BH"), QStringLiteral("g1.li"), locked, note)});
    };
    ASSERT_EQ(submit(true, {}).status, protocol::MutationStatus::Applied);
    ASSERT_EQ(submit(false, QStringLiteral("补充查看")).status, protocol::MutationStatus::Applied);
    // A paper score written at HQ (补录) for another rater.
    ScoreEntry paper{QStringLiteral("p-1"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.liu"),
                     ScoreKind::Rater, QStringLiteral("一般"), {}, QDateTime::currentDateTimeUtc(), QStringLiteral("paper")};
    EXPECT_FALSE(hq::HqWriter(*db, setup, kKey, hq::HqWriter::kPaperOrigin)
                     .write(hq::HqWriter::scoreChanges({paper}), QDateTime::currentDateTimeUtc()));

    // A final value set at HQ by 考评办 (HqWriter with origin "hq").
    const hq::HqChange hqFinal{QStringLiteral("kpb.admin"), protocol::entity::kScore, QStringLiteral("hq-1"),
                               protocol::op::kUpsert,
                               scoreData(QStringLiteral("DC"), QStringLiteral("2.4"), QStringLiteral("kpb.admin"),
                                         QStringLiteral("3"), QStringLiteral("final"), QStringLiteral("考评办复核"))};
    EXPECT_FALSE(hq::HqWriter(*db, setup, kKey, hq::HqWriter::kHqOrigin).write({hqFinal}, QDateTime::currentDateTimeUtc()));

    hq::ScoreHistory history(*db, kKey);
    const QJsonArray dc24 = history.entries(QStringLiteral("DC"), QStringLiteral("2.4"));
    ASSERT_EQ(dc24.size(), 1);
    EXPECT_EQ(dc24[0].toObject().value(QStringLiteral("origin")).toString(), QStringLiteral("hq"));
    EXPECT_EQ(dc24[0].toObject().value(QStringLiteral("account")).toString(), QStringLiteral("kpb.admin"));
    EXPECT_EQ(dc24[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("final"));
    // HQ's write is in the change feed like a device's, so the group's tablets pull it.
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM hq_changes WHERE entity_id = 'hq-1' AND unit_code = 'DC'"))[0][0]
                  .toLongLong(),
              1);

    const QJsonArray dc14 = history.entries(QStringLiteral("DC"), QStringLiteral("1.4"));
    EXPECT_EQ(actionsOf(dc14), words({"create", "update", "create", "create"}));
    EXPECT_EQ(dc14[1].toObject().value(QStringLiteral("old")).toString(), QStringLiteral("较好"));
    EXPECT_EQ(dc14[1].toObject().value(QStringLiteral("new")).toString(), QStringLiteral("好"));
    EXPECT_TRUE(dc14[0].toObject().value(QStringLiteral("old")).isNull());
    EXPECT_EQ(dc14[2].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("final"));
    EXPECT_EQ(dc14[2].toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("现场复核"));
    EXPECT_EQ(dc14[3].toObject().value(QStringLiteral("origin")).toString(), QStringLiteral("paper"));
    EXPECT_EQ(dc14[3].toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g1.liu"));

    const QJsonArray dc12 = history.entries(QStringLiteral("DC"), QStringLiteral("1.2"));
    EXPECT_EQ(actionsOf(dc12), words({"create", "delete", "recreate"}));
    EXPECT_EQ(dc12[1].toObject().value(QStringLiteral("old")).toString(), QStringLiteral("15.5"));
    EXPECT_TRUE(dc12[1].toObject().value(QStringLiteral("new")).isNull());
    EXPECT_EQ(dc12[2].toObject().value(QStringLiteral("old")).toString(), QStringLiteral("15.5"));
    EXPECT_EQ(dc12[2].toObject().value(QStringLiteral("new")).toString(), QStringLiteral("16"));

    QStringList bhSubmissions;
    for (const QJsonValue &entry : history.entries(QStringLiteral("BH"), {})) {
        if (entry.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("submission"))
            bhSubmissions << entry.toObject().value(QStringLiteral("action")).toString() + QLatin1Char(':') +
                                 entry.toObject().value(QStringLiteral("new")).toString();
    }
    EXPECT_EQ(bhSubmissions, words({"submit:locked", "reopen:open"}));

    const QJsonObject report = verify();
    EXPECT_TRUE(report.value(QStringLiteral("ok")).toBool()) << breakReason(report).toStdString();
    EXPECT_GT(report.value(QStringLiteral("entries")).toInteger(), 25);
}

TEST_P(ScoreHistoryTest, EditingAHistoryRowIsDetected)
{
    writeFiveChanges();
    ASSERT_TRUE(verify().value(QStringLiteral("ok")).toBool());
    db->execute(QStringLiteral("UPDATE score_history SET new_value = '好' WHERE seq = 3"));
    const QJsonObject report = verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(breakSeq(report), 3);
}

TEST_P(ScoreHistoryTest, DeletingARowInTheMiddleIsDetected)
{
    writeFiveChanges();
    db->execute(QStringLiteral("DELETE FROM score_history WHERE seq = 2"));
    const QJsonObject report = verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(breakSeq(report), 2);
    EXPECT_TRUE(breakReason(report).contains(QStringLiteral("缺失"))) << breakReason(report).toStdString();
}

TEST_P(ScoreHistoryTest, DeletingTheLastRowIsDetected)
{
    // The chain before it is intact, but the head names row 5 under the key.
    writeFiveChanges();
    db->execute(QStringLiteral("DELETE FROM score_history WHERE seq = 5"));
    const QJsonObject report = verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(breakSeq(report), 5);
}

TEST_P(ScoreHistoryTest, ReorderingRowsIsDetected)
{
    writeFiveChanges();
    // Swap rows 2 and 3 with their MACs, renumbered to keep the sequence gap-free.
    db->execute(QStringLiteral("UPDATE score_history SET seq = 100 WHERE seq = 2"));
    db->execute(QStringLiteral("UPDATE score_history SET seq = 2 WHERE seq = 3"));
    db->execute(QStringLiteral("UPDATE score_history SET seq = 3 WHERE seq = 100"));
    const QJsonObject report = verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(breakSeq(report), 2);
}

TEST_P(ScoreHistoryTest, AHashRecomputedWithoutTheKeyIsDetected)
{
    writeFiveChanges();
    // Someone with the database but not history.key edits row 4 and "repairs" its MAC and
    // every later one with another key (here: a plain SHA-256 chain, or a guessed key).
    for (const QByteArray &guess : {QByteArray(), QByteArray(32, 'x')}) {
        db->execute(QStringLiteral("UPDATE score_history SET old_value = '0' WHERE seq = 4"));
        const auto rows = db->query(QStringLiteral("SELECT seq, mac FROM score_history WHERE seq >= 4 ORDER BY seq"));
        QByteArray previous = db->query(QStringLiteral("SELECT mac FROM score_history WHERE seq = 3"))[0][0].toString().toLatin1();
        for (const SqlRow &row : rows) {
            const QByteArray forged = guess.isEmpty()
                                          ? QCryptographicHash::hash(previous + row[0].toByteArray(), QCryptographicHash::Sha256).toHex()
                                          : QCryptographicHash::hash(guess + previous, QCryptographicHash::Sha256).toHex();
            db->execute(QStringLiteral("UPDATE score_history SET mac = ? WHERE seq = ?"), {QString::fromLatin1(forged), row[0]});
            previous = forged;
        }
        db->execute(QStringLiteral("UPDATE score_history_head SET mac = ?"), {QString::fromLatin1(previous)});
        const QJsonObject report = verify();
        EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
        EXPECT_EQ(breakSeq(report), 4);
    }
    // Another key cannot verify at all, and says so.
    const QJsonObject wrongKey = hq::ScoreHistory(*db, QByteArray(32, 'z')).verify();
    EXPECT_FALSE(wrongKey.value(QStringLiteral("ok")).toBool());
    EXPECT_TRUE(breakReason(wrongKey).contains(QStringLiteral("history.key"))) << breakReason(wrongKey).toStdString();
    EXPECT_THROW(hq::ScoreHistory(*db, QByteArray(32, 'z')).append({}), std::runtime_error);
}

TEST_P(ScoreHistoryTest, AScoreChangedAroundTheHistoryIsDetected)
{
    writeFiveChanges();
    db->execute(QStringLiteral("UPDATE score_entries SET input = '差' WHERE id = 's-1'"));
    QJsonObject report = verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_TRUE(breakReason(report).contains(QStringLiteral("差"))) << breakReason(report).toStdString();
    db->execute(QStringLiteral("DELETE FROM score_entries WHERE id = 's-1'"));
    report = verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_TRUE(breakReason(report).contains(QStringLiteral("s-1"))) << breakReason(report).toStdString();
}

TEST_P(ScoreHistoryTest, APaperImportRefusedByTheRulesStoresNothing)
{
    // Line 2 is fine, line 3 is a score of g1.zhang for a unit of group 2: the rules of
    // RecordWriter refuse it, and the first one is not kept either.
    const auto [good, outside] = paperScoreAndOneOutOfScope();
    const auto refusal = hq::HqWriter(*db, setup, kKey, hq::HqWriter::kPaperOrigin)
                             .write(hq::HqWriter::scoreChanges({good, outside}), QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->index, 1);
    EXPECT_EQ(refusal->result.reason, QStringLiteral("out_of_scope"));
    expectNoScoreOrChange();
    EXPECT_EQ(verify().value(QStringLiteral("entries")).toInteger(), 0);
}

TEST_P(ScoreHistoryTest, AChunkedPaperImportWritesEachChunkBeforeReadingTheNext)
{
    // Three chunks of three paper scores (one unit each): when the source is asked for a
    // chunk, the earlier chunks' history rows and changes are in the database already (the
    // import's own transaction sees them), so an import of millions of lines holds one
    // chunk in memory. The chain and the feed's numbers still run on across chunks.
    const QStringList units{QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")};
    const QStringList raters{QStringLiteral("g1.zhang"), QStringLiteral("g1.liu"), QStringLiteral("g1.chen")};
    qsizetype given = 0;
    std::vector<qint64> writtenBefore, historyBefore;
    const auto refusal = hq::HqWriter(*db, setup, kKey, hq::HqWriter::kPaperOrigin)
                             .write(
                                 [&](std::vector<hq::HqChange> &chunk) {
                                     writtenBefore.push_back(
                                         db->query(QStringLiteral("SELECT COUNT(*) FROM hq_changes"))[0][0].toLongLong());
                                     historyBefore.push_back(
                                         db->query(QStringLiteral("SELECT COUNT(*) FROM score_history"))[0][0].toLongLong());
                                     if (given == units.size())
                                         return false;
                                     std::vector<ScoreEntry> scores;
                                     for (const QString &rater : raters)
                                         scores.push_back({QStringLiteral("p-%1-%2").arg(units[given], rater), units[given],
                                                           QStringLiteral("1.4"), rater, ScoreKind::Rater,
                                                           QStringLiteral("好"), {}, QDateTime::currentDateTimeUtc(),
                                                           QStringLiteral("paper")});
                                     chunk = hq::HqWriter::scoreChanges(scores);
                                     ++given;
                                     return true;
                                 },
                                 QDateTime::currentDateTimeUtc());
    ASSERT_FALSE(refusal) << refusal->result.message.toStdString();
    EXPECT_EQ(writtenBefore, (std::vector<qint64>{0, 3, 6, 9}));
    EXPECT_EQ(historyBefore, (std::vector<qint64>{0, 3, 6, 9}));
    const auto seqs = db->query(QStringLiteral("SELECT MIN(seq), MAX(seq), COUNT(DISTINCT seq) FROM hq_changes"));
    EXPECT_EQ(seqs[0][0].toLongLong(), 1);
    EXPECT_EQ(seqs[0][1].toLongLong(), 9);
    EXPECT_EQ(seqs[0][2].toLongLong(), 9);
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM score_entries"))[0][0].toLongLong(), 9);
    const QJsonObject report = verify();
    EXPECT_TRUE(report.value(QStringLiteral("ok")).toBool()) << breakReason(report).toStdString();
    EXPECT_EQ(report.value(QStringLiteral("entries")).toInteger(), 9);
}

TEST_P(ScoreHistoryTest, APaperImportRefusedInALaterChunkStoresNothing)
{
    // The first chunk is written (flushed) before the second is refused: the rollback
    // still takes it back, rows, changes and history alike.
    const auto [good, outside] = paperScoreAndOneOutOfScope();
    int chunks = 0;
    const auto refusal = hq::HqWriter(*db, setup, kKey, hq::HqWriter::kPaperOrigin)
                             .write(
                                 [&](std::vector<hq::HqChange> &chunk) {
                                     if (chunks == 2)
                                         return false;
                                     chunk = hq::HqWriter::scoreChanges({chunks++ == 0 ? good : outside});
                                     return true;
                                 },
                                 QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->index, 1);
    expectNoScoreOrChange();
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM score_history"))[0][0].toLongLong(), 0);
    EXPECT_EQ(verify().value(QStringLiteral("entries")).toInteger(), 0);
}

TEST_P(ScoreHistoryTest, HqsOwnCorrectionWinsOverADeviceClockAhead)
{
    // A leader's tablet runs 50 minutes fast (within what HQ accepts): its final value
    // carries a clock later than HQ's. HQ's correction of that record must still win.
    const qint64 ahead = QDateTime::currentMSecsSinceEpoch() + 50 * 60 * 1000;
    ASSERT_EQ(score(QStringLiteral("g1.li"), QStringLiteral("f-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                    QStringLiteral("3.5"), ahead, QStringLiteral("final"), QStringLiteral("现场复核")).status,
              protocol::MutationStatus::Applied);
    const hq::HqChange correction{QStringLiteral("g1.li"), protocol::entity::kScore, QStringLiteral("f-1"),
                                  protocol::op::kUpsert,
                                  scoreData(QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                            QStringLiteral("2"), QStringLiteral("final"), QStringLiteral("考评办更正"))};
    const auto refusal =
        hq::HqWriter(*db, setup, kKey, hq::HqWriter::kHqOrigin).write({correction}, QDateTime::currentDateTimeUtc());
    EXPECT_FALSE(refusal) << (refusal ? refusal->result.reason.toStdString() : std::string());
    EXPECT_EQ(db->query(QStringLiteral("SELECT input FROM score_entries WHERE id = 'f-1'"))[0][0].toString(),
              QStringLiteral("2"));
}

std::string engineName(const ::testing::TestParamInfo<Engine> &info)
{
    return info.param == Engine::Sqlite ? "Sqlite" : "Postgres";
}

INSTANTIATE_TEST_SUITE_P(Engines, ScoreHistoryTest, ::testing::Values(Engine::Sqlite, Engine::Postgres), engineName);

} // namespace
} // namespace onsite
