#include "admin/admincommands.h"
#include "admin/hqdatafolder.h"
#include "admin/resultsformatter.h"
#include "import/campaignimporter.h"
#include "store/campaignstore.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>

using namespace onsite;

namespace {

using Command = std::function<int(const QStringList &, const CommandIo &)>;

// A command's exit code and everything it wrote to its two streams.
struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString readAll(FILE *stream)
{
    std::fflush(stream);
    std::rewind(stream);
    QByteArray bytes;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, stream)) > 0)
        bytes.append(buffer, static_cast<qsizetype>(n));
    return QString::fromUtf8(bytes);
}

Outcome run(const Command &command, const QStringList &arguments)
{
    FILE *out = std::tmpfile();
    FILE *err = std::tmpfile();
    if (!out || !err)
        throw std::runtime_error("tmpfile() failed");
    Outcome outcome;
    outcome.exitCode = command(arguments, CommandIo{out, err});
    outcome.out = readAll(out);
    outcome.err = readAll(err);
    std::fclose(out);
    std::fclose(err);
    return outcome;
}

std::string show(const Outcome &o)
{
    return QStringLiteral("exit %1\n--- out:\n%2\n--- err:\n%3").arg(o.exitCode).arg(o.out, o.err).toStdString();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + path.toStdString());
}

// The lines of a CRLF file as bytes, without their line ends; a trailing empty line is dropped.
QList<QByteArray> csvLines(const QByteArray &bytes)
{
    QList<QByteArray> lines = bytes.split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    return lines;
}

QByteArray crlfJoin(const QList<QByteArray> &lines) { return lines.join("\r\n") + "\r\n"; }

class AdminCommands : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString dataPath() const { return QDir(m_dir.path()).filePath(QStringLiteral("data")); }
    QString tempPath(const QString &name) const { return QDir(m_dir.path()).filePath(name); }
    QStringList withData(QStringList arguments) const
    {
        return arguments << QStringLiteral("--data") << dataPath();
    }

    void initAndImportSample()
    {
        const Outcome init = run(runInit, withData({}));
        ASSERT_EQ(init.exitCode, 0) << show(init);
        const Outcome imported = run(runImportCampaign, withData({test::sampleCampaignDir()}));
        ASSERT_EQ(imported.exitCode, 0) << show(imported);
    }

    // Writes the header of the sample's paper scores plus its data lines [from, to).
    QString scoresFile(const QString &name, int from, int to, const QList<QByteArray> &extra = {}) const
    {
        const QList<QByteArray> all = csvLines(test::readFile(test::samplePath(QStringLiteral("scores-paper.csv"))));
        QList<QByteArray> lines{all.front()};
        lines += all.mid(from, to - from);
        lines += extra;
        const QString path = tempPath(name);
        writeFile(path, crlfJoin(lines));
        return path;
    }

    int sampleScoreLines() const
    {
        return static_cast<int>(csvLines(test::readFile(test::samplePath(QStringLiteral("scores-paper.csv")))).size());
    }

    size_t storedScores() const
    {
        const auto connection = HqDataFolder(dataPath()).open();
        return onsite::CampaignStore(*connection).loadScores().size();
    }

    Outcome results(const QString &format)
    {
        return run(runResults, withData({QStringLiteral("--format"), format}));
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(AdminCommands, InitTwiceKeepsTheExistingFolder)
{
    const Outcome first = run(runInit, withData({}));
    EXPECT_EQ(first.exitCode, 0) << show(first);
    EXPECT_TRUE(first.out.contains(dataPath())) << show(first);
    EXPECT_TRUE(QFileInfo::exists(HqDataFolder(dataPath()).databasePath()));

    ASSERT_EQ(run(runImportCampaign, withData({test::sampleCampaignDir()})).exitCode, 0);

    const Outcome second = run(runInit, withData({}));
    EXPECT_EQ(second.exitCode, 0) << show(second);
    EXPECT_TRUE(second.out.contains(QStringLiteral("已存在"))) << show(second);
    // A second init must not have wiped the campaign imported in between.
    const auto connection = HqDataFolder(dataPath()).open();
    EXPECT_TRUE(onsite::CampaignStore(*connection).hasCampaign());
}

TEST_F(AdminCommands, ImportCampaignBeforeInitTellsToRunInit)
{
    const Outcome outcome = run(runImportCampaign, withData({test::sampleCampaignDir()}));
    EXPECT_EQ(outcome.exitCode, 1) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("onsite-hq init"))) << show(outcome);
    EXPECT_TRUE(outcome.out.isEmpty()) << show(outcome);
    EXPECT_FALSE(QFileInfo::exists(HqDataFolder(dataPath()).databasePath()));
}

TEST_F(AdminCommands, ImportCampaignWithBadFileImportsNothing)
{
    ASSERT_EQ(run(runInit, withData({})).exitCode, 0);
    const QString folder = tempPath(QStringLiteral("bad-campaign"));
    ASSERT_TRUE(QDir().mkpath(folder));
    QMap<QString, QByteArray> files = test::sampleCampaignFiles();
    // people.csv is read after the other five, so they were all accepted by then.
    files[QStringLiteral("people.csv")] =
        test::replaceLine(files[QStringLiteral("people.csv")], 10, QByteArrayLiteral("g2.wu,吴芳,组员,HW,第二检查组"));
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        writeFile(QDir(folder).filePath(it.key()), it.value());

    const Outcome outcome = run(runImportCampaign, withData({folder}));
    EXPECT_EQ(outcome.exitCode, 1) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("people.csv"))) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("第 10 行"))) << show(outcome);

    const Outcome after = results(QStringLiteral("csv"));
    EXPECT_EQ(after.exitCode, 1) << show(after);
    EXPECT_TRUE(after.err.contains(QStringLiteral("还没有考评活动"))) << show(after);
    EXPECT_TRUE(after.out.isEmpty()) << show(after);
}

TEST_F(AdminCommands, SecondCampaignInSameFolderIsRefused)
{
    initAndImportSample();
    const Outcome again = run(runImportCampaign, withData({test::sampleCampaignDir()}));
    EXPECT_EQ(again.exitCode, 1) << show(again);
    EXPECT_TRUE(again.err.contains(QStringLiteral("已有考评活动"))) << show(again);
}

TEST_F(AdminCommands, ImportScoresWithBadLineAddsNothing)
{
    initAndImportSample();
    const int half = sampleScoreLines() / 2;
    const Outcome first = run(runImportScores, withData({scoresFile(QStringLiteral("first.csv"), 1, half)}));
    ASSERT_EQ(first.exitCode, 0) << show(first);
    ASSERT_EQ(storedScores(), static_cast<size_t>(half - 1));
    const Outcome before = results(QStringLiteral("csv"));
    ASSERT_EQ(before.exitCode, 0) << show(before);

    // 20 valid lines that would change the results, then one naming an unknown account.
    const QString bad = scoresFile(QStringLiteral("second.csv"), half, half + 20,
                                   {QByteArrayLiteral("nobody,DC,1.1,评分,动议环节有会议记录,")});
    const Outcome outcome = run(runImportScores, withData({bad}));
    EXPECT_EQ(outcome.exitCode, 1) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("second.csv"))) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("第 22 行"))) << show(outcome);

    EXPECT_EQ(storedScores(), static_cast<size_t>(half - 1));
    const Outcome after = results(QStringLiteral("csv"));
    EXPECT_EQ(after.exitCode, 0) << show(after);
    EXPECT_EQ(after.out, before.out);

    // Without the bad line the same 20 are accepted, so they were refused only for it.
    const Outcome good = run(runImportScores, withData({scoresFile(QStringLiteral("third.csv"), half, half + 20)}));
    EXPECT_EQ(good.exitCode, 0) << show(good);
    EXPECT_EQ(storedScores(), static_cast<size_t>(half - 1 + 20));
}

TEST_F(AdminCommands, ResultsCsvHasExpectedColumnsAndValues)
{
    initAndImportSample();
    ASSERT_EQ(run(runImportScores, withData({test::samplePath(QStringLiteral("scores-paper.csv"))})).exitCode, 0);
    const Outcome outcome = results(QStringLiteral("csv"));
    ASSERT_EQ(outcome.exitCode, 0) << show(outcome);

    const QStringList lines = outcome.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 11) << show(outcome);
    const QString header = lines.front();
    EXPECT_TRUE(header.startsWith(QStringLiteral("unit,total,grade,rank,category_rank,veto,"))) << header.toStdString();
    const QStringList columns = header.split(QLatin1Char(','));
    EXPECT_TRUE(columns.contains(QStringLiteral("unit_name")));
    EXPECT_TRUE(columns.contains(QStringLiteral("category")));
    EXPECT_EQ(columns[columns.size() - 2], QStringLiteral("unscored"));
    EXPECT_EQ(columns.back(), QStringLiteral("submitted"));
    const CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    int projects = 0;
    for (const Indicator &indicator : setup.indicators) {
        if (indicator.isProject()) {
            ++projects;
            EXPECT_TRUE(columns.contains(QStringLiteral("subtotal_") + indicator.code)) << indicator.code.toStdString();
        }
    }
    EXPECT_EQ(columns.size(), 10 + projects);
    for (const QString &line : lines.mid(1))
        EXPECT_TRUE(line.endsWith(QStringLiteral(",0"))) << "nothing was submitted: " << line.toStdString();

    // The first six columns are the binding expected results of the sample.
    const QStringList expected = QString::fromUtf8(test::readFile(test::samplePath(QStringLiteral("expected-results.csv"))))
                                     .remove(QChar(0xFEFF))
                                     .remove(QLatin1Char('\r'))
                                     .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QSet<QString> expectedRows(expected.begin() + 1, expected.end());
    QSet<QString> actualRows;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = lines[i].split(QLatin1Char(','));
        EXPECT_EQ(fields.size(), columns.size()) << lines[i].toStdString();
        actualRows.insert(fields.mid(0, 6).join(QLatin1Char(',')));
    }
    EXPECT_EQ(actualRows, expectedRows);
}

TEST_F(AdminCommands, ResultsJsonParsesWithTenUnits)
{
    initAndImportSample();
    ASSERT_EQ(run(runImportScores, withData({test::samplePath(QStringLiteral("scores-paper.csv"))})).exitCode, 0);
    const Outcome outcome = results(QStringLiteral("json"));
    ASSERT_EQ(outcome.exitCode, 0) << show(outcome);

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(outcome.out.toUtf8(), &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    ASSERT_TRUE(document.isObject());
    const QJsonArray units = document.object().value(QStringLiteral("units")).toArray();
    ASSERT_EQ(units.size(), 10);
    QSet<QString> codes;
    for (const QJsonValue &unit : units) {
        const QJsonObject object = unit.toObject();
        codes.insert(object.value(QStringLiteral("unit")).toString());
        EXPECT_TRUE(object.value(QStringLiteral("total")).isString());
        EXPECT_GE(object.value(QStringLiteral("rank")).toInt(), 1);
    }
    const CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    QSet<QString> expectedCodes;
    for (const Unit &unit : setup.units)
        expectedCodes.insert(unit.code);
    EXPECT_EQ(codes, expectedCodes);
    EXPECT_EQ(document.object().value(QStringLiteral("campaign")).toString(), setup.campaign.name);
}

TEST_F(AdminCommands, ResultsTableAlignsTotalsByDisplayWidth)
{
    initAndImportSample();
    ASSERT_EQ(run(runImportScores, withData({test::samplePath(QStringLiteral("scores-paper.csv"))})).exitCode, 0);
    const Outcome csv = results(QStringLiteral("csv"));
    ASSERT_EQ(csv.exitCode, 0) << show(csv);
    QMap<QString, QString> totalOf;
    for (const QString &line : csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1)) {
        const QStringList fields = line.split(QLatin1Char(','));
        totalOf.insert(fields[0], fields[1]);
    }

    const Outcome table = results(QStringLiteral("table"));
    ASSERT_EQ(table.exitCode, 0) << show(table);
    const QStringList lines = table.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 13) << show(table);
    ASSERT_TRUE(lines[2].startsWith(QLatin1Char('-'))) << show(table);

    // Cells are separated by at least two spaces; a cell itself ("DC 东城区") has at
    // most single spaces. Column 4 is the total, right-aligned, so its end offset in
    // terminal columns must be the same on every line, header included.
    const QRegularExpression cell(QStringLiteral("\\S+(?: \\S+)*"));
    const auto totalEnd = [&](const QString &line, QString *unitCell, QString *totalCell) {
        int index = 0;
        for (auto it = cell.globalMatch(line); it.hasNext(); ++index) {
            const auto match = it.next();
            if (index == 1 && unitCell)
                *unitCell = match.captured();
            if (index == 4) {
                if (totalCell)
                    *totalCell = match.captured();
                return displayWidth(line.left(match.capturedEnd()));
            }
        }
        return -1;
    };
    const int headerEnd = totalEnd(lines[1], nullptr, nullptr);
    ASSERT_GT(headerEnd, 0);

    int dataLines = 0;
    QSet<int> stringOffsets;
    for (qsizetype i = 3; i < lines.size() && !lines[i].startsWith(QStringLiteral("注意：")); ++i) {
        QString unitCell;
        QString totalCell;
        const int end = totalEnd(lines[i], &unitCell, &totalCell);
        SCOPED_TRACE(lines[i].toStdString());
        EXPECT_EQ(end, headerEnd);
        const QString code = unitCell.section(QLatin1Char(' '), 0, 0);
        ASSERT_TRUE(totalOf.contains(code));
        EXPECT_EQ(totalCell, totalOf.value(code));
        stringOffsets.insert(static_cast<int>(lines[i].indexOf(totalCell)));
        ++dataLines;
    }
    EXPECT_EQ(dataLines, 10);
    // Unit names differ in CJK length, so counting QChars instead of terminal
    // columns would not have aligned; this keeps the sample a meaningful check.
    EXPECT_GT(stringOffsets.size(), 1);
}

TEST_F(AdminCommands, DisplayWidthCountsWideCharactersTwice)
{
    EXPECT_EQ(displayWidth(QStringLiteral("DC")), 2);
    EXPECT_EQ(displayWidth(QStringLiteral("东城区")), 6);
    EXPECT_EQ(displayWidth(QStringLiteral("DC 东城区")), 9);
    EXPECT_EQ(displayWidth(QStringLiteral("优秀（否决）")), 12);
    EXPECT_EQ(displayWidth(QStringLiteral("𠀋")), 2); // outside the BMP: one character, not two halves
}

TEST_F(AdminCommands, UnknownFormatIsAUsageError)
{
    initAndImportSample();
    const Outcome outcome = results(QStringLiteral("xml"));
    EXPECT_EQ(outcome.exitCode, 2) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("xml"))) << show(outcome);
    EXPECT_TRUE(outcome.out.isEmpty()) << show(outcome);
}

TEST_F(AdminCommands, HelpPrintsUsageAndSucceeds)
{
    const Outcome help = run(runResults, {QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0) << show(help);
    EXPECT_TRUE(help.out.contains(QStringLiteral("Usage:"))) << show(help);
    EXPECT_TRUE(help.out.contains(QStringLiteral("--format"))) << show(help);
    EXPECT_TRUE(help.err.isEmpty()) << show(help);

    const Outcome importHelp = run(runImportCampaign, {QStringLiteral("--help")});
    EXPECT_EQ(importHelp.exitCode, 0) << show(importHelp);
    EXPECT_TRUE(importHelp.out.contains(QStringLiteral("DIR"))) << show(importHelp);
    EXPECT_TRUE(importHelp.out.contains(QStringLiteral("--data"))) << show(importHelp);
    // Help alone must not create a data folder anywhere.
    EXPECT_FALSE(QFileInfo::exists(dataPath()));
}

TEST_F(AdminCommands, WrongPositionalCountIsAUsageError)
{
    ASSERT_EQ(run(runInit, withData({})).exitCode, 0);
    const std::vector<std::pair<Command, QStringList>> cases = {
        {runImportCampaign, {}},
        {runImportCampaign, {test::sampleCampaignDir(), test::sampleCampaignDir()}},
        {runImportScores, {}},
        {runResults, {QStringLiteral("extra")}},
        {runInit, {QStringLiteral("extra")}},
    };
    for (const auto &[command, positional] : cases) {
        SCOPED_TRACE(positional.join(QLatin1Char(' ')).toStdString());
        const Outcome outcome = run(command, withData(positional));
        EXPECT_EQ(outcome.exitCode, 2) << show(outcome);
        EXPECT_TRUE(outcome.err.contains(QStringLiteral("--help"))) << show(outcome);
    }
    // None of them got far enough to import anything.
    const auto connection = HqDataFolder(dataPath()).open();
    EXPECT_FALSE(onsite::CampaignStore(*connection).hasCampaign());
}

TEST_F(AdminCommands, UnknownOptionIsAUsageError)
{
    const Outcome outcome = run(runResults, withData({QStringLiteral("--bogus")}));
    EXPECT_EQ(outcome.exitCode, 2) << show(outcome);
    EXPECT_TRUE(outcome.err.contains(QStringLiteral("bogus"))) << show(outcome);
}
