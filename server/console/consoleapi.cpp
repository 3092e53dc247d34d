#include "consoleapi.h"

#include "campaignview.h"
#include "catalogendpoints.h"
#include "evidenceendpoints.h"
#include "leaderactions.h"
#include "rectificationendpoints.h"
#include "consolehttp.h"
#include "fieldrecordlists.h"
#include "progressreport.h"
#include "resultsview.h"
#include "setuplookup.h"
#include "unitevidence.h"

#include "hq/resultsjson.h"
#include "hq/resultversions.h"
#include "store/unitsubmissions.h"

#include <QRegularExpression>

namespace onsite::console {

using http::Request;
using http::Response;

namespace {

const QString kPrefix = QStringLiteral("/api/v1/hq/");

Response json(const QJsonObject &body)
{
    Response response = Response::json(200, body);
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

bool isGet(const Request &request) { return request.method == QLatin1String("GET"); }

// The follow-up's paths (docs/FOLLOWUP-API.md), open to liaisons as well.
bool isFollowUpPath(const QString &path)
{
    static const QRegularExpression followUp(QStringLiteral("^(followup/|experiences(/|$)|innovations(/|$)|demo-sites(/|$)|my/)"));
    return followUp.match(path).hasMatch();
}

const QString kPagesForbidden = QStringLiteral("考评办控制台仅供考评办和检查组长使用；请使用平板应用");

QJsonObject versionJson(const hq::ResultVersionInfo &info, const SetupLookup &lookup)
{
    return {{QStringLiteral("version"), info.version},
            {QStringLiteral("published_at"), isoTime(info.publishedAt)},
            {QStringLiteral("account"), info.account},
            // The console shows who published by name, as it does for raters and visits.
            {QStringLiteral("name"), lookup.personName(info.account)},
            {QStringLiteral("note"), info.note}};
}

} // namespace

std::optional<std::optional<int>> parseVersion(const QString &text)
{
    if (text.isEmpty())
        return std::optional<int>();
    bool ok = false;
    const int version = text.toInt(&ok);
    if (!ok || version < 1)
        return std::nullopt;
    return std::optional<int>(version);
}

ConsoleApi::ConsoleApi(hq::ConnectionPool &pool, hq::LoginThrottle &throttle, QString dataFolder, bool tls,
                       Clock clock)
    : m_pool(pool), m_setup(pool), m_auth(pool, m_setup, throttle, clock, tls), m_photos(dataFolder),
      m_audit(dataFolder, clock, m_results), m_evidence(dataFolder, m_photos), m_dataFolder(std::move(dataFolder)), m_clock(std::move(clock))
{
}

Response ConsoleApi::handle(const Request &request)
{
    try {
        return route(request);
    } catch (const std::exception &e) {
        return Response::internalError(request, e);
    }
}

std::optional<Response> ConsoleApi::screen(const Request &header)
{
    try {
        auto authenticated = m_auth.authenticate(header);
        if (auto *refusal = std::get_if<Response>(&authenticated))
            return *refusal;
        const ConsoleCaller &caller = std::get<ConsoleCaller>(authenticated);
        if (isFollowUpPath(header.path.mid(kPrefix.size()))) {
            if (!FollowUpPolicy(*caller.setup, caller.person()).mayOpen())
                return forbidden(QStringLiteral("整改跟踪由考评办和联络员在控制台办理；检查组员请使用平板应用"));
        } else if (!caller.access.mayOpenPages()) {
            return forbidden(kPagesForbidden);
        }
    } catch (const std::exception &) {
        // The full request answers with the reason.
    }
    return std::nullopt;
}

Response ConsoleApi::route(const Request &request)
{
    if (request.path == kPrefix + QLatin1String("session")) {
        if (request.method == QLatin1String("POST"))
            return m_auth.signIn(request);
        if (isGet(request))
            return m_auth.current(request);
        if (request.method == QLatin1String("DELETE"))
            return m_auth.signOut(request);
        return methodNotAllowed(QStringLiteral("GET, POST, DELETE"));
    }
    auto authenticated = m_auth.authenticate(request);
    if (auto *refusal = std::get_if<Response>(&authenticated))
        return *refusal;
    const ConsoleCaller &caller = std::get<ConsoleCaller>(authenticated);
    const QString path = request.path.mid(kPrefix.size());
    if (isFollowUpPath(path))
        return followUp(request, caller, path);
    if (!caller.access.mayOpenPages())
        return forbidden(kPagesForbidden);
    return page(request, caller);
}

Response ConsoleApi::page(const Request &request, const ConsoleCaller &caller)
{
    static const QRegularExpression unitPath(QStringLiteral("^units/([^/]+)$"));
    static const QRegularExpression photoPath(QStringLiteral("^photos/([^/]+)$"));
    static const QRegularExpression diffPath(QStringLiteral("^publications/([^/]+)/diff$"));
    static const QRegularExpression exportPath(QStringLiteral("^exports/([^/]+)$"));
    const QString path = request.path.mid(kPrefix.size());
    const CampaignSetup &setup = *caller.setup;

    if (path == QLatin1String("publications"))
        return publications(request, caller);
    static const QRegularExpression leaderPath(QStringLiteral("^units/([^/]+)/(final|submission)$"));
    if (const auto match = leaderPath.match(path); match.hasMatch()) {
        if (request.method != QLatin1String("POST"))
            return methodNotAllowed(QStringLiteral("POST"));
        auto lease = m_pool.acquire();
        LeaderActions actions(*lease, caller, m_audit.historyKey());
        return match.captured(2) == QLatin1String("final") ? actions.setFinalValue(request, match.captured(1), m_clock())
                                                           : actions.setSubmission(request, match.captured(1), m_clock());
    }
    if (!isGet(request))
        return methodNotAllowed(QStringLiteral("GET"));

    auto lease = m_pool.acquire();
    if (path == QLatin1String("campaign"))
        return json(campaignJson(setup, caller.access));
    if (path == QLatin1String("progress"))
        return json(ProgressReport(*lease, setup, caller.access).progress(m_clock()));
    if (path == QLatin1String("charts/progress"))
        return json(ProgressReport(*lease, setup, caller.access).daily());
    if (path == QLatin1String("results"))
        return results(request, caller);
    if (path == QLatin1String("findings"))
        return findings(request, caller);
    if (path == QLatin1String("highlights"))
        return json({{QStringLiteral("highlights"), FieldRecordLists(*lease, setup, caller.access).highlights()}});
    if (path == QLatin1String("integrity"))
        return m_audit.integrity(*lease, request, caller);
    if (path == QLatin1String("history"))
        return m_audit.history(*lease, request, caller);
    if (const auto match = unitPath.match(path); match.hasMatch())
        return unit(caller, match.captured(1));
    if (const auto match = photoPath.match(path); match.hasMatch())
        return m_photos.serve(*lease, caller.access, request, match.captured(1));
    if (const auto match = diffPath.match(path); match.hasMatch())
        return diff(request, caller, match.captured(1));
    if (const auto match = exportPath.match(path); match.hasMatch())
        return m_audit.exportFile(*lease, request, caller, match.captured(1));
    return notFound(QStringLiteral("没有这个地址：%1 %2").arg(request.method, request.path));
}

Response ConsoleApi::followUp(const Request &request, const ConsoleCaller &caller, const QString &path)
{
    FollowUpCall call(request, caller, m_clock());
    if (!call.policy.mayOpen())
        return forbidden(QStringLiteral("整改跟踪由考评办和联络员在控制台办理；检查组员请使用平板应用"));
    auto lease = m_pool.acquire();
    try {
        const QByteArray key = m_audit.historyKey();
        RectificationEndpoints ledger(m_dataFolder, key);
        if (auto answer = ledger.handle(*lease, call, path))
            return *answer;
        CatalogEndpoints catalog(m_dataFolder, key);
        if (auto answer = catalog.handle(*lease, call, path))
            return *answer;
        if (auto answer = m_evidence.handle(*lease, call, path))
            return *answer;
    } catch (const followup::FollowUpError &error) {
        return refusal(error);
    }
    return notFound(QStringLiteral("没有这个地址：%1 %2").arg(request.method, request.path));
}

void ConsoleApi::warmUp()
{
    const auto setup = m_setup.get();
    if (!setup)
        return;
    auto lease = m_pool.acquire();
    m_results.current(*lease, *setup);
}

Response ConsoleApi::results(const Request &request, const ConsoleCaller &caller)
{
    const auto version = parseVersion(request.query.value(QStringLiteral("version")));
    if (!version)
        return badRequest(QStringLiteral("version 应为正整数"));
    auto lease = m_pool.acquire();
    if (!*version) {
        // Written from the cache's bytes: the same body as json(resultsView(…)), a tenth of the time.
        Response response =
            Response::bytes(liveResultsViewJson(*caller.setup, caller.access, m_results, *lease), "application/json");
        response.headers.insert("Cache-Control", "no-store");
        return response;
    }
    hq::ResultVersions versions(*lease);
    const auto info = versions.info(**version);
    const auto document = versions.load(**version);
    if (!info || !document)
        return notFound(QStringLiteral("没有第 %1 版发布结果").arg(**version));
    return json(resultsView(*caller.setup, caller.access, *document, info->version, info->publishedAt));
}

Response ConsoleApi::unit(const ConsoleCaller &caller, const QString &code)
{
    const Unit *unit = caller.setup->unit(code);
    if (!unit)
        return notFound(QStringLiteral("没有被考评单位“%1”").arg(code));
    if (!caller.access.canSee(code))
        return forbidden(QStringLiteral("单位“%1”不属于你的检查组").arg(code));
    auto lease = m_pool.acquire();
    // The one unit's part of the results document, not the whole campaign's.
    const auto results = m_results.current(*lease, *caller.setup);
    QJsonObject result;
    for (const UnitResult &unitResult : results->units) {
        if (unitResult.unitCode == code)
            result = hq::rankedUnitJson(hq::unitResultJson(unitResult), unitResult,
                                        UnitSubmissions(*lease).isLocked(code));
    }
    return json(UnitEvidence(*lease, *caller.setup, caller.access).build(*unit, result));
}

Response ConsoleApi::findings(const Request &request, const ConsoleCaller &caller)
{
    FindingFilter filter;
    filter.unit = request.query.value(QStringLiteral("unit"));
    filter.kind = request.query.value(QStringLiteral("kind"));
    filter.indicator = request.query.value(QStringLiteral("indicator"));
    filter.group = request.query.value(QStringLiteral("group"));
    filter.text = request.query.value(QStringLiteral("q")).trimmed();
    auto lease = m_pool.acquire();
    return json({{QStringLiteral("findings"), FieldRecordLists(*lease, *caller.setup, caller.access).findings(filter)}});
}

Response ConsoleApi::publications(const Request &request, const ConsoleCaller &caller)
{
    auto lease = m_pool.acquire();
    hq::ResultVersions versions(*lease);
    const SetupLookup lookup(*caller.setup);
    if (isGet(request)) {
        QJsonArray list;
        for (const hq::ResultVersionInfo &info : versions.list())
            list.append(versionJson(info, lookup));
        return json({{QStringLiteral("versions"), list}});
    }
    if (request.method != QLatin1String("POST"))
        return methodNotAllowed(QStringLiteral("GET, POST"));
    if (!caller.access.mayPublish())
        return forbidden(QStringLiteral("只有考评办可以发布结果"));
    const auto body = http::parseJsonObject(request.body);
    if (!body || (body->contains(QStringLiteral("note")) && !body->value(QStringLiteral("note")).isString()))
        return badRequest(QStringLiteral("请求体应为 JSON 对象 {\"note\": 文字}"));
    const QString note = body->value(QStringLiteral("note")).toString().trimmed();
    if (note.size() > 2000)
        return badRequest(QStringLiteral("发布说明最多 2000 字"));
    const int version = versions.publish(note, caller.person().account, m_clock(),
                                         [&] { return m_results.currentJson(*lease, *caller.setup); });
    Response response = Response::json(201, versionJson(*versions.info(version), lookup));
    response.headers.insert("Location", QStringLiteral("/api/v1/hq/results?version=%1").arg(version).toLatin1());
    return response;
}

Response ConsoleApi::diff(const Request &request, const ConsoleCaller &caller, const QString &versionText)
{
    const auto to = parseVersion(versionText);
    if (!to || !*to)
        return badRequest(QStringLiteral("版本号应为正整数"));
    auto against = parseVersion(request.query.value(QStringLiteral("against")));
    if (!against)
        return badRequest(QStringLiteral("against 应为正整数"));
    const int from = against->value_or(**to - 1);
    if (from < 1)
        return badRequest(QStringLiteral("第 1 版之前没有可比较的版本；请用 against 指定版本"));
    auto lease = m_pool.acquire();
    hq::ResultVersions versions(*lease);
    const auto after = versions.load(**to);
    const auto before = versions.load(from);
    if (!after || !before)
        return notFound(QStringLiteral("没有第 %1 版发布结果").arg(!after ? **to : from));
    return json({{QStringLiteral("from"), from},
                 {QStringLiteral("to"), **to},
                 {QStringLiteral("changes"), resultsDiff(*before, *after, caller.access)}});
}

} // namespace onsite::console
