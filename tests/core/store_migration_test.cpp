#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

using namespace onsite;

namespace {

// The schema as a comparable text: every table with its columns in order, and every
// named index. Two databases with the same text accept the same statements.
std::string schemaShape(SqlConnection &db)
{
    std::string shape;
    const auto tables = db.query(QStringLiteral(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    for (const SqlRow &table : tables) {
        const QString name = table.value(0).toString();
        QStringList columns;
        for (const SqlRow &column : db.query(QStringLiteral("PRAGMA table_info(\"%1\")").arg(name)))
            columns << column.value(1).toString();
        shape += QStringLiteral("%1(%2)\n").arg(name, columns.join(QLatin1Char(','))).toStdString();
    }
    const auto indexes = db.query(QStringLiteral(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    for (const SqlRow &index : indexes)
        shape += QStringLiteral("index %1 on %2\n").arg(index.value(0).toString(), index.value(1).toString()).toStdString();
    return shape;
}

std::string masterSql(SqlConnection &db)
{
    std::string text;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")))
        text += QStringLiteral("%1 %2: %3\n").arg(row.value(0).toString(), row.value(1).toString(), row.value(2).toString()).toStdString();
    return text;
}

qlonglong count(SqlConnection &db, const QString &table)
{
    return db.query(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)).front().value(0).toLongLong();
}

// Rows a database at some version may hold, grouped by the step that made their
// tables. A database at version k gets every group with version <= k, so the test
// follows the migration list instead of a hardcoded version range.
struct RowsOfStep
{
    int version;
    std::function<void(SqlConnection &)> insert;
    std::function<void(SqlConnection &)> expectIntact;
};

const std::vector<RowsOfStep> &representativeRows()
{
    static const std::vector<RowsOfStep> rows = {
        {1,
         [](SqlConnection &db) {
             db.execute(QStringLiteral("INSERT INTO campaign (id, name, start_date, end_date, excellent_line, good_line, "
                                       "fair_line, trim_from_raters, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("c-1"), QStringLiteral("2026年上半年考评"), QStringLiteral("2026-06-15"),
                         QStringLiteral("2026-07-15"), QStringLiteral("90"), QStringLiteral("80"), QStringLiteral("60"),
                         5, QStringLiteral("2026-06-01T08:00:00.000Z")});
             db.execute(QStringLiteral("INSERT INTO units (code, name, category, position) VALUES (?, ?, ?, ?)"),
                        {QStringLiteral("DC"), QStringLiteral("东城区"), QStringLiteral("城区"), 0});
             db.execute(QStringLiteral("INSERT INTO indicators (code, parent_code, title, max_score, content, method, "
                                       "rule_text, evidence, check_method, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("1"), QVariant(), QStringLiteral("选人用人"), QStringLiteral("20"), QString(),
                         QVariant(), QString(), QString(), QString(), 0});
             db.execute(QStringLiteral("INSERT INTO indicators (code, parent_code, title, max_score, content, method, "
                                       "rule_text, evidence, check_method, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("1.4"), QStringLiteral("1"), QStringLiteral("干部能上能下"), QStringLiteral("4"),
                         QStringLiteral("推进干部能上能下"), QStringLiteral("等次评价"), QStringLiteral("好:1;较好:0.8"),
                         QStringLiteral("调整干部名单"), QStringLiteral("座谈了解"), 1});
             db.execute(QStringLiteral("INSERT INTO sites (code, unit_code, name, site_type, latitude, longitude, position) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("DC-01"), QStringLiteral("DC"), QStringLiteral("幸福社区"), QStringLiteral("示范点"),
                         35.56238, 104.58508, 0});
             db.execute(QStringLiteral("INSERT INTO site_indicators (site_code, indicator_code, position) VALUES (?, ?, ?)"),
                        {QStringLiteral("DC-01"), QStringLiteral("1.4"), 0});
             db.execute(QStringLiteral("INSERT INTO inspection_groups (name, position) VALUES (?, ?)"),
                        {QStringLiteral("第一检查组"), 0});
             db.execute(QStringLiteral("INSERT INTO group_units (group_name, unit_code, position) VALUES (?, ?, ?)"),
                        {QStringLiteral("第一检查组"), QStringLiteral("DC"), 0});
             db.execute(QStringLiteral("INSERT INTO people (account, name, role, home_unit_code, group_name, position) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("g1.li"), QStringLiteral("李建国"), QStringLiteral("检查组长"), QVariant(),
                         QStringLiteral("第一检查组"), 0});
             db.execute(QStringLiteral("INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, "
                                       "reason, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("s-1"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.li"),
                         QStringLiteral("final"), QStringLiteral("较好"), QStringLiteral("现场核实"),
                         QStringLiteral("2026-06-20T09:30:00.250Z"), QStringLiteral("paper")});
         },
         [](SqlConnection &db) {
             const auto campaign = db.query(QStringLiteral("SELECT id, name, trim_from_raters FROM campaign"));
             ASSERT_EQ(campaign.size(), 1u);
             EXPECT_EQ(campaign[0][1].toString(), QStringLiteral("2026年上半年考评"));
             EXPECT_EQ(campaign[0][2].toInt(), 5);
             const auto site = db.query(QStringLiteral("SELECT unit_code, latitude, longitude FROM sites"));
             ASSERT_EQ(site.size(), 1u);
             EXPECT_EQ(site[0][0].toString(), QStringLiteral("DC"));
             EXPECT_DOUBLE_EQ(site[0][1].toDouble(), 35.56238);
             EXPECT_DOUBLE_EQ(site[0][2].toDouble(), 104.58508);
             const auto item = db.query(QStringLiteral("SELECT parent_code, method, rule_text FROM indicators WHERE code = '1.4'"));
             ASSERT_EQ(item.size(), 1u);
             EXPECT_EQ(item[0][1].toString(), QStringLiteral("等次评价"));
             EXPECT_EQ(item[0][2].toString(), QStringLiteral("好:1;较好:0.8"));
             EXPECT_EQ(count(db, QStringLiteral("indicators")), 2);
             EXPECT_EQ(count(db, QStringLiteral("site_indicators")), 1);
             EXPECT_EQ(count(db, QStringLiteral("group_units")), 1);
             const auto person = db.query(QStringLiteral("SELECT name, home_unit_code, group_name FROM people"));
             ASSERT_EQ(person.size(), 1u);
             EXPECT_EQ(person[0][0].toString(), QStringLiteral("李建国"));
             EXPECT_TRUE(person[0][1].isNull());
             EXPECT_EQ(person[0][2].toString(), QStringLiteral("第一检查组"));
             const auto score = db.query(
                 QStringLiteral("SELECT unit_code, indicator_code, account, kind, input, reason, recorded_at, source "
                                "FROM score_entries WHERE id = 's-1'"));
             ASSERT_EQ(score.size(), 1u);
             EXPECT_EQ(score[0][3].toString(), QStringLiteral("final"));
             EXPECT_EQ(score[0][4].toString(), QStringLiteral("较好"));
             EXPECT_EQ(score[0][5].toString(), QStringLiteral("现场核实"));
             EXPECT_EQ(score[0][6].toString(), QStringLiteral("2026-06-20T09:30:00.250Z"));
             EXPECT_EQ(score[0][7].toString(), QStringLiteral("paper"));
         }},
        {2,
         [](SqlConnection &db) {
             db.execute(QStringLiteral("INSERT INTO visits (id, site_code, account, checked_in_at, latitude, longitude, "
                                       "accuracy_m, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("v-1"), QStringLiteral("DC-01"), QStringLiteral("g1.li"),
                         QStringLiteral("2026-06-20T08:00:00.000Z"), 35.5624, 104.5851, 12.5, QStringLiteral("台账齐全")});
             db.execute(QStringLiteral("INSERT INTO photos (id, sha256, visit_id, unit_code, indicator_code, account, "
                                       "captured_at, latitude, longitude, accuracy_m, mime_type, size_bytes) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("p-1"), QStringLiteral("ab12"), QStringLiteral("v-1"), QStringLiteral("DC"),
                         QStringLiteral("1.4"), QStringLiteral("g1.li"), QStringLiteral("2026-06-20T08:05:00.000Z"),
                         QVariant(), QVariant(), QVariant(), QStringLiteral("image/jpeg"), 204800});
             db.execute(QStringLiteral("INSERT INTO findings (id, unit_code, site_code, indicator_code, kind, description, "
                                       "suggestion, account, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("f-1"), QStringLiteral("DC"), QStringLiteral("DC-01"), QStringLiteral("1.4"),
                         QStringLiteral("短板"), QStringLiteral("会议记录不全"), QStringLiteral("补齐记录"),
                         QStringLiteral("g1.li"), QStringLiteral("2026-06-20T08:10:00.000Z")});
             db.execute(QStringLiteral("INSERT INTO finding_photos (finding_id, photo_id) VALUES (?, ?)"),
                        {QStringLiteral("f-1"), QStringLiteral("p-1")});
             db.execute(QStringLiteral("INSERT INTO highlights (id, unit_code, site_code, title, description, account, "
                                       "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("h-1"), QStringLiteral("DC"), QVariant(), QStringLiteral("数字党建"),
                         QStringLiteral("可复制、可推广"), QStringLiteral("g1.li"), QStringLiteral("2026-06-20T08:20:00.000Z")});
         },
         [](SqlConnection &db) {
             const auto visit = db.query(QStringLiteral("SELECT site_code, accuracy_m, notes FROM visits WHERE id = 'v-1'"));
             ASSERT_EQ(visit.size(), 1u);
             EXPECT_DOUBLE_EQ(visit[0][1].toDouble(), 12.5);
             EXPECT_EQ(visit[0][2].toString(), QStringLiteral("台账齐全"));
             const auto photo = db.query(QStringLiteral("SELECT visit_id, latitude, size_bytes FROM photos WHERE id = 'p-1'"));
             ASSERT_EQ(photo.size(), 1u);
             EXPECT_EQ(photo[0][0].toString(), QStringLiteral("v-1"));
             EXPECT_TRUE(photo[0][1].isNull());
             EXPECT_EQ(photo[0][2].toLongLong(), 204800);
             const auto finding = db.query(QStringLiteral("SELECT kind, description, suggestion FROM findings WHERE id = 'f-1'"));
             ASSERT_EQ(finding.size(), 1u);
             EXPECT_EQ(finding[0][0].toString(), QStringLiteral("短板"));
             EXPECT_EQ(finding[0][2].toString(), QStringLiteral("补齐记录"));
             EXPECT_EQ(count(db, QStringLiteral("finding_photos")), 1);
             const auto highlight = db.query(QStringLiteral("SELECT site_code, description FROM highlights"));
             ASSERT_EQ(highlight.size(), 1u);
             EXPECT_TRUE(highlight[0][0].isNull());
             EXPECT_EQ(highlight[0][1].toString(), QStringLiteral("可复制、可推广"));
         }},
        {3,
         [](SqlConnection &db) {
             if (schemaVersion(db) < 6) { // version 6 dropped the never-used table
                 db.execute(QStringLiteral("INSERT INTO rectifications (id, finding_id, measures, responsible_person, "
                                           "deadline, status, progress_note, closed_at, closed_by) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            {QStringLiteral("r-1"), QStringLiteral("f-1"), QStringLiteral("建立台账"), QStringLiteral("王主任"),
                             QStringLiteral("2026-09-30"), QStringLiteral("open"), QString(), QVariant(), QVariant()});
             }
             if (schemaVersion(db) < 5) {
                 db.execute(QStringLiteral("INSERT INTO score_history (seq, score_id, changed_by, changed_at, old_input, "
                                           "new_input, reason, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            {1, QStringLiteral("s-1"), QStringLiteral("g1.li"), QStringLiteral("2026-06-21T10:00:00.000Z"),
                             QVariant(), QStringLiteral("较好"), QStringLiteral("首次同步"), QStringLiteral("0"),
                             QStringLiteral("h1")});
             } else { // version 5 rewrote the table (complete, keyed history)
                 db.execute(QStringLiteral("INSERT INTO score_history (seq, entity, entity_id, unit_code, indicator_code, "
                                           "kind, action, account, origin, changed_at, old_value, new_value, reason, mac, "
                                           "legacy_hash) VALUES (1, 'score', 's-1', 'DC', '1.4', 'rater', 'update', "
                                           "'g1.li', 'dev-1', '2026-06-21T10:00:00.000Z', NULL, '较好', '首次同步', 'm', "
                                           "NULL)"));
             }
         },
         [](SqlConnection &db) {
             // Version 6 moved the follow-up to HQ's own tables; the early table, which no
             // version of the product ever wrote, is gone.
             if (schemaVersion(db) >= 6) {
                 EXPECT_THROW(db.query(QStringLiteral("SELECT COUNT(*) FROM rectifications")), SqlError);
             } else {
                 const auto rectification = db.query(QStringLiteral("SELECT finding_id, deadline FROM rectifications"));
                 ASSERT_EQ(rectification.size(), 1u);
                 EXPECT_EQ(rectification[0][0].toString(), QStringLiteral("f-1"));
             }
             const auto history = db.query(
                 QStringLiteral("SELECT old_value, new_value FROM score_history WHERE entity_id = 's-1' AND action = 'update'"));
             ASSERT_EQ(history.size(), 1u);
             EXPECT_TRUE(history[0][0].isNull());
             EXPECT_EQ(history[0][1].toString(), QStringLiteral("较好"));
         }},
        {4,
         [](SqlConnection &db) {
             db.execute(QStringLiteral("INSERT INTO unit_submissions (id, unit_code, locked, account, changed_at, note) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("u-1"), QStringLiteral("DC"), 1, QStringLiteral("g1.li"),
                         QStringLiteral("2026-06-22T09:00:00.000Z"), QString()});
         },
         [](SqlConnection &db) {
             const auto submission = db.query(QStringLiteral("SELECT unit_code, locked, account FROM unit_submissions"));
             ASSERT_EQ(submission.size(), 1u);
             EXPECT_EQ(submission[0][0].toString(), QStringLiteral("DC"));
             EXPECT_EQ(submission[0][1].toInt(), 1);
             // A second submission row for the same unit is refused: one row per unit.
             EXPECT_THROW(db.execute(QStringLiteral("INSERT INTO unit_submissions (id, unit_code, locked, account, "
                                                    "changed_at) VALUES ('u-2', 'DC', 0, 'g1.li', 'x')")),
                          SqlError);
         }},
        {6,
         [](SqlConnection &db) {
             db.execute(QStringLiteral("INSERT INTO rechecks (id, item_id, unit_code, group_name, problem, suggestion, "
                                       "measures, note, assigned_by, assigned_at) VALUES ('rc-1', 'i-1', 'DC', "
                                       "'第一检查组', '台账未签字', '补签', '已补签', '看原件', 'kpb.admin', "
                                       "'2026-08-01T09:00:00.000Z')"));
             db.execute(QStringLiteral("INSERT INTO recheck_results (id, recheck_id, unit_code, outcome, notes, account, "
                                       "recorded_at) VALUES ('rr-1', 'rc-1', 'DC', 'done', '已到位', 'g1.li', "
                                       "'2026-08-02T09:00:00.000Z')"));
         },
         [](SqlConnection &db) {
             const auto result = db.query(QStringLiteral("SELECT r.outcome, c.problem FROM recheck_results r "
                                                         "JOIN rechecks c ON c.id = r.recheck_id"));
             ASSERT_EQ(result.size(), 1u);
             EXPECT_EQ(result[0][0].toString(), QStringLiteral("done"));
             EXPECT_EQ(result[0][1].toString(), QStringLiteral("台账未签字"));
         }},
    };
    return rows;
}

std::vector<int> earlierVersions()
{
    std::vector<int> versions{0};
    for (const Migration &step : schemaMigrations()) {
        if (step.version < latestSchemaVersion())
            versions.push_back(step.version);
    }
    return versions;
}

class StoreMigration : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    std::unique_ptr<SqliteConnection> open(const QString &name)
    {
        return std::make_unique<SqliteConnection>(QDir(m_dir.path()).filePath(name));
    }

    // A file database at `version` holding the representative rows valid there.
    std::unique_ptr<SqliteConnection> populatedAt(int version)
    {
        auto db = open(QStringLiteral("v%1.sqlite").arg(version));
        migrateSchema(*db, version);
        for (const RowsOfStep &rows : representativeRows()) {
            if (rows.version <= version)
                rows.insert(*db);
        }
        return db;
    }

    std::string freshSchema()
    {
        auto db = open(QStringLiteral("fresh.sqlite"));
        migrateSchema(*db);
        return schemaShape(*db);
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(StoreMigration, StepsAreNumberedConsecutivelyFromOne)
{
    // Version numbers are stored in databases in the field; a gap or reordering would
    // make migrateSchema skip or repeat steps.
    const auto &steps = schemaMigrations();
    ASSERT_FALSE(steps.empty());
    for (size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(steps[i].sql.trimmed().isEmpty());
    }
    EXPECT_EQ(latestSchemaVersion(), steps.back().version);
}

TEST_F(StoreMigration, UpgradeFromEveryEarlierVersionMatchesFreshSchema)
{
    const std::string fresh = freshSchema();
    for (const int from : earlierVersions()) {
        SCOPED_TRACE(testing::Message() << "from version " << from);
        auto db = populatedAt(from);
        ASSERT_EQ(schemaVersion(*db), from);
        migrateSchema(*db);
        EXPECT_EQ(schemaVersion(*db), latestSchemaVersion());
        EXPECT_EQ(schemaShape(*db), fresh);
    }
}

TEST_F(StoreMigration, UpgradeFromEveryEarlierVersionKeepsRows)
{
    for (const int from : earlierVersions()) {
        SCOPED_TRACE(testing::Message() << "from version " << from);
        auto db = populatedAt(from);
        migrateSchema(*db);
        ASSERT_EQ(schemaVersion(*db), latestSchemaVersion());
        for (const RowsOfStep &rows : representativeRows()) {
            if (rows.version <= from)
                rows.expectIntact(*db);
        }
        // Tables that did not exist before the upgrade start empty.
        if (from < 2 && latestSchemaVersion() >= 2) {
            EXPECT_EQ(count(*db, QStringLiteral("findings")), 0);
        }
    }
}

TEST_F(StoreMigration, ScoresFromBeforeVersion3GetUpdatedAtFromRecordedAt)
{
    if (latestSchemaVersion() < 3)
        GTEST_SKIP() << "updated_at arrives with version 3";
    for (const int from : earlierVersions()) {
        if (from < 1 || from >= 3)
            continue;
        SCOPED_TRACE(testing::Message() << "from version " << from);
        auto db = populatedAt(from);
        migrateSchema(*db);
        const auto rows = db->query(QStringLiteral("SELECT updated_at FROM score_entries WHERE id = 's-1'"));
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0][0].toString(), QStringLiteral("2026-06-20T09:30:00.250Z"));
    }
}

TEST_F(StoreMigration, ScoresAndSubmissionsGetABaselineHistoryRowAtVersion5)
{
    // The keyed history must end with every record's current value, also for records
    // older than the history (docs/ARCHITECTURE.md §History).
    if (latestSchemaVersion() < 5)
        GTEST_SKIP() << "the complete history arrives with version 5";
    auto db = populatedAt(4);
    migrateSchema(*db);
    const auto baseline = db->query(QStringLiteral("SELECT entity, entity_id, new_value, mac FROM score_history "
                                                   "WHERE action = 'baseline' ORDER BY seq"));
    ASSERT_EQ(baseline.size(), static_cast<size_t>(count(*db, QStringLiteral("score_entries")) +
                                                   count(*db, QStringLiteral("unit_submissions"))));
    const auto score = db->query(QStringLiteral("SELECT h.new_value, s.input FROM score_history h JOIN score_entries s "
                                                "ON s.id = h.entity_id WHERE h.action = 'baseline'"));
    ASSERT_FALSE(score.empty());
    EXPECT_EQ(score[0][0].toString(), score[0][1].toString());
    EXPECT_EQ(baseline.back()[0].toString(), QStringLiteral("submission"));
    EXPECT_EQ(baseline.back()[2].toString(), QStringLiteral("locked"));
    EXPECT_EQ(baseline.back()[3].toString(), QString()); // sealed by HQ with its key, not by SQL
    // Numbers continue after the old rows, without gaps.
    const auto numbers = db->query(QStringLiteral("SELECT MIN(seq), MAX(seq), COUNT(*) FROM score_history"));
    EXPECT_EQ(numbers[0][0].toLongLong(), 1);
    EXPECT_EQ(numbers[0][1].toLongLong(), numbers[0][2].toLongLong());
}

TEST_F(StoreMigration, RowsInsertedAtLatestVersionAreValid)
{
    // The representative rows must fit the newest schema too, else the upgrade tests
    // above would prove little about the current layout.
    auto db = populatedAt(latestSchemaVersion());
    for (const RowsOfStep &rows : representativeRows()) {
        if (rows.version <= latestSchemaVersion())
            rows.expectIntact(*db);
    }
}

TEST_F(StoreMigration, RefusesDatabaseNewerThanThisBuild)
{
    // A database at version 1 claiming a future version: a build that ignored the
    // claim would add its own tables to it.
    auto db = open(QStringLiteral("future.sqlite"));
    migrateSchema(*db, 1);
    const int future = latestSchemaVersion() + 1;
    db->execute(QStringLiteral("UPDATE schema_meta SET version = ?"), {future});
    const std::string before = masterSql(*db);

    EXPECT_THROW(migrateSchema(*db), SqlError);
    EXPECT_EQ(schemaVersion(*db), future);
    EXPECT_EQ(masterSql(*db), before);

    try {
        migrateSchema(*db);
    } catch (const SqlError &e) {
        EXPECT_TRUE(QString::fromUtf8(e.what()).contains(QString::number(future))) << e.what();
    }
}

TEST_F(StoreMigration, MigratingTwiceIsANoOp)
{
    auto db = populatedAt(latestSchemaVersion());
    const std::string before = masterSql(*db);

    EXPECT_NO_THROW(migrateSchema(*db));
    EXPECT_NO_THROW(migrateSchema(*db, latestSchemaVersion()));
    EXPECT_EQ(schemaVersion(*db), latestSchemaVersion());
    EXPECT_EQ(masterSql(*db), before);
    EXPECT_EQ(count(*db, QStringLiteral("schema_meta")), 1);
    for (const RowsOfStep &rows : representativeRows()) {
        if (rows.version <= latestSchemaVersion())
            rows.expectIntact(*db);
    }
}

TEST_F(StoreMigration, TargetBelowCurrentVersionChangesNothing)
{
    auto db = populatedAt(latestSchemaVersion());
    const std::string before = masterSql(*db);
    migrateSchema(*db, 1);
    EXPECT_EQ(schemaVersion(*db), latestSchemaVersion());
    EXPECT_EQ(masterSql(*db), before);
}

TEST_F(StoreMigration, FailingStepRollsBackEntirely)
{
    // For every step: pre-create the last table the step creates, so the step fails
    // after its earlier statements ran. The whole step must vanish with the version.
    const QRegularExpression createTable(QStringLiteral("CREATE TABLE\\s+(\\w+)"));
    int stepsExercised = 0;
    for (const Migration &step : schemaMigrations()) {
        QString conflicting;
        for (auto it = createTable.globalMatch(step.sql); it.hasNext();)
            conflicting = it.next().captured(1);
        if (conflicting.isEmpty())
            continue;
        SCOPED_TRACE(testing::Message() << "step " << step.version << ", conflicting table "
                                        << conflicting.toStdString());
        auto db = open(QStringLiteral("fail%1.sqlite").arg(step.version));
        migrateSchema(*db, step.version - 1);
        db->executeScript(QStringLiteral("CREATE TABLE %1 (placeholder TEXT)").arg(conflicting));
        const std::string before = masterSql(*db);

        EXPECT_THROW(migrateSchema(*db), SqlError);
        EXPECT_EQ(schemaVersion(*db), step.version - 1);
        EXPECT_EQ(masterSql(*db), before);

        // The connection stays usable: once the conflict is gone the upgrade completes.
        db->executeScript(QStringLiteral("DROP TABLE %1").arg(conflicting));
        EXPECT_NO_THROW(migrateSchema(*db));
        EXPECT_EQ(schemaVersion(*db), latestSchemaVersion());
        ++stepsExercised;
    }
    EXPECT_GT(stepsExercised, 0);
}
