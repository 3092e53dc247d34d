#include "admincommands.h"

#include "commandline.h"
#include "hqdatafolder.h"
#include "hq/hqwriter.h"
#include "hq/scorehistory.h"
#include "import/campaignimporter.h"
#include "import/importerror.h"
#include "import/paperscoreimporter.h"
#include "resultsformatter.h"
#include "store/campaignstore.h"
#include "store/unitsubmissions.h"

#include <QFileInfo>

#include <exception>

namespace onsite {

namespace {

// Lines of scores-paper.csv parsed and written at a time by import-scores.
constexpr std::size_t kImportChunk = 20000;

} // namespace

CampaignSetup requireSetup(CampaignStore &store, const QString &folder)
{
    auto setup = store.loadSetup();
    if (!setup) {
        throw std::runtime_error(QStringLiteral("数据文件夹 %1 中还没有考评活动；请先运行：onsite-hq import-campaign DIR --data %1")
                                     .arg(folder)
                                     .toStdString());
    }
    return std::move(*setup);
}

int runInit(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("init"), QStringLiteral("Create an empty HQ data folder."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("init"), io.err, [&] {
        HqDataFolder folder = cli.dataFolder();
        if (folder.initialize())
            writeText(io.out, QStringLiteral("已创建数据文件夹：%1\n").arg(folder.path()));
        else
            writeText(io.out, QStringLiteral("数据文件夹已存在，未作改动：%1\n").arg(folder.path()));
        return 0;
    });
}

int runImportCampaign(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("import-campaign"),
                    QStringLiteral("Import a campaign's six CSV files (campaign, units, indicators, sites, groups, "
                                   "people) into the HQ data folder. All or nothing."));
    cli.addPositional(QStringLiteral("DIR"), QStringLiteral("Folder holding the campaign CSV files."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("import-campaign"), io.err, [&] {
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        CampaignStore store(*connection);
        if (store.hasCampaign()) {
            const CampaignSetup existing = requireSetup(store, folder.path());
            throw std::runtime_error(QStringLiteral("数据文件夹 %1 已有考评活动“%2”；每个数据文件夹只存放一个考评活动，"
                                                    "请用新的 --data 文件夹")
                                         .arg(folder.path(), existing.campaign.name)
                                         .toStdString());
        }
        const CampaignSetup setup = CampaignImporter::importFolder(cli.positional().at(0));
        store.saveSetup(setup);
        const auto items = std::count_if(setup.indicators.begin(), setup.indicators.end(),
                                         [](const Indicator &i) { return !i.isProject(); });
        writeText(io.out, QStringLiteral("已导入考评活动“%1”（%2 至 %3）：%4 个被考评单位，%5 个一级指标、%6 个二级指标，"
                                         "%7 个点位，%8 个检查组，%9 个账号。\n")
                              .arg(setup.campaign.name, setup.campaign.startDate.toString(Qt::ISODate),
                                   setup.campaign.endDate.toString(Qt::ISODate))
                              .arg(setup.units.size())
                              .arg(static_cast<qsizetype>(setup.indicators.size()) - items)
                              .arg(items)
                              .arg(setup.sites.size())
                              .arg(setup.groups.size())
                              .arg(setup.people.size()));
        return 0;
    });
}

int runImportScores(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("import-scores"),
                    QStringLiteral("Import paper scores (补录): columns 账号,单位编码,指标编号,类型,评分输入,说明. "
                                   "The whole file is rejected if any line is invalid."));
    cli.addPositional(QStringLiteral("FILE"), QStringLiteral("The scores CSV file."));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    return runGuarded(QStringLiteral("import-scores"), io.err, [&] {
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        // The whole file is one transaction writing indexes at random places (record ids
        // are UUIDs): in SQLite's default 2 MiB page cache it spilled and re-read pages
        // more and more as the tables grew. The same cache as serve's connections.
        if (!folder.usesPostgres())
            connection->executeScript(QStringLiteral("PRAGMA cache_size = -65536"));
        CampaignStore store(*connection);
        const CampaignSetup setup = requireSetup(store, folder.path());
        // Streamed: a chunk of lines is parsed, checked and written at a time, all in one
        // transaction (a bad line or a refused score anywhere rolls the whole file back),
        // so memory does not grow with the file's length.
        PaperScoreImporter importer(setup);
        connection->queryEach(QStringLiteral("SELECT account, unit_code, indicator_code, kind FROM score_entries"), {},
                              [&](const SqlRow &row) {
                                  importer.addExisting(row[0].toString(), row[1].toString(), row[2].toString(),
                                                       row[3].toString() == QLatin1String("final") ? ScoreKind::Final
                                                                                                   : ScoreKind::Rater);
                              });
        const QString fileName = QFileInfo(cli.positional().at(0)).fileName();
        auto stream = importer.streamFile(cli.positional().at(0));
        std::vector<int> lines; // of the current chunk
        qsizetype firstOfChunk = 0, total = 0, finals = 0;
        // Through the devices' write path: the rules, the change feed and the keyed history.
        hq::HqWriter writer(*connection, setup, hq::historyKey(folder.path()), hq::HqWriter::kPaperOrigin);
        const auto refusal = writer.write(
            [&](std::vector<hq::HqChange> &changes) {
                firstOfChunk = total;
                const std::vector<ScoreEntry> entries = stream.next(kImportChunk, &lines);
                total += static_cast<qsizetype>(entries.size());
                finals += std::count_if(entries.begin(), entries.end(),
                                        [](const ScoreEntry &e) { return e.kind == ScoreKind::Final; });
                changes = hq::HqWriter::scoreChanges(entries);
                return !changes.empty();
            },
            QDateTime::currentDateTimeUtc());
        if (refusal) {
            const bool lost = refusal->result.status == protocol::MutationStatus::Conflict;
            throw ImportException({fileName, lines.at(static_cast<std::size_t>(refusal->index - firstOfChunk)), 0, {},
                                   lost ? QStringLiteral("HQ 已有这条评分更晚的修改（来自设备），补录不能覆盖")
                                        : refusal->result.message});
        }
        writeText(io.out, QStringLiteral("已导入 %1 条评分，其中组长核定 %2 条。\n").arg(total).arg(finals));
        return 0;
    });
}

int runResults(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(QStringLiteral("results"),
                    QStringLiteral("Compute totals, ranks and grades from every score in the data folder."));
    cli.parser().addOption(QCommandLineOption(QStringLiteral("format"),
                                              QStringLiteral("Output format: table (default), csv or json."),
                                              QStringLiteral("FORMAT"), QStringLiteral("table")));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    const QString formatName = cli.value(QStringLiteral("format"));
    ResultsFormat format = ResultsFormat::Table;
    if (formatName == QLatin1String("csv")) {
        format = ResultsFormat::Csv;
    } else if (formatName == QLatin1String("json")) {
        format = ResultsFormat::Json;
    } else if (formatName != QLatin1String("table")) {
        writeText(io.err, QStringLiteral("onsite-hq results: 未知的格式“%1”（可选 csv、json、table）\n").arg(formatName));
        return 2;
    }
    return runGuarded(QStringLiteral("results"), io.err, [&] {
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        CampaignStore store(*connection);
        const CampaignSetup setup = requireSetup(store, folder.path());
        const CampaignResults results = ScoringEngine(setup).compute(store.loadScoreTable());
        writeText(io.out, ResultsFormatter(setup, results, UnitSubmissions(*connection).lockedUnits()).format(format));
        return 0;
    });
}

} // namespace onsite
