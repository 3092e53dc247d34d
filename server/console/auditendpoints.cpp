#include "auditendpoints.h"

#include "followupexport/followupexport.h"

#include "consoleapi.h"
#include "consolehttp.h"
#include "resultsexport.h"
#include "setuplookup.h"

#include "export/exports.h"
#include "hq/raterconsistency.h"
#include "hq/scorehistory.h"

#include <QUrl>

namespace onsite::console {

using http::Request;
using http::Response;

QByteArray AuditEndpoints::historyKey() const
{
    // `serve` installs the folder's key at start; reading it here keeps the console
    // working when it is run without that step (tests).
    const QByteArray installed = hq::installedHistoryKey();
    return installed.isEmpty() ? hq::historyKey(m_dataFolder) : installed;
}

Response AuditEndpoints::integrity(SqlConnection &db, const Request &request, const ConsoleCaller &caller)
{
    bool ok = true;
    const QString text = request.query.value(QStringLiteral("threshold"), QStringLiteral("0.2"));
    const double threshold = text.toDouble(&ok);
    if (!ok || !(threshold >= 0 && threshold <= 1)) // NaN compares false both ways
        return badRequest(QStringLiteral("threshold 应为 0 到 1 之间的小数，例如 0.2"));
    QJsonObject report = hq::raterConsistencyReport(db, *caller.setup, caller.access.units(), threshold);
    report.insert(QStringLiteral("history"), hq::ScoreHistory(db, historyKey()).verify());
    Response response = Response::json(200, report);
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

Response AuditEndpoints::history(SqlConnection &db, const Request &request, const ConsoleCaller &caller)
{
    const QString unit = request.query.value(QStringLiteral("unit"));
    const QString indicator = request.query.value(QStringLiteral("indicator"));
    if (unit.isEmpty())
        return badRequest(QStringLiteral("需要 unit（单位编码）"));
    if (!caller.setup->unit(unit))
        return notFound(QStringLiteral("没有被考评单位“%1”").arg(unit));
    if (!caller.access.canSee(unit))
        return forbidden(QStringLiteral("单位“%1”不属于你的检查组").arg(unit));
    if (!indicator.isEmpty() && !caller.setup->indicator(indicator))
        return notFound(QStringLiteral("没有指标“%1”").arg(indicator));
    hq::ScoreHistory history(db, historyKey());
    // The person's name beside the account: people read names.
    const SetupLookup lookup(*caller.setup);
    QJsonArray entries = history.entries(unit, indicator);
    for (QJsonValueRef value : entries) {
        QJsonObject entry = value.toObject();
        entry.insert(QStringLiteral("name"), lookup.personName(entry.value(QStringLiteral("account")).toString()));
        value = entry;
    }
    Response response = Response::json(200, {{QStringLiteral("entries"), entries},
                                             {QStringLiteral("verification"), history.verify()}});
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

namespace {

const QStringList kResultsExports = {QStringLiteral("results.xlsx"), QStringLiteral("results.csv"),
                                     QStringLiteral("findings.xlsx"), QStringLiteral("report.pdf")};

// The query parameters an export takes. Any other is refused by name: a link that asks
// for something the file does not have (findings.xlsx?version=1) must not quietly get
// another file.
QStringList exportParameters(const QString &name)
{
    if (name == QLatin1String("dispatch.pdf"))
        return {QStringLiteral("week")};
    if (kResultsExports.contains(name) && name != QLatin1String("findings.xlsx"))
        return {QStringLiteral("version")};
    return {};
}

} // namespace

Response AuditEndpoints::exportFile(SqlConnection &db, const Request &request, const ConsoleCaller &caller,
                                    const QString &name)
{
    if (!kResultsExports.contains(name) && !exports::followUpExportNames().contains(name))
        return notFound(QStringLiteral("没有这种导出：%1（可选 %2）")
                            .arg(name, (kResultsExports + exports::followUpExportNames())
                                           .join(QStringLiteral("、"))));
    if (name == QLatin1String("dispatch.pdf") && !caller.access.seesAllUnits())
        return forbidden(QStringLiteral("调度报告只由考评办生成")); // before its parameters: the role decides
    const QStringList parameters = exportParameters(name);
    for (const QString &parameter : request.query.keys()) {
        if (!parameters.contains(parameter))
            return badRequest(
                parameters.isEmpty()
                    ? QStringLiteral("%1 不接受参数 %2").arg(name, parameter)
                    : QStringLiteral("%1 不接受参数 %2（只接受 %3）")
                          .arg(name, parameter, parameters.join(QStringLiteral("、"))));
    }
    if (exports::followUpExportNames().contains(name))
        return followUpExport(db, request, caller, name);
    const auto kind = exports::kindFromName(name.section(QLatin1Char('.'), 0, 0));
    const auto format = exports::formatFromName(name.section(QLatin1Char('.'), 1));
    const auto version = parseVersion(request.query.value(QStringLiteral("version")));
    if (!version)
        return badRequest(QStringLiteral("version 应为正整数"));

    auto input = resultsExportInput(db, m_results, caller.setup, *version, m_clock());
    if (!input)
        return notFound(QStringLiteral("没有第 %1 版发布结果").arg(**version));
    if (!caller.access.seesAllUnits())
        input->restrictToUnits(caller.access.units());
    QByteArray body;
    try {
        body = exports::build(*kind, *format, *input);
    } catch (const exports::ExportError &e) {
        return Response::error(500, QStringLiteral("export_failed"),
                               QStringLiteral("导出失败：%1").arg(QString::fromUtf8(e.what())));
    }
    Response response = Response::bytes(body, exports::mimeType(*format).toUtf8());
    const QString fileName = exports::fileName(*kind, *format, *version);
    response.headers.insert("Content-Disposition",
                            "attachment; filename*=UTF-8''" + QUrl::toPercentEncoding(fileName));
    response.headers.insert("Cache-Control", "no-store");
    response.headers.insert("X-Content-Type-Options", "nosniff");
    return response;
}

Response AuditEndpoints::followUpExport(SqlConnection &db, const Request &request, const ConsoleCaller &caller,
                                        const QString &name)
{
    std::optional<exports::ExportFile> file;
    try {
        file = exports::followUpExport(db, *caller.setup, m_dataFolder, name,
                                       caller.access.seesAllUnits() ? QStringList() : caller.access.units(),
                                       request.query.value(QStringLiteral("week")), m_clock());
    } catch (const exports::ExportError &e) {
        return badRequest(QString::fromUtf8(e.what())); // a malformed week
    }
    if (!file)
        return notFound(QStringLiteral("没有这种导出：%1").arg(name));
    Response response = Response::bytes(file->bytes, file->mimeType.toUtf8());
    response.headers.insert("Content-Disposition",
                            "attachment; filename*=UTF-8''" + QUrl::toPercentEncoding(file->fileName));
    response.headers.insert("Cache-Control", "no-store");
    response.headers.insert("X-Content-Type-Options", "nosniff");
    return response;
}

} // namespace onsite::console
