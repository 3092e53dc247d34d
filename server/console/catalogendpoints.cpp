#include "catalogendpoints.h"

#include "consolehttp.h"

#include "followup/demosites.h"
#include "followup/experiencelibrary.h"
#include "followup/innovationprojects.h"
#include "hq/resultversions.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace onsite::console {

using followup::FollowUpError;
using http::Response;

namespace {

bool isGet(const http::Request &request) { return request.method == QLatin1String("GET"); }
bool isPost(const http::Request &request) { return request.method == QLatin1String("POST"); }

// A query filter that must name a unit the caller sees; a liaison always gets their own.
QStringList unitsFilter(const FollowUpCall &call)
{
    const QString unit = call.request.query.value(QStringLiteral("unit"));
    QStringList units = call.units();
    if (unit.isEmpty() || call.caller.person().role == Role::Liaison)
        return units;
    if (!units.contains(unit))
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有被考评单位“%1”，或无权查看").arg(unit));
    return {unit};
}

} // namespace

std::optional<Response> CatalogEndpoints::handle(SqlConnection &db, FollowUpCall &call, const QString &path)
{
    static const QRegularExpression experienceReview(QStringLiteral("^experiences/((?:highlight|submission):[^/]+)/review$"));
    static const QRegularExpression projectReview(QStringLiteral("^innovations/([^/]+)/review$"));
    static const QRegularExpression demoSite(QStringLiteral("^demo-sites/([^/]+)$"));
    if (path == QLatin1String("experiences"))
        return experiences(db, call);
    if (path == QLatin1String("innovations"))
        return projects(db, call);
    if (path == QLatin1String("demo-sites")) {
        if (!isGet(call.request))
            return methodNotAllowed(QStringLiteral("GET"));
        return demoSites(db, call);
    }
    if (path == QLatin1String("my/results")) {
        if (!isGet(call.request))
            return methodNotAllowed(QStringLiteral("GET"));
        return ownResults(db, call);
    }
    if (const auto match = experienceReview.match(path); match.hasMatch()) {
        if (!isPost(call.request))
            return methodNotAllowed(QStringLiteral("POST"));
        return reviewExperience(db, call, match.captured(1));
    }
    if (const auto match = projectReview.match(path); match.hasMatch()) {
        if (!isPost(call.request))
            return methodNotAllowed(QStringLiteral("POST"));
        return reviewProject(db, call, match.captured(1));
    }
    if (const auto match = demoSite.match(path); match.hasMatch()) {
        if (call.request.method != QLatin1String("PUT"))
            return methodNotAllowed(QStringLiteral("PUT"));
        return updateDemoSite(db, call, match.captured(1));
    }
    return std::nullopt;
}

Response CatalogEndpoints::experiences(SqlConnection &db, FollowUpCall &call)
{
    followup::ExperienceLibrary library(db, call.setup(), m_historyKey, m_dataFolder);
    if (isGet(call.request)) {
        require(call, FollowUpAction::ReadExperiences);
        followup::ExperienceFilter filter;
        filter.units = unitsFilter(call);
        const QString status = call.request.query.value(QStringLiteral("status"));
        if (!status.isEmpty()) {
            filter.status = reviewStatusFromKey(status);
            if (!filter.status)
                return badRequest(QStringLiteral("status 应为 pending、selected 或 rejected"));
        }
        filter.tag = call.request.query.value(QStringLiteral("tag")).trimmed();
        filter.text = call.request.query.value(QStringLiteral("q"));
        QJsonArray list;
        for (const Experience &experience : library.list(filter))
            list.append(call.view.experience(experience));
        return followUpJson(200, {{QStringLiteral("experiences"), list}});
    }
    if (!isPost(call.request))
        return methodNotAllowed(QStringLiteral("GET, POST"));
    const QString unit = call.caller.person().homeUnitCode;
    require(call, FollowUpAction::SubmitExperience, unit);
    const QJsonObject body = jsonBody(call.request);
    const Experience experience =
        library.submit(unit, stringField(body, QStringLiteral("title")), stringField(body, QStringLiteral("description")),
                       stringList(body, QStringLiteral("attachments")), call.account(), call.now);
    return followUpJson(201, call.view.experience(experience));
}

Response CatalogEndpoints::reviewExperience(SqlConnection &db, FollowUpCall &call, const QString &ref)
{
    require(call, FollowUpAction::ReviewExperience);
    const QJsonObject body = jsonBody(call.request);
    const auto status = reviewStatusFromKey(stringField(body, QStringLiteral("status")));
    if (!status || *status == ReviewStatus::Pending)
        return badRequest(QStringLiteral("status 应为 selected（入选）或 rejected（未入选）"));
    followup::ExperienceLibrary library(db, call.setup(), m_historyKey, m_dataFolder);
    const Experience experience = library.review(ref, *status, stringField(body, QStringLiteral("reason")),
                                                 stringList(body, QStringLiteral("tags")), call.account(), call.now);
    return followUpJson(200, call.view.experience(experience));
}

Response CatalogEndpoints::projects(SqlConnection &db, FollowUpCall &call)
{
    followup::InnovationProjects projects(db, call.setup(), m_historyKey);
    if (isGet(call.request)) {
        require(call, FollowUpAction::ReadProjects);
        std::optional<InnovationStatus> status;
        const QString statusText = call.request.query.value(QStringLiteral("status"));
        if (!statusText.isEmpty()) {
            status = innovationStatusFromKey(statusText);
            if (!status)
                return badRequest(QStringLiteral("status 应为 proposed、selected 或 rejected"));
        }
        QJsonArray list;
        for (const InnovationProject &project : projects.list(unitsFilter(call), status))
            list.append(call.view.project(project));
        return followUpJson(200, {{QStringLiteral("projects"), list}});
    }
    if (!isPost(call.request))
        return methodNotAllowed(QStringLiteral("GET, POST"));
    const QString unit = call.caller.person().homeUnitCode;
    require(call, FollowUpAction::ProposeProject, unit);
    const QJsonObject body = jsonBody(call.request);
    const InnovationProject project = projects.propose(unit, stringField(body, QStringLiteral("title")),
                                                       stringField(body, QStringLiteral("description")), call.account(),
                                                       call.now);
    return followUpJson(201, call.view.project(project));
}

Response CatalogEndpoints::reviewProject(SqlConnection &db, FollowUpCall &call, const QString &id)
{
    require(call, FollowUpAction::ReviewProject);
    const QJsonObject body = jsonBody(call.request);
    const auto status = innovationStatusFromKey(stringField(body, QStringLiteral("status")));
    if (!status || *status == InnovationStatus::Proposed)
        return badRequest(QStringLiteral("status 应为 selected（入选）或 rejected（未入选）"));
    const InnovationProject project = followup::InnovationProjects(db, call.setup(), m_historyKey)
                                          .review(id, *status, stringField(body, QStringLiteral("reason")),
                                                  stringField(body, QStringLiteral("bonus_indicator")), call.account(),
                                                  call.now);
    return followUpJson(200, call.view.project(project));
}

namespace {

QJsonObject demoSiteJson(const followup::DemoSiteView &view, const SetupLookup &lookup)
{
    return {{QStringLiteral("site"), view.site->code},
            {QStringLiteral("site_name"), view.site->name},
            {QStringLiteral("unit"), view.site->unitCode},
            {QStringLiteral("unit_name"), lookup.unitName(view.site->unitCode)},
            {QStringLiteral("status"), demoSiteStatusKey(view.progress.status)},
            {QStringLiteral("status_name"), demoSiteStatusName(view.progress.status)},
            {QStringLiteral("note"), view.progress.note},
            {QStringLiteral("updated_at"), view.progress.updatedAt ? QJsonValue(isoTime(*view.progress.updatedAt)) : QJsonValue()},
            {QStringLiteral("photos"), QJsonArray::fromStringList(view.photoShas)}};
}

} // namespace

Response CatalogEndpoints::demoSites(SqlConnection &db, FollowUpCall &call)
{
    require(call, FollowUpAction::ReadDemoSites);
    const SetupLookup lookup(call.setup());
    QJsonArray list;
    for (const followup::DemoSiteView &view :
         followup::DemoSites(db, call.setup(), m_historyKey, m_dataFolder).list(unitsFilter(call)))
        list.append(demoSiteJson(view, lookup));
    return followUpJson(200, {{QStringLiteral("sites"), list}});
}

Response CatalogEndpoints::updateDemoSite(SqlConnection &db, FollowUpCall &call, const QString &code)
{
    require(call, FollowUpAction::UpdateDemoSite);
    const QJsonObject body = jsonBody(call.request);
    const auto status = demoSiteStatusFromKey(stringField(body, QStringLiteral("status")));
    if (!status)
        return badRequest(QStringLiteral("status 应为 planned、building、built 或 accepted"));
    const auto view = followup::DemoSites(db, call.setup(), m_historyKey, m_dataFolder)
                          .update(code, *status, stringField(body, QStringLiteral("note")),
                                  stringList(body, QStringLiteral("attachments")), call.account(), call.now);
    return followUpJson(200, demoSiteJson(view, SetupLookup(call.setup())));
}

Response CatalogEndpoints::ownResults(SqlConnection &db, FollowUpCall &call)
{
    const QString unitCode = call.caller.person().homeUnitCode;
    require(call, FollowUpAction::ReadOwnResults, unitCode);
    hq::ResultVersions versions(db);
    const auto list = versions.list();
    if (list.empty())
        return followUpJson(200, {{QStringLiteral("published"), false}});
    const hq::ResultVersionInfo &latest = list.back();
    const auto document = versions.load(latest.version);
    if (!document)
        return followUpJson(200, {{QStringLiteral("published"), false}});
    const SetupLookup lookup(call.setup());
    QJsonObject unit;
    const QJsonArray units = document->value(QStringLiteral("units")).toArray();
    for (const QJsonValue &value : units) {
        const QJsonObject u = value.toObject();
        if (u.value(QStringLiteral("unit")).toString() != unitCode)
            continue;
        // Only what the unit earned: never raters, inputs or final values.
        QJsonArray items;
        for (const QJsonValue &itemValue : u.value(QStringLiteral("items")).toArray()) {
            const QJsonObject item = itemValue.toObject();
            const QString code = item.value(QStringLiteral("indicator")).toString();
            const Indicator *indicator = call.setup().indicator(code);
            items.append(QJsonObject{{QStringLiteral("indicator"), code},
                                     {QStringLiteral("name"), lookup.indicatorName(code)},
                                     {QStringLiteral("project"), indicator ? indicator->parentCode : QString()},
                                     {QStringLiteral("max_points"), indicator ? indicator->maxScore.toString(2) : QString()},
                                     {QStringLiteral("points"), item.value(QStringLiteral("points"))}});
        }
        for (const QString &key : {QStringLiteral("unit"), QStringLiteral("unit_name"), QStringLiteral("category"),
                                   QStringLiteral("total"), QStringLiteral("grade"), QStringLiteral("rank"),
                                   QStringLiteral("category_rank"), QStringLiteral("veto"), QStringLiteral("subtotals")})
            unit.insert(key, u.value(key));
        unit.insert(QStringLiteral("items"), items);
    }
    QJsonArray projects;
    for (const Indicator &indicator : call.setup().indicators) {
        if (indicator.isProject())
            projects.append(QJsonObject{{QStringLiteral("code"), indicator.code},
                                        {QStringLiteral("name"), indicator.title},
                                        {QStringLiteral("points"), indicator.maxScore.toString(2)}});
    }
    return followUpJson(200, {{QStringLiteral("published"), true},
                              {QStringLiteral("version"), latest.version},
                              {QStringLiteral("published_at"), isoTime(latest.publishedAt)},
                              {QStringLiteral("unit_count"), units.size()},
                              {QStringLiteral("projects"), projects},
                              {QStringLiteral("unit"), unit}});
}

} // namespace onsite::console
