#include "hq/changefeed.h"
#include "hq/hqschema.h"
#include "postgres/postgrestestdb.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QDateTime>
#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>
#include <string>

using namespace onsite;
using onsite::hq::ChangeFeed;
using onsite::hq::hqMigrationSet;

namespace {

// The keyed statement ChangeFeed::latest runs (deletes and conflicts): its plan is checked.
const QString kLatestSql =
    QStringLiteral("SELECT c.data FROM hq_record_clocks k JOIN hq_changes c ON c.seq = "
                   "k.change_seq WHERE k.entity = ? AND k.entity_id = ?");

int latestHqVersion()
{
    return hqMigrationSet().steps.back().version;
}

std::vector<int> earlierHqVersions()
{
    std::vector<int> versions;
    for (const Migration &step : hqMigrationSet().steps) {
        if (step.version < latestHqVersion())
            versions.push_back(step.version);
    }
    return versions;
}

// Tables with their columns and every named index, as comparable text.
std::string sqliteShape(SqlConnection &db)
{
    std::string shape;
    for (const SqlRow &table :
         db.query(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                 "name NOT LIKE 'sqlite_%' ORDER BY name"))) {
        QStringList columns;
        for (const SqlRow &column :
             db.query(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table.value(0).toString())))
            columns << column.value(1).toString();
        shape += QStringLiteral("%1(%2)\n")
                     .arg(table.value(0).toString(), columns.join(QLatin1Char(',')))
                     .toStdString();
    }
    for (const SqlRow &index :
         db.query(QStringLiteral("SELECT name, tbl_name FROM sqlite_master WHERE type = "
                                 "'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")))
        shape += QStringLiteral("index %1 on %2\n")
                     .arg(index.value(0).toString(), index.value(1).toString())
                     .toStdString();
    return shape;
}

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 6, 20), QTime(8, minute), Qt::UTC);
}

// A clock row that names no change (stamped by an older build, or replaced since).
void stamp(SqlConnection &db, const QString &id, const QString &hlc)
{
    db.execute(
        QStringLiteral("DELETE FROM hq_record_clocks WHERE entity = 'score' AND entity_id = ?"),
        {id});
    db.execute(QStringLiteral("INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id) "
                              "VALUES ('score', ?, ?, 'dev-a')"),
               {id, hlc});
}

// One change through the feed as RecordWriter writes it: queued, then numbered by flush(),
// which stamps the record's clock with the change's number. Without `clock` the clock row
// is removed afterwards (a change whose record has no clock row).
void append(SqlConnection &db, const QString &id, const QString &op, const QString &input,
            int minute, bool clock = true)
{
    const QJsonObject data =
        input.isEmpty() ? QJsonObject{} : QJsonObject{{QStringLiteral("input"), input}};
    ChangeFeed feed(db);
    feed.append(QStringLiteral("score"), id, QStringLiteral("DC001"), op, data, QStringLiteral("g1.li"),
                at(minute), QStringLiteral("17819424%1000-00000").arg(minute, 2, 10, QLatin1Char('0')),
                QStringLiteral("dev-a"));
    feed.flush();
    if (!clock)
        db.execute(QStringLiteral("DELETE FROM hq_record_clocks WHERE entity = 'score' AND entity_id = ?"), {id});
}

// Record r1 changed twice, r2 once and then deleted; r3's change has no clock row.
void appendChanges(SqlConnection &db)
{
    append(db, QStringLiteral("r1"), QStringLiteral("upsert"), QStringLiteral("8"), 1);
    append(db, QStringLiteral("r2"), QStringLiteral("upsert"), QStringLiteral("5"), 2);
    append(db, QStringLiteral("r1"), QStringLiteral("upsert"), QStringLiteral("9"), 3);
    append(db, QStringLiteral("r2"), QStringLiteral("delete"), {}, 4);
    append(db, QStringLiteral("r3"), QStringLiteral("upsert"), QStringLiteral("7"), 5, false);
}

// The same rows as a version-1 build wrote them (no change_seq yet).
void appendChangesAtVersion1(SqlConnection &db)
{
    const auto change = [&](qint64 seq, const QString &id, const QString &op, const QString &data) {
        db.execute(
            QStringLiteral(
                "INSERT INTO hq_changes (seq, entity, entity_id, unit_code, op, data, account, "
                "changed_at) VALUES (?, 'score', ?, 'DC001', ?, ?, 'g1.li', ?)"),
            {seq, id, op, data, at(int(seq)).toString(Qt::ISODateWithMs)});
        db.execute(QStringLiteral("UPDATE hq_sync_counter SET last_seq = ? WHERE id = 1"), {seq});
    };
    change(1, QStringLiteral("r1"), QStringLiteral("upsert"), QStringLiteral(R"({"input":"8"})"));
    change(2, QStringLiteral("r2"), QStringLiteral("upsert"), QStringLiteral(R"({"input":"5"})"));
    change(3, QStringLiteral("r1"), QStringLiteral("upsert"), QStringLiteral(R"({"input":"9"})"));
    change(4, QStringLiteral("r2"), QStringLiteral("delete"), QStringLiteral("{}"));
    change(5, QStringLiteral("r3"), QStringLiteral("upsert"), QStringLiteral(R"({"input":"7"})"));
    for (const char *id : {"r1", "r2"})
        db.execute(
            QStringLiteral("INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id) "
                           "VALUES ('score', ?, '1781942400000-00000', 'dev-a')"),
            {QString::fromLatin1(id)});
}

QString input(SqlConnection &db, const QString &id)
{
    return ChangeFeed(db)
        .latest(QStringLiteral("score"), id)
        .value(QStringLiteral("input"))
        .toString();
}

void expectLatest(SqlConnection &db)
{
    EXPECT_EQ(input(db, QStringLiteral("r1")), QStringLiteral("9"));
    EXPECT_TRUE(
        ChangeFeed(db).latest(QStringLiteral("score"), QStringLiteral("r2")).isEmpty()); // deleted
    EXPECT_EQ(input(db, QStringLiteral("r3")),
              QStringLiteral("7")); // no clock row: found by the walk
    EXPECT_TRUE(ChangeFeed(db).latest(QStringLiteral("score"), QStringLiteral("nobody")).isEmpty());
    EXPECT_TRUE(ChangeFeed(db).latest(QStringLiteral("visit"), QStringLiteral("r1")).isEmpty());
    EXPECT_EQ(ChangeFeed(db).head(), 5);
}

qlonglong changeSeqOf(SqlConnection &db, const QString &id)
{
    return db
        .query(QStringLiteral("SELECT change_seq FROM hq_record_clocks WHERE entity = 'score' AND "
                              "entity_id = ?"),
               {id})
        .front()
        .value(0)
        .toLongLong();
}

class HqSchema : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    std::unique_ptr<SqliteConnection> openAt(const QString &name, int hqVersion)
    {
        auto db = std::make_unique<SqliteConnection>(QDir(m_dir.path()).filePath(name));
        migrateSchema(*db);
        migrateSchema(*db, hqMigrationSet(), hqVersion);
        return db;
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(HqSchema, StepsAreNumberedConsecutivelyFromOne)
{
    const auto &steps = hqMigrationSet().steps;
    ASSERT_FALSE(steps.empty());
    for (size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(steps[i].sql.trimmed().isEmpty());
    }
}

TEST_F(HqSchema, UpgradeFromEveryEarlierVersionMatchesFreshSchemaAndKeepsTheFeed)
{
    auto fresh = openAt(QStringLiteral("fresh.sqlite"), -1);
    const std::string freshShape = sqliteShape(*fresh);
    for (const int from : earlierHqVersions()) {
        SCOPED_TRACE(testing::Message() << "from HQ version " << from);
        auto db = openAt(QStringLiteral("v%1.sqlite").arg(from), from);
        ASSERT_EQ(schemaVersion(*db, hqMigrationSet()), from);
        if (from == 1)
            appendChangesAtVersion1(*db);
        else
            appendChanges(*db);
        hq::migrateHqDatabase(*db);
        EXPECT_EQ(schemaVersion(*db, hqMigrationSet()), latestHqVersion());
        EXPECT_EQ(sqliteShape(*db), freshShape);
        expectLatest(*db);
        EXPECT_EQ(changeSeqOf(*db, QStringLiteral("r1")), 3); // filled from the feed
        EXPECT_EQ(changeSeqOf(*db, QStringLiteral("r2")), 4);
        hq::migrateHqDatabase(*db); // a second run has nothing to do
        EXPECT_EQ(schemaVersion(*db, hqMigrationSet()), latestHqVersion());
    }
}

TEST_F(HqSchema, LatestChangeOfARecordIsLookedUpNotScanned)
{
    auto db = openAt(QStringLiteral("hq.sqlite"), -1);
    appendChanges(*db);
    expectLatest(*db);
    EXPECT_EQ(changeSeqOf(*db, QStringLiteral("r1")), 3);
    QStringList plan;
    for (const SqlRow &row : db->query(QStringLiteral("EXPLAIN QUERY PLAN ") + kLatestSql,
                                       {QStringLiteral("score"), QStringLiteral("r1")}))
        plan << row.value(3).toString();
    const QString text = plan.join(QLatin1Char('\n'));
    // By the clocks' primary key and the feed's number (its rowid since HQ version 8).
    EXPECT_TRUE(text.contains(QLatin1String("SEARCH k USING PRIMARY KEY"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("SEARCH c USING INTEGER PRIMARY KEY"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QLatin1String("SCAN"))) << text.toStdString();
}

TEST_F(HqSchema, TheHistoryIndexByRecordLeavesScoresOutAndServesTheFollowUpsTrail)
{
    auto db = openAt(QStringLiteral("hq.sqlite"), -1);
    const QString index = db->query(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'score_history_by_entity'"))
                              .front()
                              .value(0)
                              .toString();
    EXPECT_TRUE(index.contains(QLatin1String("WHERE entity <> 'score'"))) << index.toStdString();
    QStringList plan;
    for (const SqlRow &row : db->query(QStringLiteral("EXPLAIN QUERY PLAN SELECT seq FROM score_history WHERE entity = ? "
                                                      "AND entity_id = ? AND entity <> 'score' ORDER BY seq"),
                                       {QStringLiteral("followup_item"), QStringLiteral("i1")}))
        plan << row.value(3).toString();
    const QString text = plan.join(QLatin1Char('\n'));
    EXPECT_TRUE(text.contains(QLatin1String("INDEX score_history_by_entity (entity=? AND entity_id=?)")))
        << text.toStdString();
}

TEST_F(HqSchema, HistoryAndFeedNumbersAreTheRowidAndClocksAndResultsHaveNone)
{
    auto db = openAt(QStringLiteral("hq.sqlite"), -1);
    const auto sqlOf = [&](const char *table) {
        return db->query(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"),
                         {QString::fromLatin1(table)})
            .front()
            .value(0)
            .toString();
    };
    EXPECT_TRUE(sqlOf("score_history").contains(QLatin1String("seq INTEGER PRIMARY KEY")));
    EXPECT_TRUE(sqlOf("hq_changes").contains(QLatin1String("seq INTEGER PRIMARY KEY")));
    EXPECT_TRUE(sqlOf("hq_record_clocks").contains(QLatin1String("WITHOUT ROWID")));
    EXPECT_TRUE(sqlOf("hq_push_results").contains(QLatin1String("WITHOUT ROWID")));
    // No index of its own beside the table for any of them: only the secondary ones.
    const auto indexes = db->query(QStringLiteral(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('score_history', 'hq_changes', "
        "'hq_record_clocks', 'hq_push_results') ORDER BY name"));
    QStringList names;
    for (const SqlRow &row : indexes)
        names << row.value(0).toString();
    EXPECT_EQ(names, QStringList({QStringLiteral("hq_changes_by_unit"), QStringLiteral("score_history_by_entity"),
                                  QStringLiteral("score_history_by_item")}));
}

TEST_F(HqSchema, ClockStampedAfterItsChangeStillFindsTheLatest)
{
    auto db = openAt(QStringLiteral("hq.sqlite"), -1);
    appendChanges(*db);
    stamp(*db, QStringLiteral("r1"),
          QStringLiteral("1781942460000-00000")); // row replaced: no change named
    EXPECT_EQ(input(*db, QStringLiteral("r1")), QStringLiteral("9"));
}

// The same on PostgreSQL (skipped without ONSITE_TEST_POSTGRES_URL).
class HqSchemaOnPostgres : public test::PostgresTest
{
};

TEST_F(HqSchemaOnPostgres, UpgradeFromEveryEarlierVersionKeepsTheFeed)
{
    for (const int from : earlierHqVersions()) {
        SCOPED_TRACE(testing::Message() << "from HQ version " << from);
        test::PostgresTestDatabase stepped(test::postgresAdminUrl());
        auto conn = stepped.connect();
        migrateSchema(*conn);
        migrateSchema(*conn, hqMigrationSet(/*postgres=*/true), from);
        ASSERT_EQ(schemaVersion(*conn, hqMigrationSet(true)), from);
        if (from == 1)
            appendChangesAtVersion1(*conn);
        else
            appendChanges(*conn);
        hq::migrateHqDatabase(*conn);
        EXPECT_EQ(schemaVersion(*conn, hqMigrationSet()), latestHqVersion());
        expectLatest(*conn);
        EXPECT_EQ(changeSeqOf(*conn, QStringLiteral("r1")), 3);
        EXPECT_EQ(conn->query(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = "
                                             "'hq_changes_backfill'"))
                      .front()
                      .value(0)
                      .toLongLong(),
                  0);
    }
}

TEST_F(HqSchemaOnPostgres, LatestChangeOfARecordIsLookedUpNotScanned)
{
    hq::migrateHqDatabase(*db);
    appendChanges(*db);
    expectLatest(*db);
    // Enough rows that reading a whole table would cost the planner more than the keys.
    db->execute(QStringLiteral(
        "INSERT INTO hq_changes (seq, entity, entity_id, unit_code, op, data, account, "
        "changed_at) SELECT 100 + g, 'score', 'bulk-' || g, 'DC001', 'upsert', '{}', "
        "'g1.li', '2026-06-20T09:00:00.000Z' FROM generate_series(1, 20000) AS g"));
    db->execute(QStringLiteral(
        "INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id, change_seq) "
        "SELECT 'score', 'bulk-' || g, '1781942400000-00000', 'dev-a', 100 + g "
        "FROM generate_series(1, 20000) AS g"));
    db->execute(QStringLiteral("ANALYZE hq_changes"));
    db->execute(QStringLiteral("ANALYZE hq_record_clocks"));
    EXPECT_EQ(input(*db, QStringLiteral("r1")), QStringLiteral("9"));
    QStringList plan;
    for (const SqlRow &row : db->query(QStringLiteral("EXPLAIN ") + kLatestSql,
                                       {QStringLiteral("score"), QStringLiteral("r1")}))
        plan << row.value(0).toString();
    const QString text = plan.join(QLatin1Char('\n'));
    EXPECT_TRUE(text.contains(QLatin1String("hq_record_clocks_pkey"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("hq_changes_pkey"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QLatin1String("Seq Scan"))) << text.toStdString();
}
