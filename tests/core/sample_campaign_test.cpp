#include "import/campaignimporter.h"
#include "import/csvparser.h"
#include "import/paperscoreimporter.h"
#include "import/textdecoding.h"
#include "scoring/scoringengine.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include "testsupport.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace onsite;

namespace {

const QString kScoresFile = QStringLiteral("scores-paper.csv");

// One line per unit, "unit,total,grade,rank,category_rank,veto", in result order.
using ResultRows = std::vector<std::string>;

ResultRows expectedRows()
{
    const auto decoded = decodeSpreadsheetText(test::readFile(test::samplePath(QStringLiteral("expected-results.csv"))));
    if (!decoded)
        throw std::runtime_error("expected-results.csv is not decodable");
    const auto records = parseCsv(decoded->text, QStringLiteral("expected-results.csv"));
    if (records.empty())
        throw std::runtime_error("expected-results.csv is empty");
    // Pick the columns by name so that a reordered fixture still compares correctly.
    const QStringList columns = {QStringLiteral("unit"),          QStringLiteral("total"),
                                 QStringLiteral("grade"),         QStringLiteral("rank"),
                                 QStringLiteral("category_rank"), QStringLiteral("veto")};
    std::vector<qsizetype> index;
    for (const QString &column : columns) {
        index.push_back(records.front().fields.indexOf(column));
        if (index.back() < 0)
            throw std::runtime_error("expected-results.csv lacks column " + column.toStdString());
    }
    ResultRows rows;
    for (size_t r = 1; r < records.size(); ++r) {
        QStringList cells;
        for (const qsizetype i : index)
            cells << records[r].fields.value(i).trimmed();
        rows.push_back(cells.join(QLatin1Char(',')).toStdString());
    }
    return rows;
}

ResultRows rowsOf(const CampaignResults &results)
{
    ResultRows rows;
    for (const UnitResult &u : results.units) {
        rows.push_back(QStringList{u.unitCode, u.total.toString(2), gradeName(u.grade), QString::number(u.rank),
                                   QString::number(u.categoryRank), u.veto ? QStringLiteral("1") : QStringLiteral("0")}
                           .join(QLatin1Char(','))
                           .toStdString());
    }
    return rows;
}

ResultRows compute(const CampaignSetup &setup, const std::vector<ScoreEntry> &entries)
{
    const CampaignResults results = ScoringEngine(setup).compute(entries);
    EXPECT_TRUE(results.warnings.isEmpty()) << results.warnings.join(QLatin1Char('\n')).toStdString();
    return rowsOf(results);
}

QByteArray toGb18030(const QByteArray &utf8WithBom)
{
    QByteArray text = utf8WithBom;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    const auto encoded = encodeGb18030(QString::fromUtf8(text));
    if (!encoded)
        throw std::runtime_error("cannot encode as GB18030");
    return *encoded;
}

} // namespace

class SampleCampaign : public ::testing::Test
{
protected:
    CampaignSetup setup = CampaignImporter::importFiles(test::sampleCampaignFiles());
    std::vector<ScoreEntry> scores = PaperScoreImporter(setup, {}).importFile(test::samplePath(kScoresFile));
};

TEST_F(SampleCampaign, ExpectedResultsFixtureIsWellFormed)
{
    // Guards the comparisons below against passing on an empty or truncated fixture.
    const ResultRows expected = expectedRows();
    ASSERT_EQ(expected.size(), setup.units.size());
    EXPECT_EQ(expected.front(), "DC,99.69,优秀,1,1,0");
}

TEST_F(SampleCampaign, ResultsMatchExpected)
{
    ASSERT_EQ(scores.size(), 883u);
    EXPECT_EQ(compute(setup, scores), expectedRows());
}

TEST_F(SampleCampaign, ResultsDependOnTheScores)
{
    // Without the one 核定 the comparison above would have to fail: it shows that
    // the expected file is sensitive to the import, not a constant.
    std::vector<ScoreEntry> withoutFinal;
    std::copy_if(scores.begin(), scores.end(), std::back_inserter(withoutFinal),
                 [](const ScoreEntry &e) { return e.kind != ScoreKind::Final; });
    ASSERT_EQ(withoutFinal.size(), 882u);
    EXPECT_NE(compute(setup, withoutFinal), expectedRows());
}

TEST_F(SampleCampaign, Gb18030FilesGiveIdenticalResults)
{
    QMap<QString, QByteArray> gbFiles;
    for (const auto &[name, bytes] : test::sampleCampaignFiles().asKeyValueRange())
        gbFiles.insert(name, toGb18030(bytes));
    const CampaignSetup gbSetup = CampaignImporter::importFiles(gbFiles);
    const QByteArray gbScores = toGb18030(test::readFile(test::samplePath(kScoresFile)));
    ASSERT_EQ(decodeSpreadsheetText(gbScores)->encoding, TextEncoding::Gb18030);
    const auto gbEntries = PaperScoreImporter(gbSetup, {}).importBytes(gbScores, kScoresFile);
    ASSERT_EQ(gbEntries.size(), scores.size());
    EXPECT_EQ(compute(gbSetup, gbEntries), expectedRows());
}

TEST_F(SampleCampaign, StoreRoundTripGivesIdenticalResults)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("campaign.sqlite"));
    {
        SqliteConnection connection(path);
        migrateSchema(connection);
        CampaignStore store(connection);
        EXPECT_FALSE(store.hasCampaign());
        store.saveSetup(setup);
        store.addScores(scores);
    }
    // A fresh connection, so everything below comes from the file on disk.
    SqliteConnection connection(path);
    CampaignStore store(connection);
    ASSERT_TRUE(store.hasCampaign());
    const std::optional<CampaignSetup> loaded = store.loadSetup();
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->campaign.id, setup.campaign.id);
    EXPECT_EQ(loaded->campaign.trimFromRaters, setup.campaign.trimFromRaters);
    EXPECT_EQ(loaded->units.size(), setup.units.size());
    EXPECT_EQ(loaded->indicators.size(), setup.indicators.size());
    EXPECT_EQ(loaded->people.size(), setup.people.size());
    const std::vector<ScoreEntry> loadedScores = store.loadScores();
    ASSERT_EQ(loadedScores.size(), scores.size());
    EXPECT_EQ(compute(*loaded, loadedScores), expectedRows());
}

TEST_F(SampleCampaign, StoreKeepsOneCampaignPerDataFolder)
{
    SqliteConnection connection(QStringLiteral(":memory:"));
    migrateSchema(connection);
    CampaignStore store(connection);
    store.saveSetup(setup);
    EXPECT_THROW(store.saveSetup(setup), SqlError);
}
