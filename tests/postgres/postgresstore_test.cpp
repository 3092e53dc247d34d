#include "postgrestestdb.h"
#include "testsupport.h"

#include "import/campaignimporter.h"
#include "import/paperscoreimporter.h"
#include "scoring/scoringengine.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace onsite;
using onsite::test::PostgresTest;
using onsite::test::PostgresTestDatabase;

namespace {

class PostgresStoreTest : public PostgresTest
{
};

QStringList tableNames(SqlConnection &db)
{
    QStringList names;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT table_name FROM information_schema.tables "
                                                     "WHERE table_schema = current_schema() ORDER BY table_name")))
        names << row[0].toString();
    return names;
}

// Column name -> data type of every table, to compare a migrated schema with a fresh one.
std::map<QString, QString> columnTypes(SqlConnection &db)
{
    std::map<QString, QString> columns;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT table_name, column_name, data_type, is_nullable "
                                                     "FROM information_schema.columns "
                                                     "WHERE table_schema = current_schema()")))
        columns[row[0].toString() + u'.' + row[1].toString()] = row[2].toString() + u' ' + row[3].toString();
    return columns;
}

struct Sample
{
    CampaignSetup setup;
    std::vector<ScoreEntry> scores;
};

Sample importSample()
{
    Sample sample;
    sample.setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    const std::vector<ScoreEntry> none;
    sample.scores = PaperScoreImporter(sample.setup, none).importFile(test::samplePath(QStringLiteral("scores-paper.csv")));
    return sample;
}

void expectSameSetup(const CampaignSetup &expected, const CampaignSetup &actual)
{
    EXPECT_EQ(actual.campaign.id, expected.campaign.id);
    EXPECT_EQ(actual.campaign.name, expected.campaign.name);
    EXPECT_EQ(actual.campaign.startDate, expected.campaign.startDate);
    EXPECT_EQ(actual.campaign.endDate, expected.campaign.endDate);
    EXPECT_EQ(actual.campaign.gradeLines.excellent, expected.campaign.gradeLines.excellent);
    EXPECT_EQ(actual.campaign.gradeLines.good, expected.campaign.gradeLines.good);
    EXPECT_EQ(actual.campaign.gradeLines.fair, expected.campaign.gradeLines.fair);
    EXPECT_EQ(actual.campaign.trimFromRaters, expected.campaign.trimFromRaters);

    ASSERT_EQ(actual.units.size(), expected.units.size());
    for (size_t i = 0; i < expected.units.size(); ++i) {
        EXPECT_EQ(actual.units[i].code, expected.units[i].code);
        EXPECT_EQ(actual.units[i].name, expected.units[i].name);
        EXPECT_EQ(actual.units[i].category, expected.units[i].category);
    }
    ASSERT_EQ(actual.indicators.size(), expected.indicators.size());
    for (size_t i = 0; i < expected.indicators.size(); ++i) {
        const Indicator &e = expected.indicators[i];
        const Indicator &a = actual.indicators[i];
        SCOPED_TRACE(e.code.toStdString());
        EXPECT_EQ(a.code, e.code);
        EXPECT_EQ(a.parentCode, e.parentCode);
        EXPECT_EQ(a.title, e.title);
        EXPECT_EQ(a.maxScore, e.maxScore);
        EXPECT_EQ(a.content, e.content);
        EXPECT_EQ(a.method(), e.method());
        EXPECT_EQ(a.ruleText, e.ruleText);
        EXPECT_EQ(a.evidence, e.evidence);
        EXPECT_EQ(a.checkMethod, e.checkMethod);
        EXPECT_EQ(a.position, e.position);
    }
    ASSERT_EQ(actual.sites.size(), expected.sites.size());
    for (size_t i = 0; i < expected.sites.size(); ++i) {
        const Site &e = expected.sites[i];
        const Site &a = actual.sites[i];
        SCOPED_TRACE(e.code.toStdString());
        EXPECT_EQ(a.code, e.code);
        EXPECT_EQ(a.unitCode, e.unitCode);
        EXPECT_EQ(a.name, e.name);
        EXPECT_EQ(a.type, e.type);
        EXPECT_EQ(a.latitude, e.latitude); // exact: DOUBLE PRECISION, 17 digits out
        EXPECT_EQ(a.longitude, e.longitude);
        EXPECT_EQ(a.indicatorCodes, e.indicatorCodes);
    }
    ASSERT_EQ(actual.people.size(), expected.people.size());
    for (size_t i = 0; i < expected.people.size(); ++i) {
        EXPECT_EQ(actual.people[i].account, expected.people[i].account);
        EXPECT_EQ(actual.people[i].name, expected.people[i].name);
        EXPECT_EQ(actual.people[i].role, expected.people[i].role);
        EXPECT_EQ(actual.people[i].homeUnitCode, expected.people[i].homeUnitCode);
        EXPECT_EQ(actual.people[i].groupName, expected.people[i].groupName);
    }
    ASSERT_EQ(actual.groups.size(), expected.groups.size());
    for (size_t i = 0; i < expected.groups.size(); ++i) {
        EXPECT_EQ(actual.groups[i].name, expected.groups[i].name);
        EXPECT_EQ(actual.groups[i].unitCodes, expected.groups[i].unitCodes);
    }
}

void expectSameScores(std::vector<ScoreEntry> expected, std::vector<ScoreEntry> actual)
{
    const auto byId = [](const ScoreEntry &a, const ScoreEntry &b) { return a.id < b.id; };
    std::sort(expected.begin(), expected.end(), byId);
    std::sort(actual.begin(), actual.end(), byId);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const ScoreEntry &e = expected[i];
        const ScoreEntry &a = actual[i];
        SCOPED_TRACE(e.id.toStdString());
        EXPECT_EQ(a.id, e.id);
        EXPECT_EQ(a.unitCode, e.unitCode);
        EXPECT_EQ(a.indicatorCode, e.indicatorCode);
        EXPECT_EQ(a.account, e.account);
        EXPECT_EQ(a.kind, e.kind);
        EXPECT_EQ(a.input, e.input);
        EXPECT_EQ(a.reason, e.reason);
        EXPECT_EQ(a.recordedAt, e.recordedAt);
        EXPECT_EQ(a.source, e.source);
    }
}

std::map<QString, const UnitResult *> byUnit(const CampaignResults &results)
{
    std::map<QString, const UnitResult *> units;
    for (const UnitResult &unit : results.units)
        units[unit.unitCode] = &unit;
    return units;
}

void expectSameResults(const CampaignResults &expected, const CampaignResults &actual)
{
    EXPECT_EQ(actual.warnings, expected.warnings);
    const auto e = byUnit(expected);
    const auto a = byUnit(actual);
    ASSERT_EQ(a.size(), e.size());
    for (const auto &[code, unit] : e) {
        SCOPED_TRACE(code.toStdString());
        ASSERT_TRUE(a.count(code));
        const UnitResult &other = *a.at(code);
        EXPECT_EQ(other.rank, unit->rank);
        EXPECT_EQ(other.categoryRank, unit->categoryRank);
        EXPECT_EQ(other.total, unit->total);
        EXPECT_EQ(other.exactTotal, unit->exactTotal);
        EXPECT_EQ(other.grade, unit->grade);
        EXPECT_EQ(other.veto, unit->veto);
        EXPECT_EQ(other.unscoredCount, unit->unscoredCount);
    }
}

} // namespace

TEST_F(PostgresStoreTest, MigratesEmptyDatabaseToLatest)
{
    EXPECT_EQ(schemaVersion(*db), 0);
    migrateSchema(*db);
    EXPECT_EQ(schemaVersion(*db), latestSchemaVersion());
    const QStringList tables = tableNames(*db);
    for (const char *table : {"campaign", "units", "indicators", "sites", "score_entries", "visits", "photos",
                              "findings", "rechecks", "recheck_results", "score_history", "schema_meta"})
        EXPECT_TRUE(tables.contains(QLatin1String(table))) << table;
    // A second run has nothing to do and changes nothing.
    migrateSchema(*db);
    EXPECT_EQ(schemaVersion(*db), latestSchemaVersion());
    EXPECT_EQ(db->query(QStringLiteral("SELECT count(*) FROM schema_meta"))[0][0].toLongLong(), 1);
}

TEST_F(PostgresStoreTest, MigratesFromEveryIntermediateVersion)
{
    migrateSchema(*db);
    const auto freshColumns = columnTypes(*db);
    ASSERT_FALSE(freshColumns.empty());

    for (const Migration &step : schemaMigrations()) {
        if (step.version == latestSchemaVersion())
            continue;
        SCOPED_TRACE("from version " + std::to_string(step.version));
        PostgresTestDatabase stepped(test::postgresAdminUrl());
        auto conn = stepped.connect();
        migrateSchema(*conn, step.version);
        ASSERT_EQ(schemaVersion(*conn), step.version);

        // Rows written at the old version must survive (and be carried forward:
        // version 3 fills score_entries.updated_at from recorded_at).
        CampaignStore store(*conn);
        const Sample sample = importSample();
        store.saveSetup(sample.setup);
        const ScoreEntry &e = sample.scores.front();
        conn->execute(QStringLiteral("INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, "
                                     "reason, recorded_at, source) VALUES (?, ?, ?, ?, 'rater', ?, ?, ?, ?)"),
                      {e.id, e.unitCode, e.indicatorCode, e.account, e.input, e.reason,
                       QStringLiteral("2026-05-20T08:00:00.000Z"), e.source});

        migrateSchema(*conn);
        EXPECT_EQ(schemaVersion(*conn), latestSchemaVersion());
        EXPECT_EQ(columnTypes(*conn), freshColumns);
        const auto rows = conn->query(QStringLiteral("SELECT updated_at, input FROM score_entries WHERE id = ?"), {e.id});
        ASSERT_EQ(rows.size(), 1u);
        // Only a database older than version 3 gets updated_at filled by the migration;
        // from version 3 on the row above was written without it, as such a build would.
        if (step.version < 3)
            EXPECT_EQ(rows[0][0].toString(), QStringLiteral("2026-05-20T08:00:00.000Z"));
        else
            EXPECT_TRUE(rows[0][0].isNull()) << rows[0][0].toString().toStdString();
        EXPECT_EQ(rows[0][1].toString(), e.input);
        ASSERT_TRUE(store.loadSetup());
        EXPECT_EQ(store.loadSetup()->units.size(), sample.setup.units.size());
    }
}

TEST_F(PostgresStoreTest, RefusesDatabaseNewerThanThisBuild)
{
    migrateSchema(*db);
    db->execute(QStringLiteral("UPDATE schema_meta SET version = ?"), {latestSchemaVersion() + 1});
    EXPECT_THROW(migrateSchema(*db), SqlError);
    EXPECT_EQ(schemaVersion(*db), latestSchemaVersion() + 1);
}

TEST_F(PostgresStoreTest, SampleCampaignRoundTripsAndScoresLikeInMemory)
{
    const Sample sample = importSample();
    ASSERT_GT(sample.scores.size(), 800u);

    migrateSchema(*db);
    {
        CampaignStore store(*db);
        EXPECT_FALSE(store.hasCampaign());
        store.saveSetup(sample.setup);
        store.addScores(sample.scores);
    }

    // Load through a second connection: what is read comes from the server, not
    // from anything this session holds.
    auto reader = database->connect();
    CampaignStore store(*reader);
    ASSERT_TRUE(store.hasCampaign());
    const std::optional<CampaignSetup> loaded = store.loadSetup();
    ASSERT_TRUE(loaded);
    expectSameSetup(sample.setup, *loaded);
    const std::vector<ScoreEntry> loadedScores = store.loadScores();
    expectSameScores(sample.scores, loadedScores);

    const CampaignResults inMemory = ScoringEngine(sample.setup).compute(sample.scores);
    const CampaignResults fromPostgres = ScoringEngine(*loaded).compute(loadedScores);
    expectSameResults(inMemory, fromPostgres);

    // The same repository code on SQLite reads back the same campaign.
    SqliteConnection sqlite(QStringLiteral(":memory:"));
    migrateSchema(sqlite);
    CampaignStore sqliteStore(sqlite);
    sqliteStore.saveSetup(sample.setup);
    sqliteStore.addScores(sample.scores);
    const auto fromSqlite = sqliteStore.loadSetup();
    ASSERT_TRUE(fromSqlite);
    expectSameSetup(*fromSqlite, *loaded);
    const std::vector<ScoreEntry> sqliteScores = sqliteStore.loadScores();
    expectSameResults(ScoringEngine(*fromSqlite).compute(sqliteScores), fromPostgres);
    // Same order too: loadScores sorts by text, and the engine breaks ties by order.
    ASSERT_EQ(sqliteScores.size(), loadedScores.size());
    for (size_t i = 0; i < loadedScores.size(); ++i)
        ASSERT_EQ(loadedScores[i].id, sqliteScores[i].id) << "at " << i;

    // And the sample's published results, so the comparison is not of two wrong answers.
    const QStringList expectedLines = QString::fromUtf8(test::readFile(test::samplePath(QStringLiteral("expected-results.csv"))))
                                          .split(u'\n', Qt::SkipEmptyParts);
    const auto units = byUnit(fromPostgres);
    ASSERT_EQ(expectedLines.size() - 1, static_cast<qsizetype>(units.size()));
    for (qsizetype line = 1; line < expectedLines.size(); ++line) {
        const QStringList f = expectedLines[line].trimmed().split(u',');
        ASSERT_EQ(f.size(), 6) << expectedLines[line].toStdString();
        SCOPED_TRACE(f[0].toStdString());
        ASSERT_TRUE(units.count(f[0]));
        const UnitResult &unit = *units.at(f[0]);
        EXPECT_EQ(unit.total.toString(2), f[1]);
        EXPECT_EQ(gradeName(unit.grade), f[2]);
        EXPECT_EQ(unit.rank, f[3].toInt());
        EXPECT_EQ(unit.categoryRank, f[4].toInt());
        EXPECT_EQ(unit.veto, f[5] == QLatin1String("1"));
    }
}

TEST_F(PostgresStoreTest, SecondCampaignIsRefusedAndChangesNothing)
{
    const Sample sample = importSample();
    migrateSchema(*db);
    CampaignStore store(*db);
    store.saveSetup(sample.setup);
    CampaignSetup other = sample.setup;
    other.campaign.id = QStringLiteral("another");
    other.units.push_back(Unit{QStringLiteral("ZZ"), QStringLiteral("新单位"), QStringLiteral("城区")});
    EXPECT_THROW(store.saveSetup(other), SqlError);
    EXPECT_EQ(db->query(QStringLiteral("SELECT count(*) FROM units"))[0][0].toLongLong(),
              static_cast<qlonglong>(sample.setup.units.size()));
    EXPECT_EQ(store.loadSetup()->campaign.id, sample.setup.campaign.id);
}

TEST_F(PostgresStoreTest, FailedScoreBatchLeavesNoScores)
{
    const Sample sample = importSample();
    migrateSchema(*db);
    CampaignStore store(*db);
    store.saveSetup(sample.setup);
    std::vector<ScoreEntry> batch(sample.scores.begin(), sample.scores.begin() + 10);
    batch.push_back(batch.front()); // same id twice: the whole batch must fail
    EXPECT_THROW(store.addScores(batch), SqlError);
    EXPECT_TRUE(store.loadScores().empty());
    store.addScores(sample.scores);
    EXPECT_EQ(store.loadScores().size(), sample.scores.size());
}
