// onsite-hq export: the 一表一单一图 exports (server/export/exports.h) written to a file.
#include "admincommands.h"

#include "commandline.h"
#include "export/exports.h"
#include "followupexport/followupexport.h"
#include "followupexport/isoweek.h"
#include "hq/resultsjson.h"
#include "hq/resultversions.h"
#include "store/campaignstore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace onsite {

namespace {

struct ExportRequest
{
    exports::Kind kind = exports::Kind::Results;
    exports::Format format = exports::Format::Xlsx;
    exports::CsvHeader header = exports::CsvHeader::Chinese;
    std::optional<int> version;
    QString out;
};

// Checks the command line; returns the message for a usage error, or nothing.
std::optional<QString> readRequest(const CommandLine &cli, ExportRequest &request)
{
    const QString kindName = cli.positional().at(0);
    const auto kind = exports::kindFromName(kindName);
    if (!kind)
        return QStringLiteral("未知的导出内容“%1”（可选 results、findings、report、rectifications、"
                              "experiences、innovations、dispatch）")
            .arg(kindName);
    request.kind = *kind;
    QString formatName = cli.value(QStringLiteral("format"));
    if (formatName.isEmpty())
        formatName =
            *kind == exports::Kind::Report ? QStringLiteral("pdf") : QStringLiteral("xlsx");
    const auto format = exports::formatFromName(formatName);
    if (!format)
        return QStringLiteral("未知的格式“%1”（可选 xlsx、csv、pdf）").arg(formatName);
    request.format = *format;
    if (!exports::supports(*kind, *format)) {
        static const QMap<QString, QString> allowed = {
            {QStringLiteral("results"), QStringLiteral("xlsx 或 csv")},
            {QStringLiteral("findings"), QStringLiteral("xlsx")},
            {QStringLiteral("report"), QStringLiteral("pdf")}};
        return QStringLiteral("%1 不能导出为 %2（可选 %3）")
            .arg(kindName, formatName, allowed.value(kindName));
    }
    const QString header = cli.value(QStringLiteral("header"));
    if (!header.isEmpty()) {
        if (*format != exports::Format::Csv)
            return QStringLiteral("--header 只用于 --format csv");
        if (header != QLatin1String("zh") && header != QLatin1String("en"))
            return QStringLiteral("未知的表头语言“%1”（可选 zh、en）").arg(header);
        request.header = header == QLatin1String("en") ? exports::CsvHeader::English
                                                       : exports::CsvHeader::Chinese;
    }
    const QString version = cli.value(QStringLiteral("version"));
    if (!version.isEmpty()) {
        bool ok = false;
        const int number = version.toInt(&ok);
        if (!ok || number < 1)
            return QStringLiteral("--version 需要一个发布版本号（1、2、…），而不是“%1”")
                .arg(version);
        if (*kind == exports::Kind::Findings)
            return QStringLiteral("问题清单不分发布版本，请去掉 --version");
        request.version = number;
    }
    request.out = cli.value(QStringLiteral("out"));
    if (request.out.isEmpty())
        return QStringLiteral("缺少 --out FILE（导出文件写到哪里）");
    return std::nullopt;
}

// The published version's results, or the live ones.
std::pair<QJsonObject, QDateTime> resultsFor(SqlConnection &db, const CampaignSetup &setup,
                                             std::optional<int> version)
{
    if (!version)
        return {hq::currentResultsJson(db, setup), QDateTime::currentDateTime()};
    hq::ResultVersions versions(db);
    const auto info = versions.info(*version);
    const auto snapshot = versions.load(*version);
    if (!info || !snapshot) {
        QStringList published;
        for (const hq::ResultVersionInfo &known : versions.list())
            published << QString::number(known.version);
        throw std::runtime_error(
            (published.isEmpty()
                 ? QStringLiteral("没有第 %1 版发布结果：还没有发布过考评结果").arg(*version)
                 : QStringLiteral("没有第 %1 版发布结果（已发布的版本：%2）")
                       .arg(*version)
                       .arg(published.join(QStringLiteral("、"))))
                .toStdString());
    }
    return {*snapshot, info->publishedAt};
}

// The folder's campaign, indexed; a message for people when none was imported.
CampaignSetup requireSetup(SqlConnection &db, const HqDataFolder &folder)
{
    auto setup = CampaignStore(db).loadSetup();
    if (!setup) {
        throw std::runtime_error(
            QStringLiteral("数据文件夹 %1 中还没有考评活动；请先运行：onsite-hq "
                           "import-campaign DIR --data %1")
                .arg(folder.path())
                .toStdString());
    }
    setup->indexUnits();
    return std::move(*setup);
}

// rectifications, experiences, innovations, dispatch (docs/FOLLOWUP-API.md §Exports).
int runFollowUpExport(const CommandLine &cli, const QString &name, const CommandIo &io)
{
    auto usageError = [&](const QString &message) {
        writeText(
            io.err,
            QStringLiteral("onsite-hq export: %1\n用法见：onsite-hq export --help\n").arg(message));
        return 2;
    };
    const QString kind = cli.positional().at(0);
    for (const QString &option :
         {QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("header")}) {
        if (!cli.value(option).isEmpty())
            return usageError(QStringLiteral("%1 不需要 --%2").arg(kind, option));
    }
    const QString week = cli.value(QStringLiteral("week"));
    if (!week.isEmpty() && kind != QLatin1String("dispatch"))
        return usageError(QStringLiteral("--week 只用于 dispatch（调度）"));
    if (!week.isEmpty() && !exports::IsoWeek::parse(week))
        return usageError(
            QStringLiteral("周次“%1”无效：应为 ISO 周，如 2026-W27（第 1 至 52 或 53 周）")
                .arg(week));
    QDateTime now = QDateTime::currentDateTimeUtc();
    if (const QString text = cli.value(QStringLiteral("now")); !text.isEmpty()) {
        now = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!now.isValid() || text.size() < 16)
            return usageError(
                QStringLiteral("--now 需要 ISO 8601 时间，如 2026-07-10T02:00:00Z，而不是“%1”")
                    .arg(text));
    }
    const QString out = cli.value(QStringLiteral("out"));
    if (out.isEmpty())
        return usageError(QStringLiteral("缺少 --out FILE（导出文件写到哪里）"));
    return runGuarded(QStringLiteral("export"), io.err, [&] {
        QSaveFile file(out);
        if (QFileInfo(out).isDir() || !file.open(QIODevice::WriteOnly))
            throw std::runtime_error(
                QStringLiteral("无法写入 %1：%2").arg(out, file.errorString()).toStdString());
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        const CampaignSetup setup = requireSetup(*connection, folder);
        const auto exported =
            exports::followUpExport(*connection, setup, folder.path(), name, {}, week, now);
        if (!exported) // followUpExportName() named it, so it is known
            throw std::logic_error("unknown follow-up export");
        if (file.write(exported->bytes) != exported->bytes.size() || !file.commit())
            throw std::runtime_error(
                QStringLiteral("无法写入 %1：%2").arg(out, file.errorString()).toStdString());
        writeText(io.out, QStringLiteral("已导出 %1：%2\n")
                              .arg(QFileInfo(exported->fileName).completeBaseName(),
                                   QFileInfo(out).absoluteFilePath()));
        return 0;
    });
}

} // namespace

int runExport(const QStringList &arguments, const CommandIo &io)
{
    CommandLine cli(
        QStringLiteral("export"),
        QStringLiteral(
            "Export for a meeting (一表一单一图): results as xlsx (default) or csv, findings "
            "(问题清单) as xlsx, the report (通报) as an A4 pdf; the follow-up: rectifications "
            "(整改台账 xlsx), experiences (典型经验汇编 pdf), innovations (创新项目清单 xlsx), "
            "dispatch (the weekly 调度 pdf)."));
    cli.addPositional(QStringLiteral("KIND"),
                      QStringLiteral("results, findings, report, rectifications, experiences, "
                                     "innovations or dispatch."));
    QCommandLineParser &parser = cli.parser();
    parser.addOption(
        QCommandLineOption(QStringLiteral("format"),
                           QStringLiteral("xlsx, csv or pdf (default: pdf for report, else xlsx)."),
                           QStringLiteral("FORMAT")));
    parser.addOption(QCommandLineOption(QStringLiteral("out"), QStringLiteral("The file to write."),
                                        QStringLiteral("FILE")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("version"),
                           QStringLiteral("A published results version (default: live results)."),
                           QStringLiteral("N")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("header"),
        QStringLiteral("CSV headers: zh (default; UTF-8 with BOM for Excel) or en "
                       "(the columns of results --format csv)."),
        QStringLiteral("zh|en")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("week"),
        QStringLiteral("dispatch: the ISO week, e.g. 2026-W27 (default: this week)."),
        QStringLiteral("YYYY-Www")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("now"),
        QStringLiteral("Follow-up exports: count overdue days and this week as of TIME "
                       "(ISO 8601, e.g. 2026-07-10T02:00:00Z; default: now)."),
        QStringLiteral("TIME")));
    int exitCode = 0;
    if (!cli.parse(arguments, io.out, io.err, exitCode))
        return exitCode;
    if (const QString name = exports::followUpExportName(cli.positional().at(0)); !name.isEmpty())
        return runFollowUpExport(cli, name, io);
    for (const QString &option : {QStringLiteral("week"), QStringLiteral("now")}) {
        if (!cli.value(option).isEmpty()) {
            writeText(io.err,
                      QStringLiteral("onsite-hq export: --%1 只用于整改、经验、创新项目与调度导出\n"
                                     "用法见：onsite-hq export --help\n")
                          .arg(option));
            return 2;
        }
    }
    ExportRequest request;
    if (const auto error = readRequest(cli, request)) {
        writeText(
            io.err,
            QStringLiteral("onsite-hq export: %1\n用法见：onsite-hq export --help\n").arg(*error));
        return 2;
    }
    return runGuarded(QStringLiteral("export"), io.err, [&] {
        // Opened first, so an unwritable path fails before the work; replaced only
        // when the whole file is written.
        QSaveFile file(request.out);
        if (QFileInfo(request.out).isDir() || !file.open(QIODevice::WriteOnly))
            throw std::runtime_error(QStringLiteral("无法写入 %1：%2")
                                         .arg(request.out, file.errorString())
                                         .toStdString());
        HqDataFolder folder = cli.dataFolder();
        const auto connection = folder.open();
        auto shared = std::make_shared<const CampaignSetup>(requireSetup(*connection, folder));
        auto [results, asOf] = resultsFor(*connection, *shared, request.version);
        std::optional<exports::VersionRecords> versionRecords;
        if (request.version) {
            if (auto records = hq::ResultVersions(*connection).records(*request.version))
                versionRecords = exports::VersionRecords{std::move(records->findings),
                                                         std::move(records->highlights), !records->frozen};
        }
        const exports::ExportInput input = exports::loadExportInput(
            *connection, shared, std::move(results), request.version, asOf, std::move(versionRecords));
        const QByteArray bytes =
            exports::build(request.kind, request.format, input, request.header);
        if (file.write(bytes) != bytes.size() || !file.commit())
            throw std::runtime_error(QStringLiteral("无法写入 %1：%2")
                                         .arg(request.out, file.errorString())
                                         .toStdString());
        const QString what =
            request.kind == exports::Kind::Findings
                ? QStringLiteral("问题清单（%1 条）").arg(input.findings.size())
                : QStringLiteral("%1 · %2 · %3 个单位")
                      .arg(request.kind == exports::Kind::Report ? QStringLiteral("考评通报")
                                                                 : QStringLiteral("考评结果"),
                           input.versionLabel())
                      .arg(input.results.value(QStringLiteral("units")).toArray().size());
        writeText(
            io.out,
            QStringLiteral("已导出%1：%2\n").arg(what, QFileInfo(request.out).absoluteFilePath()));
        return 0;
    });
}

} // namespace onsite
