#include "import/campaignimporter.h"
#include "import/importerror.h"
#include "import/textdecoding.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace onsite;
using Files = QMap<QString, QByteArray>;

namespace {

const QByteArray kBom("\xEF\xBB\xBF");

QByteArray lineOf(const QByteArray &csv, int line)
{
    QByteArray text = csv.split('\n').at(line - 1);
    if (text.endsWith('\r'))
        text.chop(1);
    return text;
}

// The sample rows hold no quoted cells, so splitting a line at commas is exact.
QByteArray replaceCell(const QByteArray &csv, int line, int column, const QByteArray &text)
{
    QList<QByteArray> cells = lineOf(csv, line).split(',');
    cells[column - 1] = text;
    return test::replaceLine(csv, line, cells.join(','));
}

QString decodeSample(const QByteArray &bytes)
{
    EXPECT_TRUE(bytes.startsWith(kBom));
    return QString::fromUtf8(bytes.mid(kBom.size()));
}

std::string str(const QString &text) { return text.toStdString(); }

// Everything the importer reads, as text, except the campaign id (a fresh UUID per
// import). Comparing these lists gives readable diffs.
std::vector<std::string> describe(const CampaignSetup &s)
{
    std::vector<std::string> out;
    const Campaign &c = s.campaign;
    out.push_back(str(QStringList{c.name, c.startDate.toString(Qt::ISODate), c.endDate.toString(Qt::ISODate),
                                  c.gradeLines.excellent.toPlainString(), c.gradeLines.good.toPlainString(),
                                  c.gradeLines.fair.toPlainString(), QString::number(c.trimFromRaters)}
                          .join(QLatin1Char('|'))));
    for (const Unit &u : s.units)
        out.push_back(str(QStringList{u.code, u.name, u.category}.join(QLatin1Char('|'))));
    for (const Indicator &i : s.indicators) {
        out.push_back(str(QStringList{i.code, i.parentCode, i.title, i.maxScore.toPlainString(), i.content,
                                      i.method() ? scoringMethodName(*i.method()) : QStringLiteral("-"),
                                      i.ruleText, i.evidence, i.checkMethod, QString::number(i.position)}
                              .join(QLatin1Char('|'))));
    }
    for (const Site &site : s.sites) {
        out.push_back(str(QStringList{site.code, site.unitCode, site.name, siteTypeName(site.type),
                                      QString::number(site.latitude.value_or(-999), 'f', 6),
                                      QString::number(site.longitude.value_or(-999), 'f', 6),
                                      site.indicatorCodes.join(QLatin1Char(';'))}
                              .join(QLatin1Char('|'))));
    }
    for (const InspectionGroup &g : s.groups)
        out.push_back(str(g.name + QLatin1Char('|') + g.unitCodes.join(QLatin1Char(';'))));
    for (const Person &p : s.people)
        out.push_back(str(QStringList{p.account, p.name, roleName(p.role), p.homeUnitCode, p.groupName}.join(QLatin1Char('|'))));
    return out;
}

} // namespace

class CampaignImport : public ::testing::Test
{
protected:
    Files files = test::sampleCampaignFiles();

    QByteArray &file(const char *name) { return files[QString::fromUtf8(name)]; }
    void setCell(const char *name, int line, int column, const QByteArray &text)
    {
        file(name) = replaceCell(file(name), line, column, text);
    }

    std::optional<ImportError> rejection() const
    {
        try {
            const CampaignSetup setup = CampaignImporter::importFiles(files);
            ADD_FAILURE() << "imported " << setup.units.size() << " units instead of rejecting the files";
            return std::nullopt;
        } catch (const ImportException &e) {
            return e.error();
        }
    }

    // The import throws, so no setup is returned, and the error points exactly at
    // the broken cell. `messagePart` makes sure it is the intended error.
    ::testing::AssertionResult rejectedAt(const char *name, int line, int column, const QString &messagePart) const
    {
        const auto error = rejection();
        if (!error)
            return ::testing::AssertionFailure() << "not rejected";
        if (error->file == QString::fromUtf8(name) && error->line == line && error->column == column &&
            error->message.contains(messagePart)) {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << "rejected with " << str(error->toString()) << " (line " << error->line
                                             << ", column " << error->column << ")";
    }
};

TEST_F(CampaignImport, SampleCounts)
{
    const CampaignSetup setup = CampaignImporter::importFiles(files);
    EXPECT_EQ(setup.units.size(), 10u);
    EXPECT_EQ(setup.indicators.size(), 28u);
    EXPECT_EQ(std::count_if(setup.indicators.begin(), setup.indicators.end(),
                            [](const Indicator &i) { return !i.isProject(); }),
              21);
    EXPECT_EQ(setup.sites.size(), 30u);
    EXPECT_EQ(setup.groups.size(), 3u);
    EXPECT_EQ(setup.people.size(), 25u);
}

TEST_F(CampaignImport, SampleCampaignSettings)
{
    const Campaign c = CampaignImporter::importFiles(files).campaign;
    EXPECT_EQ(c.name, QStringLiteral("2026年上半年全市组织工作量化考评"));
    EXPECT_EQ(c.startDate, QDate(2026, 6, 15));
    EXPECT_EQ(c.endDate, QDate(2026, 7, 15));
    EXPECT_EQ(c.gradeLines.excellent, Decimal(90));
    EXPECT_EQ(c.gradeLines.good, Decimal(80));
    EXPECT_EQ(c.gradeLines.fair, Decimal(60));
    EXPECT_EQ(c.trimFromRaters, 5);
    EXPECT_FALSE(c.id.isEmpty());
}

TEST_F(CampaignImport, SampleIndicatorRules)
{
    const CampaignSetup setup = CampaignImporter::importFiles(files);
    const Indicator *project = setup.indicator(QStringLiteral("1"));
    ASSERT_TRUE(project);
    EXPECT_TRUE(project->isProject());
    EXPECT_EQ(project->title, QStringLiteral("选人用人与干部队伍建设"));
    EXPECT_EQ(project->maxScore, Decimal(20));
    EXPECT_EQ(setup.itemsOf(QStringLiteral("1")).size(), 4u);

    const Indicator *threshold = setup.indicator(QStringLiteral("1.2"));
    ASSERT_TRUE(threshold && threshold->rule);
    EXPECT_EQ(threshold->parentCode, QStringLiteral("1"));
    EXPECT_EQ(threshold->method(), ScoringMethod::Threshold);
    const auto &rule = std::get<ThresholdRule>(threshold->rule->data);
    EXPECT_EQ(rule.targetFor(QStringLiteral("山区县"))->fullAt, Decimal(12));
    EXPECT_EQ(rule.targetFor(QStringLiteral("城区"))->fullAt, Decimal(18));
    EXPECT_EQ(rule.unit, QStringLiteral("%"));

    // 默认:0/3 scores downwards: zero incidents earn the full score.
    const auto &reverse = std::get<ThresholdRule>(setup.indicator(QStringLiteral("3.3"))->rule->data);
    EXPECT_EQ(reverse.targetFor(QStringLiteral("山区县"))->fullAt, Decimal(0));
    EXPECT_EQ(reverse.targetFor(QStringLiteral("山区县"))->zeroAt, Decimal(3));

    const auto &checklist = std::get<ChecklistRule>(setup.indicator(QStringLiteral("1.1"))->rule->data);
    ASSERT_EQ(checklist.items.size(), 4u);
    EXPECT_EQ(checklist.items[3].name, QStringLiteral("任前公示到位"));
    EXPECT_EQ(checklist.items[3].points, Decimal::fraction(3, 2));

    const auto &bonus = std::get<BonusRule>(setup.indicator(QStringLiteral("6.1"))->rule->data);
    EXPECT_EQ(bonus.cap, std::optional<Decimal>(Decimal(6)));
    EXPECT_EQ(setup.indicator(QStringLiteral("6"))->maxScore, Decimal(10));
    EXPECT_EQ(setup.indicator(QStringLiteral("7.1"))->method(), ScoringMethod::Veto);
}

TEST_F(CampaignImport, SampleSitesGroupsAndPeople)
{
    const CampaignSetup setup = CampaignImporter::importFiles(files);
    const Site &dc01 = setup.sites.front();
    EXPECT_EQ(dc01.code, QStringLiteral("DC-01"));
    EXPECT_EQ(dc01.unitCode, QStringLiteral("DC"));
    EXPECT_EQ(dc01.type, SiteType::Demonstration);
    EXPECT_EQ(dc01.indicatorCodes, (QStringList{QStringLiteral("2.1"), QStringLiteral("2.2"), QStringLiteral("5.2")}));
    ASSERT_TRUE(dc01.latitude && dc01.longitude);
    EXPECT_DOUBLE_EQ(*dc01.latitude, 35.56238);
    EXPECT_DOUBLE_EQ(*dc01.longitude, 104.58508);

    EXPECT_EQ(setup.unit(QStringLiteral("QS"))->category, QStringLiteral("山区县"));
    const InspectionGroup *first = setup.group(QStringLiteral("第一检查组"));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->unitCodes, (QStringList{QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}));

    const Person *hu = setup.person(QStringLiteral("g3.hu"));
    ASSERT_TRUE(hu);
    EXPECT_EQ(hu->role, Role::Inspector);
    EXPECT_EQ(hu->homeUnitCode, QStringLiteral("XC"));
    EXPECT_EQ(hu->groupName, QStringLiteral("第三检查组"));
    // Group 3 covers g3.hu's home unit; 回避 is enforced when scoring, not here.
    EXPECT_TRUE(setup.assesses(*hu, QStringLiteral("XC")));

    EXPECT_EQ(setup.person(QStringLiteral("kpb.admin"))->role, Role::Hq);
    EXPECT_TRUE(setup.person(QStringLiteral("kpb.admin"))->groupName.isEmpty());
    EXPECT_EQ(setup.person(QStringLiteral("dc.liaison"))->role, Role::Liaison);
    EXPECT_EQ(setup.person(QStringLiteral("dc.liaison"))->homeUnitCode, QStringLiteral("DC"));
}

TEST_F(CampaignImport, FolderImportMatchesFileImport)
{
    EXPECT_EQ(describe(CampaignImporter::importFolder(test::sampleCampaignDir())),
              describe(CampaignImporter::importFiles(files)));
}

TEST_F(CampaignImport, WithoutBomGivesIdenticalSetup)
{
    Files plain;
    for (const auto &[name, bytes] : files.asKeyValueRange())
        plain.insert(name, decodeSample(bytes).toUtf8());
    EXPECT_EQ(decodeSpreadsheetText(plain.first())->encoding, TextEncoding::Utf8);
    EXPECT_EQ(describe(CampaignImporter::importFiles(plain)), describe(CampaignImporter::importFiles(files)));
}

TEST_F(CampaignImport, Gb18030GivesIdenticalSetup)
{
    Files gb;
    for (const auto &[name, bytes] : files.asKeyValueRange()) {
        const auto encoded = encodeGb18030(decodeSample(bytes));
        ASSERT_TRUE(encoded) << str(name);
        ASSERT_EQ(decodeSpreadsheetText(*encoded)->encoding, TextEncoding::Gb18030) << str(name);
        gb.insert(name, *encoded);
    }
    EXPECT_EQ(describe(CampaignImporter::importFiles(gb)), describe(CampaignImporter::importFiles(files)));
}

TEST_F(CampaignImport, LfLineEndsGiveIdenticalSetup)
{
    Files lf;
    for (const auto &[name, bytes] : files.asKeyValueRange())
        lf.insert(name, QByteArray(bytes).replace("\r\n", "\n"));
    EXPECT_EQ(describe(CampaignImporter::importFiles(lf)), describe(CampaignImporter::importFiles(files)));
}

TEST_F(CampaignImport, ErrorTextNamesFileLineAndColumn)
{
    setCell("indicators.csv", 6, 6, "等级评价");
    try {
        CampaignImporter::importFiles(files);
        FAIL() << "not rejected";
    } catch (const ImportException &e) {
        EXPECT_TRUE(QString::fromUtf8(e.what()).startsWith(QStringLiteral("indicators.csv 第 6 行第 6 列（计分方法）：")))
            << e.what();
    }
}

// One test per kind of mistake HQ staff make in Excel.

TEST_F(CampaignImport, UnknownScoringMethod)
{
    setCell("indicators.csv", 6, 6, "等级评价");
    EXPECT_TRUE(rejectedAt("indicators.csv", 6, 6, QStringLiteral("等级评价")));
}

TEST_F(CampaignImport, MalformedRule)
{
    setCell("indicators.csv", 4, 7, "山区县:abc");
    EXPECT_TRUE(rejectedAt("indicators.csv", 4, 7, QStringLiteral("山区县:abc")));
}

TEST_F(CampaignImport, ThresholdRuleWithoutUnitCategoryOrDefault)
{
    // DC, XC and XQ are 城区 and would have no target.
    setCell("indicators.csv", 4, 7, "山区县:12/0;川区县:15/0;单位:%");
    EXPECT_TRUE(rejectedAt("indicators.csv", 4, 7, QStringLiteral("城区")));
}

TEST_F(CampaignImport, ItemScoresNotAddingUpToProjectScore)
{
    setCell("indicators.csv", 3, 4, "7"); // 1.1: 6 → 7, so project 1 sums to 21, not 20
    EXPECT_TRUE(rejectedAt("indicators.csv", 2, 4, QStringLiteral("21")));
}

TEST_F(CampaignImport, BadUnitCodeFormat)
{
    setCell("units.csv", 3, 1, "X C");
    EXPECT_TRUE(rejectedAt("units.csv", 3, 1, QStringLiteral("X C")));
}

TEST_F(CampaignImport, BadIndicatorCodeFormat)
{
    setCell("indicators.csv", 5, 1, "1.3.1");
    EXPECT_TRUE(rejectedAt("indicators.csv", 5, 1, QStringLiteral("1.3.1")));
}

TEST_F(CampaignImport, DuplicateUnitCode)
{
    setCell("units.csv", 11, 1, "DC");
    EXPECT_TRUE(rejectedAt("units.csv", 11, 1, QStringLiteral("DC")));
}

TEST_F(CampaignImport, DuplicateIndicatorCode)
{
    setCell("indicators.csv", 6, 1, "1.3");
    EXPECT_TRUE(rejectedAt("indicators.csv", 6, 1, QStringLiteral("1.3")));
}

TEST_F(CampaignImport, ItemBeforeItsProject)
{
    // Swap project 2 (line 7) with its first item (line 8).
    const QByteArray project = lineOf(file("indicators.csv"), 7);
    const QByteArray item = lineOf(file("indicators.csv"), 8);
    file("indicators.csv") = test::replaceLine(test::replaceLine(file("indicators.csv"), 7, item), 8, project);
    EXPECT_TRUE(rejectedAt("indicators.csv", 7, 1, QStringLiteral("2.1")));
}

TEST_F(CampaignImport, SiteNamingUnknownUnit)
{
    setCell("sites.csv", 2, 2, "ZZ");
    EXPECT_TRUE(rejectedAt("sites.csv", 2, 2, QStringLiteral("ZZ")));
}

TEST_F(CampaignImport, SiteNamingUnknownIndicator)
{
    setCell("sites.csv", 3, 7, "4.3;5.9");
    EXPECT_TRUE(rejectedAt("sites.csv", 3, 7, QStringLiteral("5.9")));
}

TEST_F(CampaignImport, SiteNamingProjectInsteadOfItem)
{
    setCell("sites.csv", 3, 7, "4.3;5");
    EXPECT_TRUE(rejectedAt("sites.csv", 3, 7, QStringLiteral("“5”")));
}

TEST_F(CampaignImport, GroupNamingUnknownUnit)
{
    setCell("groups.csv", 3, 2, "QS;PC;LL;XQ;ZZ");
    EXPECT_TRUE(rejectedAt("groups.csv", 3, 2, QStringLiteral("ZZ")));
}

TEST_F(CampaignImport, UnitInTwoGroups)
{
    setCell("groups.csv", 4, 2, "XC;YL;HW;DC");
    EXPECT_TRUE(rejectedAt("groups.csv", 4, 2, QStringLiteral("第一检查组")));
}

TEST_F(CampaignImport, PersonInUnknownGroup)
{
    setCell("people.csv", 5, 5, "第九检查组");
    EXPECT_TRUE(rejectedAt("people.csv", 5, 5, QStringLiteral("第九检查组")));
}

TEST_F(CampaignImport, UnknownRole)
{
    setCell("people.csv", 5, 3, "组员");
    EXPECT_TRUE(rejectedAt("people.csv", 5, 3, QStringLiteral("组员")));
}

TEST_F(CampaignImport, LiaisonWithoutHomeUnit)
{
    setCell("people.csv", 17, 4, "");
    EXPECT_TRUE(rejectedAt("people.csv", 17, 4, QStringLiteral("联络员")));
}

TEST_F(CampaignImport, MissingRequiredColumn)
{
    file("units.csv") = test::replaceLine(file("units.csv"), 1, kBom + "编码,名称");
    const auto error = rejection();
    ASSERT_TRUE(error);
    EXPECT_EQ(error->file, QStringLiteral("units.csv"));
    EXPECT_EQ(error->line, 1);
    EXPECT_EQ(error->column, 0); // the column does not exist, so none can be named by number
    EXPECT_EQ(error->columnName, QStringLiteral("类别"));
}

TEST_F(CampaignImport, MissingFile)
{
    files.remove(QStringLiteral("groups.csv"));
    EXPECT_TRUE(rejectedAt("groups.csv", 0, 0, QString()));
}

TEST_F(CampaignImport, MissingFileInFolder)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const auto &[name, bytes] : files.asKeyValueRange()) {
        if (name == QStringLiteral("people.csv"))
            continue;
        QFile out(dir.filePath(name));
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    try {
        CampaignImporter::importFolder(dir.path());
        FAIL() << "not rejected";
    } catch (const ImportException &e) {
        EXPECT_EQ(e.error().file, QStringLiteral("people.csv"));
        EXPECT_EQ(e.error().line, 0);
        EXPECT_EQ(e.error().column, 0);
    }
}

TEST_F(CampaignImport, UnknownCampaignKey)
{
    file("campaign.csv") = test::appendLine(file("campaign.csv"), "负责人,张三");
    EXPECT_TRUE(rejectedAt("campaign.csv", 9, 1, QStringLiteral("负责人")));
}

TEST_F(CampaignImport, BadDate)
{
    setCell("campaign.csv", 3, 2, "2026-13-01");
    EXPECT_TRUE(rejectedAt("campaign.csv", 3, 2, QStringLiteral("2026-13-01")));
}

TEST_F(CampaignImport, EndBeforeStart)
{
    setCell("campaign.csv", 4, 2, "2026-06-01");
    EXPECT_TRUE(rejectedAt("campaign.csv", 4, 2, QStringLiteral("结束日期")));
}

TEST_F(CampaignImport, FairLineAboveGoodLine)
{
    setCell("campaign.csv", 7, 2, "85");
    EXPECT_TRUE(rejectedAt("campaign.csv", 7, 2, QStringLiteral("优秀 > 良好 > 一般")));
}

TEST_F(CampaignImport, GoodLineAboveExcellentLine)
{
    // The line to fix is 良好's (line 6), not 一般's, which is in order.
    setCell("campaign.csv", 6, 2, "95");
    EXPECT_TRUE(rejectedAt("campaign.csv", 6, 2, QStringLiteral("优秀 > 良好 > 一般")));
}

TEST_F(CampaignImport, UndecodableBytes)
{
    setCell("people.csv", 5, 2, "\xFF\xFE");
    EXPECT_TRUE(rejectedAt("people.csv", 0, 0, QStringLiteral("编码")));
}
