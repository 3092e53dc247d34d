#include "rectificationendpoints.h"

#include "consolehttp.h"

#include "followup/rechecks.h"
#include "followup/rectificationledger.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace onsite::console {

using followup::FollowUpError;
using followup::RectificationLedger;
using http::Response;

namespace {

bool isGet(const http::Request &request) { return request.method == QLatin1String("GET"); }
bool isPost(const http::Request &request) { return request.method == QLatin1String("POST"); }

const QStringList kStateKeys{QStringLiteral("unclaimed"), QStringLiteral("in_progress"), QStringLiteral("reported"),
                             QStringLiteral("returned"), QStringLiteral("closed")};

} // namespace

std::optional<Response> RectificationEndpoints::handle(SqlConnection &db, FollowUpCall &call, const QString &path)
{
    static const QRegularExpression itemPath(QStringLiteral("^followup/items/([0-9a-f-]{36})(?:/([a-z]+))?$"));
    const http::Request &request = call.request;
    if (path == QLatin1String("followup/items")) {
        if (isGet(request))
            return list(db, call);
        if (isPost(request))
            return add(db, call);
        return methodNotAllowed(QStringLiteral("GET, POST"));
    }
    if (path == QLatin1String("followup/items/import")) {
        if (!isPost(request))
            return methodNotAllowed(QStringLiteral("POST"));
        require(call, FollowUpAction::AddItem);
        const int created = RectificationLedger(db, call.setup(), m_historyKey, m_dataFolder)
                                .import(request.body, call.account(), call.now);
        return followUpJson(201, {{QStringLiteral("created"), created}});
    }
    if (path == QLatin1String("followup/releases"))
        return releases(db, call);
    if (path == QLatin1String("followup/board")) {
        if (!isGet(request))
            return methodNotAllowed(QStringLiteral("GET"));
        return board(db, call);
    }
    const auto match = itemPath.match(path);
    if (!match.hasMatch())
        return std::nullopt;
    const QString id = match.captured(1);
    const QString stepName = match.captured(2);
    if (stepName.isEmpty()) {
        if (!isGet(request))
            return methodNotAllowed(QStringLiteral("GET"));
        require(call, FollowUpAction::ReadItems);
        const auto item = RectificationLedger(db, call.setup(), m_historyKey, m_dataFolder).item(id);
        if (!item || call.policy.check(FollowUpAction::ReadItems, item->unitCode) != FollowUpRefusal::None)
            return notFound(QStringLiteral("没有这条整改事项，或无权查看"));
        return detail(db, call, *item);
    }
    return step(db, call, id, stepName);
}

Response RectificationEndpoints::list(SqlConnection &db, FollowUpCall &call)
{
    require(call, FollowUpAction::ReadItems);
    const http::Request &request = call.request;
    followup::ItemFilter filter;
    filter.units = call.units();
    const QString unit = request.query.value(QStringLiteral("unit"));
    if (!unit.isEmpty() && call.caller.person().role != Role::Liaison) {
        if (!filter.units.contains(unit))
            return notFound(QStringLiteral("没有被考评单位“%1”，或无权查看").arg(unit));
        filter.units = {unit};
    }
    const QString state = request.query.value(QStringLiteral("state"));
    if (!state.isEmpty()) {
        filter.state = itemStateFromKey(state);
        if (!filter.state)
            return badRequest(QStringLiteral("state 应为 %1 之一").arg(kStateKeys.join(QStringLiteral("、"))));
    }
    filter.text = request.query.value(QStringLiteral("q"));
    const bool overdueOnly = request.query.value(QStringLiteral("overdue")) == QLatin1String("1");
    const QDate today = RectificationLedger::today(call.now);
    QJsonArray items;
    for (const RectificationItem &item : RectificationLedger(db, call.setup(), m_historyKey, m_dataFolder).items(filter)) {
        if (!overdueOnly || item.isOverdue(today))
            items.append(call.view.item(item));
    }
    return followUpJson(200, {{QStringLiteral("today"), today.toString(Qt::ISODate)}, {QStringLiteral("items"), items}});
}

Response RectificationEndpoints::detail(SqlConnection &db, FollowUpCall &call, const RectificationItem &item)
{
    RectificationLedger ledger(db, call.setup(), m_historyKey, m_dataFolder);
    QJsonObject body = call.view.item(item);
    const SetupLookup lookup(call.setup());
    QJsonArray findings;
    for (const QString &findingId : item.findingIds) {
        const auto rows = db.query(QStringLiteral("SELECT description, suggestion, account, recorded_at FROM findings "
                                                  "WHERE id = ?"),
                                   {findingId});
        if (rows.empty())
            continue;
        QJsonObject finding{{QStringLiteral("id"), findingId},
                            {QStringLiteral("description"), rows.front()[0].toString()},
                            {QStringLiteral("suggestion"), rows.front()[1].toString()},
                            {QStringLiteral("group"), lookup.groupOf(item.unitCode)},
                            {QStringLiteral("recorded_at"), rows.front()[3].toString()}};
        if (call.view.showsPeople()) {
            finding.insert(QStringLiteral("account"), rows.front()[2].toString());
            finding.insert(QStringLiteral("name"), lookup.personName(rows.front()[2].toString()));
        }
        findings.append(finding);
    }
    body.insert(QStringLiteral("findings"), findings);
    QJsonArray reports;
    for (const ProgressReport &report : ledger.reports(item.id))
        reports.append(call.view.report(report));
    body.insert(QStringLiteral("reports"), reports);
    QJsonArray rechecks;
    for (const followup::RecheckWithResults &r : followup::Rechecks(db, call.setup(), m_historyKey).forItem(item.id))
        rechecks.append(call.view.recheck(r.recheck, r.results));
    body.insert(QStringLiteral("rechecks"), rechecks);
    followup::FollowUpHistory history(db, m_historyKey);
    body.insert(QStringLiteral("history"), call.view.history(history.entries(QStringLiteral("rectification"), item.id)));
    return followUpJson(200, body);
}

Response RectificationEndpoints::add(SqlConnection &db, FollowUpCall &call)
{
    const QJsonObject body = jsonBody(call.request);
    followup::ItemDraft draft;
    draft.unitCode = stringField(body, QStringLiteral("unit"));
    require(call, FollowUpAction::AddItem, draft.unitCode);
    const auto source = itemSourceFromKey(stringField(body, QStringLiteral("source")));
    if (!source || *source == ItemSource::Finding)
        return badRequest(QStringLiteral("source 应为 inspection（巡视反馈）、bulletin（大通报）或 other（其他）"));
    draft.source = *source;
    const QString kind = stringField(body, QStringLiteral("kind"));
    const auto findingKind = kind.isEmpty() ? std::optional(FindingKind::Problem) : findingKindFromName(kind);
    if (!findingKind)
        return badRequest(QStringLiteral("kind 应为 问题、短板 或 弱项"));
    draft.kind = *findingKind;
    draft.indicatorCode = stringField(body, QStringLiteral("indicator"));
    draft.problem = stringField(body, QStringLiteral("problem"));
    draft.suggestion = stringField(body, QStringLiteral("suggestion"));
    draft.deadline = dateField(body, QStringLiteral("deadline"), false);
    const RectificationItem item =
        RectificationLedger(db, call.setup(), m_historyKey, m_dataFolder).add(draft, call.account(), call.now);
    return followUpJson(201, call.view.item(item));
}

Response RectificationEndpoints::releases(SqlConnection &db, FollowUpCall &call)
{
    RectificationLedger ledger(db, call.setup(), m_historyKey, m_dataFolder);
    if (isGet(call.request)) {
        require(call, FollowUpAction::ReleaseFindings);
        const SetupLookup lookup(call.setup());
        QJsonArray units;
        for (const followup::UnitRelease &release : ledger.releases())
            units.append(QJsonObject{{QStringLiteral("unit"), release.unitCode},
                                     {QStringLiteral("unit_name"), lookup.unitName(release.unitCode)},
                                     {QStringLiteral("group"), textOrNull(lookup.groupOf(release.unitCode))},
                                     {QStringLiteral("findings"), release.findings},
                                     {QStringLiteral("items"), release.items},
                                     {QStringLiteral("released_at"),
                                      release.releasedAt ? QJsonValue(isoTime(*release.releasedAt)) : QJsonValue()}});
        return followUpJson(200, {{QStringLiteral("units"), units}});
    }
    if (!isPost(call.request))
        return methodNotAllowed(QStringLiteral("GET, POST"));
    const QString unit = stringField(jsonBody(call.request), QStringLiteral("unit"));
    require(call, FollowUpAction::ReleaseFindings, unit);
    const int created = ledger.release(unit, call.account(), call.now);
    return followUpJson(201, {{QStringLiteral("unit"), unit},
                              {QStringLiteral("released_at"), isoTime(call.now)},
                              {QStringLiteral("created"), created}});
}

Response RectificationEndpoints::board(SqlConnection &db, FollowUpCall &call)
{
    require(call, FollowUpAction::ReadRaters); // HQ and leaders: the 调度 view
    RectificationLedger ledger(db, call.setup(), m_historyKey, m_dataFolder);
    const QDate today = RectificationLedger::today(call.now);
    const SetupLookup lookup(call.setup());
    followup::ItemFilter filter;
    filter.units = call.units();
    const auto items = ledger.items(filter);
    QSet<QString> released;
    for (const followup::UnitRelease &release : ledger.releases())
        if (release.releasedAt)
            released.insert(release.unitCode);
    QJsonObject totals;
    const auto countInto = [&](QJsonObject &counts, const RectificationItem &item) {
        const QString key = itemStateKey(item.state);
        counts.insert(key, counts.value(key).toInt() + 1);
        counts.insert(QStringLiteral("total"), counts.value(QStringLiteral("total")).toInt() + 1);
        if (item.isOverdue(today))
            counts.insert(QStringLiteral("overdue"), counts.value(QStringLiteral("overdue")).toInt() + 1);
    };
    const auto zero = [] {
        QJsonObject counts{{QStringLiteral("total"), 0}, {QStringLiteral("overdue"), 0}};
        for (const QString &key : kStateKeys)
            counts.insert(key, 0);
        return counts;
    };
    totals = zero();
    QJsonArray units;
    for (const QString &unit : filter.units) {
        QJsonObject row = zero();
        for (const RectificationItem &item : items) {
            if (item.unitCode == unit) {
                countInto(row, item);
                countInto(totals, item);
            }
        }
        row.insert(QStringLiteral("unit"), unit);
        row.insert(QStringLiteral("unit_name"), lookup.unitName(unit));
        row.insert(QStringLiteral("group"), textOrNull(lookup.groupOf(unit)));
        row.insert(QStringLiteral("released"), released.contains(unit));
        units.append(row);
    }
    return followUpJson(200, {{QStringLiteral("today"), today.toString(Qt::ISODate)},
                              {QStringLiteral("units"), units},
                              {QStringLiteral("totals"), totals}});
}

Response RectificationEndpoints::step(SqlConnection &db, FollowUpCall &call, const QString &id, const QString &stepName)
{
    static const QMap<QString, FollowUpAction> kSteps{{QStringLiteral("merge"), FollowUpAction::MergeItems},
                                                      {QStringLiteral("plan"), FollowUpAction::SavePlan},
                                                      {QStringLiteral("reports"), FollowUpAction::ReportProgress},
                                                      {QStringLiteral("close"), FollowUpAction::CloseItem},
                                                      {QStringLiteral("return"), FollowUpAction::ReturnItem},
                                                      {QStringLiteral("deadline"), FollowUpAction::ExtendDeadline},
                                                      {QStringLiteral("rechecks"), FollowUpAction::AssignRecheck}};
    const auto found = kSteps.constFind(stepName);
    if (found == kSteps.constEnd())
        return notFound(QStringLiteral("没有这个地址：%1 %2").arg(call.request.method, call.request.path));
    const bool isPlan = stepName == QLatin1String("plan");
    if (isPlan ? call.request.method != QLatin1String("PUT") : !isPost(call.request))
        return methodNotAllowed(isPlan ? QStringLiteral("PUT") : QStringLiteral("POST"));
    const QJsonObject body = jsonBody(call.request);
    RectificationLedger ledger(db, call.setup(), m_historyKey, m_dataFolder);
    const auto item = ledger.item(id);
    // Another unit's item is answered as if it did not exist.
    if (!item || call.policy.check(FollowUpAction::ReadItems, item->unitCode) != FollowUpRefusal::None)
        return notFound(QStringLiteral("没有这条整改事项，或无权查看"));
    FollowUpAction action = *found;
    const bool forClosing = body.value(QStringLiteral("for_closing")).toBool(false);
    if (action == FollowUpAction::ReportProgress && forClosing)
        action = FollowUpAction::ReportForClosing;
    require(call, action, *item);

    RectificationItem after;
    switch (action) {
    case FollowUpAction::MergeItems:
        after = ledger.merge(id, stringList(body, QStringLiteral("items")), call.account(), call.now);
        break;
    case FollowUpAction::SavePlan: {
        followup::PlanDraft plan;
        plan.measures = stringField(body, QStringLiteral("measures"));
        plan.responsiblePerson = stringField(body, QStringLiteral("responsible_person"));
        plan.deadline = dateField(body, QStringLiteral("deadline"), false);
        const QJsonValue milestones = body.value(QStringLiteral("milestones"));
        if (!milestones.isUndefined() && !milestones.isNull() && !milestones.isArray())
            return badRequest(QStringLiteral("milestones 应为数组"));
        for (const QJsonValue &value : milestones.toArray()) {
            if (!value.isObject())
                return badRequest(QStringLiteral("每个节点应为 JSON 对象 {\"title\", \"due\", \"done\"}"));
            const QJsonObject m = value.toObject();
            plan.milestones.push_back({stringField(m, QStringLiteral("id")), stringField(m, QStringLiteral("title")),
                                       dateField(m, QStringLiteral("due"), true), m.value(QStringLiteral("done")).toBool()});
        }
        after = ledger.savePlan(id, plan, call.account(), call.now);
        break;
    }
    case FollowUpAction::ReportProgress:
    case FollowUpAction::ReportForClosing:
        after = ledger.report(id, stringField(body, QStringLiteral("text")), stringList(body, QStringLiteral("attachments")),
                              forClosing, call.account(), call.now);
        return followUpJson(201, call.view.item(after));
    case FollowUpAction::CloseItem:
        after = ledger.close(id, stringField(body, QStringLiteral("note")), call.account(), call.now);
        break;
    case FollowUpAction::ReturnItem:
        after = ledger.returnItem(id, stringField(body, QStringLiteral("reason")), call.account(), call.now);
        break;
    case FollowUpAction::ExtendDeadline:
        after = ledger.extendDeadline(id, dateField(body, QStringLiteral("deadline"), true),
                                      stringField(body, QStringLiteral("reason")), call.account(), call.now);
        break;
    case FollowUpAction::AssignRecheck: {
        Recheck recheck;
        recheck.itemId = item->id;
        recheck.unitCode = item->unitCode;
        recheck.groupName = stringField(body, QStringLiteral("group"));
        recheck.problem = item->problem;
        recheck.suggestion = item->suggestion;
        recheck.measures = item->measures;
        recheck.note = stringField(body, QStringLiteral("note"));
        // HqWriter writes the assignment, its feed entry and the item's history row.
        const Recheck assigned = followup::Rechecks(db, call.setup(), m_historyKey)
                                     .assign(recheck, call.account(), call.now,
                                             [&] { ledger.lockForStep(item->id, FollowUpAction::AssignRecheck); });
        return followUpJson(201, call.view.recheck(assigned, {}));
    }
    default:
        return notFound(QStringLiteral("没有这个地址"));
    }
    return followUpJson(200, call.view.item(after));
}

} // namespace onsite::console
