#include "import/campaignimporter.h"
#include "import/importerror.h"
#include "import/paperscoreimporter.h"
#include "import/textdecoding.h"
#include "system/recordid.h"

#include "testsupport.h"

#include <QSet>

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

using namespace onsite;

namespace {

const QString kFile = QStringLiteral("scores-paper.csv");
const int kLastLine = 884; // the file's only 核定 row
const int kAppended = 885;

std::string str(const QString &text) { return text.toStdString(); }

} // namespace

class PaperScoreImport : public ::testing::Test
{
protected:
    CampaignSetup setup = CampaignImporter::importFiles(test::sampleCampaignFiles());
    QByteArray paper = test::readFile(test::samplePath(kFile));
    std::vector<ScoreEntry> existing;

    std::vector<ScoreEntry> import(const QByteArray &bytes) const
    {
        return PaperScoreImporter(setup, existing).importBytes(bytes, kFile);
    }

    // The whole file is rejected: no entry is returned, not even those before the
    // bad line, and the error names the line (and column) to fix.
    ::testing::AssertionResult rejectedAt(const QByteArray &bytes, int line, int column,
                                          const QString &messagePart = {}) const
    {
        try {
            const auto entries = import(bytes);
            return ::testing::AssertionFailure() << "imported " << entries.size() << " entries instead of rejecting";
        } catch (const ImportException &e) {
            const ImportError &error = e.error();
            if (error.file == kFile && error.line == line && error.column == column &&
                error.message.contains(messagePart)) {
                return ::testing::AssertionSuccess();
            }
            return ::testing::AssertionFailure() << "rejected with " << e.what() << " (line " << error.line
                                                 << ", column " << error.column << ")";
        }
    }

    ::testing::AssertionResult appendedRejectedAt(const QByteArray &line, int column, const QString &messagePart = {}) const
    {
        return rejectedAt(test::appendLine(paper, line), kAppended, column, messagePart);
    }
};

TEST_F(PaperScoreImport, SampleImports883Entries)
{
    const auto entries = import(paper);
    ASSERT_EQ(entries.size(), 883u);
    const auto finals = std::count_if(entries.begin(), entries.end(),
                                      [](const ScoreEntry &e) { return e.kind == ScoreKind::Final; });
    EXPECT_EQ(finals, 1);

    const ScoreEntry &first = entries.front();
    EXPECT_EQ(first.account, QStringLiteral("g1.li"));
    EXPECT_EQ(first.unitCode, QStringLiteral("DC"));
    EXPECT_EQ(first.indicatorCode, QStringLiteral("1.1"));
    EXPECT_EQ(first.kind, ScoreKind::Rater);
    EXPECT_EQ(first.source, QStringLiteral("paper"));
    EXPECT_TRUE(first.recordedAt.isValid());

    const ScoreEntry &last = entries.back();
    EXPECT_EQ(last.kind, ScoreKind::Final);
    EXPECT_EQ(last.account, QStringLiteral("g2.yang"));
    EXPECT_EQ(last.input, QStringLiteral("5.4"));
    EXPECT_EQ(last.reason, QStringLiteral("组长核定：复核第一书记驻村日志"));

    QSet<QString> ids;
    for (const ScoreEntry &e : entries)
        ids.insert(e.id);
    EXPECT_EQ(ids.size(), 883) << "every entry needs its own id to sync";
    EXPECT_FALSE(ids.contains(QString()));
    // Time-ordered ids in the file's order: the import appends to HQ's indexes keyed by id.
    for (std::size_t i = 1; i < entries.size(); ++i)
        ASSERT_LT(entries[i - 1].id, entries[i].id) << "line " << i + 2;
    EXPECT_GT(recordIdMsecs(first.id), 0) << str(first.id);
}

TEST_F(PaperScoreImport, SampleHasNoScoreByARaterForTheirHomeUnit)
{
    for (const ScoreEntry &e : import(paper)) {
        const Person *person = setup.person(e.account);
        ASSERT_TRUE(person);
        EXPECT_NE(person->homeUnitCode, e.unitCode) << str(e.account);
    }
}

TEST_F(PaperScoreImport, FileOnDiskAndGb18030CopyImportTheSame)
{
    const auto fromDisk = PaperScoreImporter(setup, existing).importFile(test::samplePath(kFile));
    const auto gb = encodeGb18030(QString::fromUtf8(paper.mid(3)));
    ASSERT_TRUE(gb);
    const auto fromGb = import(*gb);
    ASSERT_EQ(fromDisk.size(), 883u);
    ASSERT_EQ(fromGb.size(), fromDisk.size());
    for (size_t i = 0; i < fromDisk.size(); ++i) {
        EXPECT_EQ(fromGb[i].input, fromDisk[i].input) << i;
        EXPECT_EQ(fromGb[i].reason, fromDisk[i].reason) << i;
    }
}

TEST_F(PaperScoreImport, MissingFileNamesIt)
{
    try {
        PaperScoreImporter(setup, existing).importFile(test::samplePath(QStringLiteral("no-such-scores.csv")));
        FAIL() << "not rejected";
    } catch (const ImportException &e) {
        EXPECT_EQ(e.error().file, QStringLiteral("no-such-scores.csv"));
        EXPECT_EQ(e.error().line, 0);
    }
}

TEST_F(PaperScoreImport, UnknownAccount)
{
    EXPECT_TRUE(appendedRejectedAt("g9.nobody,DC,1.4,评分,好,", 1, QStringLiteral("g9.nobody")));
}

TEST_F(PaperScoreImport, UnknownUnit)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,ZZ,1.4,评分,好,", 2, QStringLiteral("ZZ")));
}

TEST_F(PaperScoreImport, UnknownIndicator)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,9.9,评分,好,", 3, QStringLiteral("9.9")));
}

TEST_F(PaperScoreImport, ProjectCodeIsNotAnIndicatorToScore)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1,评分,好,", 3, QStringLiteral("“1”")));
}

TEST_F(PaperScoreImport, RaterWhoseGroupDoesNotAssessTheUnit)
{
    // Group 1 assesses DC, BH and SM, not PC.
    EXPECT_TRUE(appendedRejectedAt("g1.zhang,PC,1.4,评分,好,", 2, QStringLiteral("PC")));
}

TEST_F(PaperScoreImport, RaterScoringTheirHomeUnit)
{
    // g3.hu comes from XC and group 3 covers XC: only 回避 stops this score.
    EXPECT_TRUE(appendedRejectedAt("g3.hu,XC,1.4,评分,好,", 2, QStringLiteral("回避")));
}

TEST_F(PaperScoreImport, LeaderCannotSetFinalValueForTheirHomeUnit)
{
    const QByteArray withHome = test::replaceLine(test::sampleCampaignFiles().value(QStringLiteral("people.csv")), 12,
                                                  "g3.xu,徐军,检查组长,XC,第三检查组");
    QMap<QString, QByteArray> files = test::sampleCampaignFiles();
    files.insert(QStringLiteral("people.csv"), withHome);
    setup = CampaignImporter::importFiles(files);
    // Only the header from the sample: its rows have g3.xu scoring XC as a rater.
    const QByteArray header = paper.left(paper.indexOf('\n') + 1);
    EXPECT_TRUE(rejectedAt(test::appendLine(header, "g3.xu,XC,1.4,核定,4,复核"), 2, 2, QStringLiteral("回避")));
}

TEST_F(PaperScoreImport, BadLevelForGradedItem)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.4,评分,很好,", 5, QStringLiteral("很好")));
}

TEST_F(PaperScoreImport, UnknownChecklistItem)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.1,评分,考察材料完整;档案装订整齐,", 5, QStringLiteral("档案装订整齐")));
}

TEST_F(PaperScoreImport, NonNumberForThresholdItem)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.2,评分,约15,", 5, QStringLiteral("约15")));
}

TEST_F(PaperScoreImport, NegativeOrFractionalDeductionCount)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.3,评分,-1,", 5, QStringLiteral("-1")));
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.3,评分,1.5,", 5, QStringLiteral("1.5")));
}

TEST_F(PaperScoreImport, UnknownBonusItem)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,6.1,评分,国家级创新项目:1,", 5, QStringLiteral("国家级创新项目")));
}

TEST_F(PaperScoreImport, VetoNeitherYesNorNo)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,7.1,评分,有,", 5, QStringLiteral("有")));
}

TEST_F(PaperScoreImport, FinalValueAboveItemScore)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.4,核定,4.5,复核", 5, QStringLiteral("4.5")));
}

TEST_F(PaperScoreImport, SameRaterUnitIndicatorTwice)
{
    // A repeat of line 2 with a different value; the message must send the typist
    // back to the first one.
    EXPECT_TRUE(rejectedAt(test::appendLine(paper, "g1.li,DC,1.1,评分,考察材料完整,"), kAppended, 0,
                           QStringLiteral("第 2 行")));
}

TEST_F(PaperScoreImport, RaterScoreAndFinalValueForTheSameItemAreDistinct)
{
    // A leader both scores an item as a rater and sets its final value: not a repeat.
    const auto entries = import(test::appendLine(paper, "g1.li,DC,1.4,核定,3.5,复核现场"));
    EXPECT_EQ(entries.size(), 884u);
}

TEST_F(PaperScoreImport, FinalValueWithoutReason)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.2,核定,4,", 6, QStringLiteral("理由")));
}

TEST_F(PaperScoreImport, FinalValueByInspector)
{
    EXPECT_TRUE(appendedRejectedAt("g1.zhang,DC,1.2,核定,4,复核", 4, QStringLiteral("检查组员")));
}

TEST_F(PaperScoreImport, FinalValueByHqIsAccepted)
{
    const auto entries = import(test::appendLine(paper, "kpb.admin,DC,1.2,核定,4,考评办复核"));
    ASSERT_EQ(entries.size(), 884u);
    EXPECT_EQ(entries.back().kind, ScoreKind::Final);
}

TEST_F(PaperScoreImport, KindNeitherScoreNorFinal)
{
    EXPECT_TRUE(appendedRejectedAt("g1.li,DC,1.2,自评,15,", 4, QStringLiteral("自评")));
}

TEST_F(PaperScoreImport, EntryAlreadyRecorded)
{
    // The 核定 on the last line was already synced from a tablet.
    ScoreEntry synced;
    synced.account = QStringLiteral("g2.yang");
    synced.unitCode = QStringLiteral("QS");
    synced.indicatorCode = QStringLiteral("2.5");
    synced.kind = ScoreKind::Final;
    existing.push_back(synced);
    EXPECT_TRUE(rejectedAt(paper, kLastLine, 0, QStringLiteral("g2.yang")));
}

TEST_F(PaperScoreImport, ExistingRaterEntryBlocksTheRaterLineNotTheFinalValue)
{
    // g2.yang both scored QS 2.5 as a rater and set its final value on the last line;
    // only the rater score was synced before.
    ScoreEntry synced;
    synced.account = QStringLiteral("g2.yang");
    synced.unitCode = QStringLiteral("QS");
    synced.indicatorCode = QStringLiteral("2.5");
    synced.kind = ScoreKind::Rater;
    existing.push_back(synced);
    const QList<QByteArray> lines = paper.split('\n');
    const auto raterLine = std::find_if(lines.begin(), lines.end(), [](const QByteArray &line) {
                               return line.startsWith("g2.yang,QS,2.5,评分,");
                           }) - lines.begin() + 1;
    ASSERT_LT(raterLine, kLastLine);
    EXPECT_TRUE(rejectedAt(paper, static_cast<int>(raterLine), 0, QStringLiteral("g2.yang")));
}

TEST_F(PaperScoreImport, ErrorOnLastLineRejectsEverything)
{
    const QByteArray bad = test::replaceLine(paper, kLastLine, "g2.yang,QS,2.5,核定,5.4,");
    EXPECT_TRUE(rejectedAt(bad, kLastLine, 6));
}

TEST_F(PaperScoreImport, MissingColumn)
{
    const QByteArray bad = test::replaceLine(paper, 1, "\xEF\xBB\xBF账号,单位编码,指标编号,类型,评分输入");
    try {
        import(bad);
        FAIL() << "not rejected";
    } catch (const ImportException &e) {
        EXPECT_EQ(e.error().file, kFile);
        EXPECT_EQ(e.error().line, 1);
        EXPECT_EQ(e.error().column, 0);
        EXPECT_EQ(e.error().columnName, QStringLiteral("说明"));
    }
}
