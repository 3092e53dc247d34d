// The export library on its own: formula-injection defence, unit cuts for a leader, a
// malformed results document, and PDF reports rendered on several threads at once
// (the console renders them on its worker threads).
#include "export/cellsafety.h"
#include "export/exports.h"
#include "export/headlessgui.h"
#include "export/resultsview.h"
#include "hq/resultsjson.h"
#include "import/campaignimporter.h"
#include "import/paperscoreimporter.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <future>

namespace onsite::exports {
namespace {

ExportInput sampleInput()
{
    auto setup =
        std::make_shared<CampaignSetup>(CampaignImporter::importFolder(test::sampleCampaignDir()));
    setup->indexUnits();
    const auto scores = PaperScoreImporter(*setup, {})
                            .importFile(test::samplePath(QStringLiteral("scores-paper.csv")));
    const CampaignResults results = ScoringEngine(*setup).compute(scores);
    ExportInput input;
    input.setup = setup;
    input.results = hq::resultsJson(*setup, results, {QStringLiteral("DC")});
    input.asOf = QDateTime::currentDateTime();
    input.findings.push_back(Finding{QStringLiteral("f1"),
                                     QStringLiteral("DC"),
                                     QStringLiteral("DC-01"),
                                     QStringLiteral("2.1"),
                                     FindingKind::Shortcoming,
                                     QStringLiteral("=cmd|' /C calc'!A0"),
                                     QStringLiteral("整改"),
                                     QStringLiteral("g1.li"),
                                     QDateTime::currentDateTime(),
                                     {}});
    input.findings.push_back(Finding{QStringLiteral("f2"),
                                     QStringLiteral("BH"),
                                     {},
                                     {},
                                     FindingKind::Problem,
                                     QStringLiteral("白河县的问题"),
                                     {},
                                     QStringLiteral("g1.li"),
                                     QDateTime::currentDateTime(),
                                     {}});
    return input;
}

// The text of each page (pdftotext ends a page with a form feed), without spaces.
QStringList pdfPages(const QByteArray &pdf)
{
    QStringList pages = test::pdfToText(pdf).split(QLatin1Char('\f'));
    if (!pages.isEmpty() && pages.last().trimmed().isEmpty())
        pages.removeLast();
    for (QString &page : pages)
        page.remove(QLatin1Char(' ')).remove(QLatin1Char('\n'));
    return pages;
}

QString pdfText(const QByteArray &pdf) { return pdfPages(pdf).join(QString()); }

TEST(CellSafety, NeutralisesFormulaStartsAndStripsControlCharacters)
{
    EXPECT_EQ(safeCellText(QStringLiteral("=HYPERLINK(\"x\")")),
              QStringLiteral("'=HYPERLINK(\"x\")"));
    EXPECT_EQ(safeCellText(QStringLiteral("+1")), QStringLiteral("'+1"));
    EXPECT_EQ(safeCellText(QStringLiteral("-1")), QStringLiteral("'-1"));
    EXPECT_EQ(safeCellText(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
    EXPECT_EQ(safeCellText(QStringLiteral("\t=1")), QStringLiteral("'\t=1"));
    EXPECT_EQ(safeCellText(QStringLiteral("\r=1")), QStringLiteral("'\r=1"));
    // A control character in front does not hide the formula.
    EXPECT_EQ(safeCellText(QString(QChar(0)) + QStringLiteral("=1")), QStringLiteral("'=1"));
    EXPECT_EQ(safeCellText(QStringLiteral("a\x01"
                                          "b\x7f"
                                          "c\nd")),
              QStringLiteral("abc\nd"));
    EXPECT_EQ(safeCellText(QStringLiteral("东城区 = 第一")), QStringLiteral("东城区 = 第一"));
    EXPECT_EQ(safeCellText(QStringLiteral("99.69")), QStringLiteral("99.69"));
    // The report prints text as written, without the control characters.
    EXPECT_EQ(withoutControlCharacters(QStringLiteral("=a\x07" "b\n")), QStringLiteral("=ab\n"));
}

TEST(Exports, CsvNeutralisesAUnitNameAndQuotesSeparators)
{
    ExportInput input = sampleInput();
    QJsonArray units = input.results.value(QStringLiteral("units")).toArray();
    QJsonObject first = units.at(0).toObject();
    first.insert(QStringLiteral("unit_name"), QStringLiteral("=1+1,\"x\""));
    units.replace(0, first);
    input.results.insert(QStringLiteral("units"), units);
    const QString csv = QString::fromUtf8(resultsCsv(input));
    EXPECT_TRUE(csv.contains(QStringLiteral(",\"'=1+1,\"\"x\"\"\",")));
}

TEST(Exports, RestrictToUnitsKeepsOnlyTheGroupAndItsRanks)
{
    ExportInput input = sampleInput();
    input.restrictToUnits({QStringLiteral("BH"), QStringLiteral("XQ")});
    const QJsonArray units = input.results.value(QStringLiteral("units")).toArray();
    ASSERT_EQ(units.size(), 2);
    EXPECT_EQ(units.at(0).toObject().value(QStringLiteral("unit")).toString(),
              QStringLiteral("XQ"));
    EXPECT_EQ(units.at(0).toObject().value(QStringLiteral("rank")).toInt(), 9);
    ASSERT_EQ(input.findings.size(), 1u);
    EXPECT_EQ(input.findings.front().unitCode, QStringLiteral("BH"));
    const QString csv = QString::fromUtf8(resultsCsv(input));
    EXPECT_FALSE(csv.contains(QStringLiteral("东城区")));
    EXPECT_TRUE(csv.contains(QStringLiteral("白河县")));
}

TEST(Exports, AMalformedResultsDocumentIsRefusedByName)
{
    ExportInput input = sampleInput();
    QJsonArray units = input.results.value(QStringLiteral("units")).toArray();
    QJsonObject first = units.at(0).toObject();
    first.remove(QStringLiteral("total"));
    units.replace(0, first);
    input.results.insert(QStringLiteral("units"), units);
    try {
        resultsXlsx(input);
        FAIL() << "a unit without a total was exported";
    } catch (const ExportError &e) {
        EXPECT_NE(QString::fromUtf8(e.what()).indexOf(QStringLiteral("单位 DC 缺少字段“total”")),
                  -1)
            << e.what();
    }
}

TEST(Exports, KindsAndFormats)
{
    EXPECT_TRUE(supports(Kind::Results, Format::Csv));
    EXPECT_FALSE(supports(Kind::Findings, Format::Pdf));
    EXPECT_FALSE(supports(Kind::Report, Format::Xlsx));
    EXPECT_THROW(build(Kind::Report, Format::Csv, sampleInput()), ExportError);
    EXPECT_EQ(fileName(Kind::Results, Format::Xlsx, 2), QStringLiteral("考评结果-第2版.xlsx"));
    EXPECT_EQ(fileName(Kind::Report, Format::Pdf, std::nullopt),
              QStringLiteral("考评通报-实时.pdf"));
}

TEST(Exports, ReportsRenderOnSeveralThreadsAtOnce)
{
    const ExportInput input = sampleInput();
    std::vector<std::future<QByteArray>> reports;
    for (int i = 0; i < 3; ++i)
        reports.push_back(std::async(std::launch::async, [&] { return reportPdf(input); }));
    auto workbook = std::async(std::launch::async, [&] { return resultsXlsx(input); });
    for (auto &report : reports) {
        const QByteArray pdf = report.get();
        ASSERT_TRUE(pdf.startsWith("%PDF-"));
        const QString text = pdfText(pdf);
        for (const char *name : {"东城区", "青山县", "白河县", "考评结果通报", "99.69", "55.39"})
            EXPECT_TRUE(text.contains(QString::fromUtf8(name))) << name;
        EXPECT_TRUE(
            text.contains(QStringLiteral("=cmd|'/Ccalc'!A0"))); // the PDF shows text as written
    }
    EXPECT_TRUE(workbook.get().startsWith("PK"));
}

TEST(Exports, ReportGivesEachUnitAPageOfItsOwnAfterTheRankingAndTheChart)
{
    const ExportInput input = sampleInput();
    const QStringList pages = pdfPages(reportPdf(input));
    const QJsonArray units = input.results.value(QStringLiteral("units")).toArray();
    ASSERT_GT(units.size(), 5);
    ASSERT_GE(pages.size(), units.size() + 1);
    EXPECT_TRUE(pages[0].contains(QStringLiteral("考评结果通报")));
    EXPECT_TRUE(pages[0].contains(QStringLiteral("一、考评排名")));
    // The units' pages are the last ones, one each, in rank order; the first says what follows.
    const qsizetype firstUnitPage = pages.size() - units.size();
    for (qsizetype i = 0; i < units.size(); ++i) {
        const QJsonObject unit = units.at(i).toObject();
        const QString heading = QStringLiteral("第%1名%2（")
                                    .arg(unit.value(QStringLiteral("rank")).toInt())
                                    .arg(unit.value(QStringLiteral("unit_name")).toString());
        const QString &page = pages[firstUnitPage + i];
        const QString expectedStart = i == 0 ? QStringLiteral("三、各单位情况") + heading : heading;
        EXPECT_TRUE(page.startsWith(expectedStart)) << "page " << firstUnitPage + i + 1 << ": " << page.left(60).toStdString();
        EXPECT_EQ(page.count(QStringLiteral("一级指标")), 1) << "one unit on page " << firstUnitPage + i + 1;
        EXPECT_TRUE(page.contains(QStringLiteral("第%1页，共%2页").arg(firstUnitPage + i + 1).arg(pages.size())));
    }
    for (qsizetype p = 0; p < firstUnitPage; ++p)
        EXPECT_FALSE(pages[p].contains(QStringLiteral("一级指标"))) << "no unit before the units' part, page " << p + 1;
}

// Page 1 says when scores are missing or not submitted, counting and naming the units.
TEST(Exports, ReportSaysOnPageOneWhichUnitsAreUnscoredOrNotSubmitted)
{
    ExportInput input = sampleInput(); // only DC is submitted
    QJsonArray units = input.results.value(QStringLiteral("units")).toArray();
    for (qsizetype i = 0; i < units.size(); ++i) {
        QJsonObject unit = units.at(i).toObject();
        const QString code = unit.value(QStringLiteral("unit")).toString();
        unit.insert(QStringLiteral("unscored"), code == QLatin1String("BH") ? 2 : code == QLatin1String("XC") ? 1 : 0);
        unit.insert(QStringLiteral("submitted"), code != QLatin1String("QS"));
        units.replace(i, unit);
    }
    input.results.insert(QStringLiteral("units"), units);
    const QString first = pdfPages(reportPdf(input)).value(0);
    EXPECT_TRUE(first.contains(QStringLiteral("评分尚不完整"))) << first.toStdString();
    EXPECT_TRUE(first.contains(QStringLiteral("2个单位有未评的二级指标（未评项按0分计）：")));
    EXPECT_TRUE(first.contains(QStringLiteral("白河县（2项）")) && first.contains(QStringLiteral("西城区（1项）")))
        << first.toStdString();
    EXPECT_TRUE(first.contains(QStringLiteral("1个单位的评分尚未由检查组长提交：青山县。"))) << first.toStdString();

    for (qsizetype i = 0; i < units.size(); ++i) {
        QJsonObject unit = units.at(i).toObject();
        unit.insert(QStringLiteral("unscored"), 0);
        unit.insert(QStringLiteral("submitted"), true);
        units.replace(i, unit);
    }
    input.results.insert(QStringLiteral("units"), units);
    const QString complete = pdfPages(reportPdf(input)).value(0);
    EXPECT_TRUE(complete.contains(QStringLiteral("评分完整：各单位的二级指标均已评分，并已由检查组长提交。")));
    EXPECT_FALSE(complete.contains(QStringLiteral("尚不完整")));

    // No unit in the scope: nothing to call complete.
    input.results.insert(QStringLiteral("units"), QJsonArray());
    const QString empty = pdfPages(reportPdf(input)).value(0);
    EXPECT_TRUE(empty.contains(QStringLiteral("所选范围内没有考评单位，本通报没有分数和排名。"))) << empty.toStdString();
    EXPECT_FALSE(empty.contains(QStringLiteral("评分完整")));
}

// A long unit name stays whole in the ranking chart instead of running off the page.
TEST(Exports, RankingChartShowsALongUnitNameWhole)
{
    ExportInput input = sampleInput();
    const QString name = QStringLiteral("白河县经济技术开发区管理委员会（试点）");
    // Too long for one line even in the widest label column: it takes two, uncut.
    const QString longer = QStringLiteral("东城区城市基层党建引领社会治理创新实验区工作委员会（试点）");
    QJsonArray units = input.results.value(QStringLiteral("units")).toArray();
    int rank = 0;
    for (qsizetype i = 0; i < units.size(); ++i) {
        QJsonObject unit = units.at(i).toObject();
        const QString code = unit.value(QStringLiteral("unit")).toString();
        if (code == QLatin1String("BH")) {
            unit.insert(QStringLiteral("unit_name"), name);
            rank = unit.value(QStringLiteral("rank")).toInt();
        } else if (code == QLatin1String("DC")) {
            unit.insert(QStringLiteral("unit_name"), longer);
        }
        units.replace(i, unit);
    }
    input.results.insert(QStringLiteral("units"), units);
    const QString first = pdfPages(reportPdf(input)).value(0);
    const QString chart = first.mid(first.indexOf(QStringLiteral("二、排名图")));
    EXPECT_TRUE(chart.contains(QString::number(rank) + name)) << chart.toStdString();
    QString joined = chart;
    joined.remove(QRegularExpression(QStringLiteral("\\s")));
    EXPECT_TRUE(joined.contains(longer)) << chart.toStdString();
    EXPECT_FALSE(chart.contains(QStringLiteral("…"))) << chart.toStdString();
}

// The console exports live results from the engine's ranked results, without the JSON
// document: the same rows, values and files as from the document a version freezes.
TEST(Exports, LiveResultsGiveTheSameExportsAsTheResultsDocument)
{
    ExportInput document = sampleInput();
    const auto scores = PaperScoreImporter(*document.setup, {})
                            .importFile(test::samplePath(QStringLiteral("scores-paper.csv")));
    ExportInput live = document;
    live.results = {};
    live.live = std::make_shared<const CampaignResults>(ScoringEngine(*document.setup).compute(scores));
    live.submittedUnits = {QStringLiteral("DC")};

    EXPECT_EQ(resultsCsv(live), resultsCsv(document));
    EXPECT_EQ(resultsCsv(live, CsvHeader::English), resultsCsv(document, CsvHeader::English));
    const ResultsView fromLive(live, true), fromDocument(document, true);
    ASSERT_EQ(fromLive.units().size(), fromDocument.units().size());
    ASSERT_EQ(fromLive.units().size(), document.setup->units.size());
    int scored = 0;
    for (std::size_t u = 0; u < fromLive.units().size(); ++u) {
        const UnitRow &a = fromLive.units()[u];
        const UnitRow &b = fromDocument.units()[u];
        EXPECT_EQ(a.code, b.code);
        EXPECT_EQ(a.total, b.total);
        EXPECT_EQ(a.subtotals, b.subtotals);
        EXPECT_EQ(a.submitted, b.submitted);
        EXPECT_EQ(a.items, b.items) << a.code.toStdString(); // the doubles a cell holds, exactly
        scored += static_cast<int>(std::count_if(a.items.begin(), a.items.end(), [](auto v) { return v.has_value(); }));
    }
    EXPECT_GT(scored, 0);
    EXPECT_TRUE(ResultsView(live).units().front().items.empty()) << "items are read only for the workbook";

    live.restrictToUnits({QStringLiteral("BH"), QStringLiteral("XQ")});
    document.restrictToUnits({QStringLiteral("BH"), QStringLiteral("XQ")});
    EXPECT_EQ(resultsCsv(live), resultsCsv(document));
    ASSERT_EQ(ResultsView(live).units().size(), 2u);
    EXPECT_EQ(ResultsView(live).units().front().rank, 9) << "ranks stay as computed over every unit";
    EXPECT_TRUE(resultsXlsx(live).startsWith("PK"));
}

} // namespace
} // namespace onsite::exports

int main(int argc, char **argv)
{
    const auto app = onsite::exports::createHeadlessGuiApplication(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
