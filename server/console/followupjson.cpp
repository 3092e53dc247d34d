#include "followupjson.h"

#include "consolehttp.h"

namespace onsite::console {

namespace {

QJsonValue dateOrNull(const QDate &date) { return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(); }
QJsonValue timeOrNull(const std::optional<QDateTime> &time) { return time ? QJsonValue(isoTime(*time)) : QJsonValue(); }

} // namespace

FollowUpJson::FollowUpJson(const CampaignSetup &setup, const FollowUpPolicy &policy, QDate today)
    : m_setup(setup), m_policy(policy), m_lookup(setup), m_today(today),
      m_showsPeople(policy.check(FollowUpAction::ReadRaters, QString()) == FollowUpRefusal::None)
{
}

QString FollowUpJson::nameFor(const QString &account) const
{
    if (m_showsPeople || account == m_policy.person().account)
        return m_lookup.personName(account);
    const Person *person = m_setup.person(account);
    if (!person)
        return {};
    switch (person->role) {
    case Role::Hq:
        return QStringLiteral("考评办");
    case Role::Liaison:
        return QStringLiteral("本单位联络员");
    case Role::Leader:
    case Role::Inspector:
        return person->groupName.isEmpty() ? QStringLiteral("检查组") : person->groupName;
    }
    return {};
}

QJsonObject FollowUpJson::item(const RectificationItem &item) const
{
    QJsonArray milestones;
    for (const Milestone &m : item.milestones)
        milestones.append(QJsonObject{{QStringLiteral("id"), m.id},
                                      {QStringLiteral("title"), m.title},
                                      {QStringLiteral("due"), dateOrNull(m.due)},
                                      {QStringLiteral("done_at"), timeOrNull(m.doneAt)},
                                      {QStringLiteral("overdue"), item.state != ItemState::Closed && m.isOverdue(m_today)}});
    return {{QStringLiteral("id"), item.id},
            {QStringLiteral("number"), item.number},
            {QStringLiteral("code"), item.code()},
            {QStringLiteral("unit"), item.unitCode},
            {QStringLiteral("unit_name"), m_lookup.unitName(item.unitCode)},
            {QStringLiteral("group"), textOrNull(m_lookup.groupOf(item.unitCode))},
            {QStringLiteral("source"), itemSourceKey(item.source)},
            {QStringLiteral("source_name"), itemSourceName(item.source)},
            {QStringLiteral("kind"), findingKindName(item.kind)},
            {QStringLiteral("indicator"), textOrNull(item.indicatorCode)},
            {QStringLiteral("indicator_name"),
             item.indicatorCode.isEmpty() ? QJsonValue() : QJsonValue(m_lookup.indicatorName(item.indicatorCode))},
            {QStringLiteral("problem"), item.problem},
            {QStringLiteral("suggestion"), item.suggestion},
            {QStringLiteral("measures"), item.measures},
            {QStringLiteral("responsible_person"), item.responsiblePerson},
            {QStringLiteral("deadline"), dateOrNull(item.deadline)},
            {QStringLiteral("state"), itemStateKey(item.state)},
            {QStringLiteral("state_name"), itemStateName(item.state)},
            {QStringLiteral("return_reason"), item.returnReason},
            {QStringLiteral("overdue"), item.isOverdue(m_today)},
            {QStringLiteral("overdue_days"), item.overdueDays(m_today)},
            {QStringLiteral("milestones"), milestones},
            {QStringLiteral("created_at"), isoTime(item.createdAt)},
            {QStringLiteral("updated_at"), isoTime(item.updatedAt)},
            {QStringLiteral("reported_at"), timeOrNull(item.reportedAt)},
            {QStringLiteral("closed_at"), timeOrNull(item.closedAt)}};
}

QJsonArray FollowUpJson::attachments(const std::vector<Attachment> &attachments) const
{
    QJsonArray out;
    for (const Attachment &a : attachments)
        out.append(QJsonObject{{QStringLiteral("sha256"), a.sha256},
                               {QStringLiteral("mime_type"), a.mimeType},
                               {QStringLiteral("name"), a.name}});
    return out;
}

QJsonObject FollowUpJson::report(const ProgressReport &report) const
{
    return {{QStringLiteral("id"), report.id},
            {QStringLiteral("at"), isoTime(report.reportedAt)},
            {QStringLiteral("text"), report.text},
            {QStringLiteral("for_closing"), report.forClosing},
            {QStringLiteral("attachments"), attachments(report.attachments)},
            {QStringLiteral("name"), nameFor(report.account)}};
}

QJsonObject FollowUpJson::experience(const Experience &e) const
{
    QString author = nameFor(e.account);
    if (!m_showsPeople && e.account != m_policy.person().account)
        author = e.isHighlight() ? m_lookup.groupOf(e.unitCode) : QStringLiteral("本单位");
    return {{QStringLiteral("ref"), e.ref},
            {QStringLiteral("source"), e.isHighlight() ? QStringLiteral("highlight") : QStringLiteral("submission")},
            {QStringLiteral("unit"), e.unitCode},
            {QStringLiteral("unit_name"), m_lookup.unitName(e.unitCode)},
            {QStringLiteral("title"), e.title},
            {QStringLiteral("description"), e.description},
            {QStringLiteral("recorded_at"), isoTime(e.recordedAt)},
            {QStringLiteral("status"), reviewStatusKey(e.status)},
            {QStringLiteral("status_name"), reviewStatusName(e.status)},
            {QStringLiteral("reason"), e.reason},
            {QStringLiteral("tags"), QJsonArray::fromStringList(e.tags)},
            {QStringLiteral("attachments"), attachments(e.attachments)},
            {QStringLiteral("author"), author}};
}

QJsonObject FollowUpJson::project(const InnovationProject &p) const
{
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("unit"), p.unitCode},
            {QStringLiteral("unit_name"), m_lookup.unitName(p.unitCode)},
            {QStringLiteral("title"), p.title},
            {QStringLiteral("description"), p.description},
            {QStringLiteral("status"), innovationStatusKey(p.status)},
            {QStringLiteral("status_name"), innovationStatusName(p.status)},
            {QStringLiteral("reason"), p.reason},
            {QStringLiteral("bonus_indicator"), textOrNull(p.bonusIndicator)},
            {QStringLiteral("bonus_indicator_name"),
             p.bonusIndicator.isEmpty() ? QJsonValue() : QJsonValue(m_lookup.indicatorName(p.bonusIndicator))},
            {QStringLiteral("proposed_at"), isoTime(p.proposedAt)},
            {QStringLiteral("screened_at"), timeOrNull(p.screenedAt)}};
}

QJsonObject FollowUpJson::recheck(const Recheck &recheck, const std::vector<RecheckResult> &results) const
{
    QJsonArray resultList;
    for (const RecheckResult &r : results)
        resultList.append(QJsonObject{{QStringLiteral("id"), r.id},
                                      {QStringLiteral("outcome"), recheckOutcomeKey(r.outcome)},
                                      {QStringLiteral("outcome_name"), recheckOutcomeName(r.outcome)},
                                      {QStringLiteral("notes"), r.notes},
                                      {QStringLiteral("photos"), QJsonArray::fromStringList(r.photoIds)},
                                      {QStringLiteral("recorded_at"), isoTime(r.recordedAt)},
                                      {QStringLiteral("name"), nameFor(r.account)}});
    return {{QStringLiteral("id"), recheck.id},
            {QStringLiteral("group"), recheck.groupName},
            {QStringLiteral("note"), recheck.note},
            {QStringLiteral("assigned_at"), isoTime(recheck.assignedAt)},
            {QStringLiteral("results"), resultList}};
}

QJsonArray FollowUpJson::history(const QJsonArray &entries) const
{
    QJsonArray out;
    for (const QJsonValue &value : entries) {
        const QJsonObject e = value.toObject();
        out.append(QJsonObject{{QStringLiteral("seq"), e.value(QStringLiteral("seq"))},
                               {QStringLiteral("at"), e.value(QStringLiteral("at"))},
                               {QStringLiteral("name"), nameFor(e.value(QStringLiteral("account")).toString())},
                               {QStringLiteral("action"), e.value(QStringLiteral("action"))},
                               {QStringLiteral("old"), e.value(QStringLiteral("old"))},
                               {QStringLiteral("new"), e.value(QStringLiteral("new"))},
                               {QStringLiteral("reason"), e.value(QStringLiteral("reason"))}});
    }
    return out;
}

} // namespace onsite::console
