// The liaison's and HQ's steps on one item (RectificationLedger, continued): plan,
// progress reports, 报送销号, 销号, 退回 and deadline changes.
#include "rectificationledger.h"

#include "followupattachments.h"
#include "system/recordid.h"

#include <QHash>

namespace onsite::followup {

namespace {

const QString kEntity = QStringLiteral("rectification");
QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

void limitText(const QString &text, const QString &what, int max)
{
    if (text.size() > max)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1最多 %2 字").arg(what).arg(max));
}

} // namespace

RectificationItem RectificationLedger::savePlan(const QString &id, const PlanDraft &plan, const QString &account,
                                                const QDateTime &now)
{
    limitText(plan.measures, QStringLiteral("整改措施"), 4000);
    limitText(plan.responsiblePerson, QStringLiteral("责任人"), 200);
    if (plan.milestones.size() > 20)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("节点最多 20 个"));
    // An id names one kept milestone: twice would write the same row twice (a UNIQUE
    // failure, a 500) or silently drop one of the two.
    QHash<QString, QString> titleOfId;
    for (const MilestoneDraft &draft : plan.milestones) {
        if (draft.id.isEmpty())
            continue;
        const auto seen = titleOfId.constFind(draft.id);
        if (seen == titleOfId.constEnd()) {
            titleOfId.insert(draft.id, draft.title.trimmed());
        } else if (*seen == draft.title.trimmed()) {
            throw FollowUpError(QStringLiteral("bad_request"),
                                QStringLiteral("节点“%1”在计划中出现了两次，请删去重复的一个").arg(*seen));
        } else {
            throw FollowUpError(QStringLiteral("bad_request"),
                                QStringLiteral("节点“%1”和“%2”是同一个节点（编号相同），请删去其中一个或把后者作为新节点添加")
                                    .arg(*seen, draft.title.trimmed()));
        }
    }
    SqlTransaction transaction(m_db);
    RectificationItem item = existing(id);
    requireState(item, FollowUpAction::SavePlan);
    if (item.deadline.isValid() && plan.deadline != item.deadline)
        throw FollowUpError(FollowUpRefusal::DeadlineFixed,
                            QStringLiteral("时限已定为 %1，只有考评办可以调整").arg(item.deadline.toString(Qt::ISODate)));
    const QDate deadline = plan.deadline.isValid() ? plan.deadline : item.deadline;
    std::vector<Milestone> milestones;
    for (const MilestoneDraft &draft : plan.milestones) {
        if (draft.title.trimmed().isEmpty() || !draft.due.isValid())
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("每个节点都要有名称和完成日期"));
        limitText(draft.title, QStringLiteral("节点名称"), 200);
        if (deadline.isValid() && draft.due > deadline)
            throw FollowUpError(QStringLiteral("bad_request"),
                                QStringLiteral("节点“%1”的日期晚于时限 %2").arg(draft.title, deadline.toString(Qt::ISODate)));
        Milestone milestone{draft.id, draft.title.trimmed(), draft.due, std::nullopt};
        const auto before = std::find_if(item.milestones.begin(), item.milestones.end(),
                                         [&](const Milestone &m) { return !draft.id.isEmpty() && m.id == draft.id; });
        if (milestone.id.isEmpty() || before == item.milestones.end())
            milestone.id = newRecordId();
        if (draft.done)
            milestone.doneAt = before != item.milestones.end() && before->doneAt ? before->doneAt : std::optional(now);
        milestones.push_back(milestone);
    }
    const QString oldState = itemStateKey(item.state);
    const QString oldDeadline = item.deadline.toString(Qt::ISODate);
    item.measures = plan.measures.trimmed();
    item.responsiblePerson = plan.responsiblePerson.trimmed();
    item.deadline = deadline;
    item.milestones = milestones;
    item.state = ItemState::InProgress;
    item.updatedAt = now;
    store(item, false);
    storeMilestones(item);
    QString summary = QStringLiteral("整改措施：%1；责任人：%2；时限：%3；节点 %4 个")
                          .arg(item.measures.left(200), item.responsiblePerson,
                               item.deadline.isValid() ? item.deadline.toString(Qt::ISODate) : QStringLiteral("未定"))
                          .arg(item.milestones.size());
    m_history.append({kEntity, id, item.unitCode, QStringLiteral("plan"), account, now, oldState,
                      itemStateKey(item.state), summary});
    if (oldDeadline.isEmpty() && item.deadline.isValid())
        m_history.append({kEntity, id, item.unitCode, QStringLiteral("deadline"), account, now, std::nullopt,
                          item.deadline.toString(Qt::ISODate), QStringLiteral("单位确定时限")});
    transaction.commit();
    return load(id);
}

RectificationItem RectificationLedger::report(const QString &id, const QString &text, const QStringList &attachmentShas,
                                              bool forClosing, const QString &account, const QDateTime &now)
{
    limitText(text, QStringLiteral("报送内容"), 4000);
    if (text.trimmed().isEmpty() && attachmentShas.isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请填写进展情况或附上佐证"));
    SqlTransaction transaction(m_db);
    RectificationItem item = existing(id);
    requireState(item, forClosing ? FollowUpAction::ReportForClosing : FollowUpAction::ReportProgress);
    if (forClosing) {
        const bool hasEvidence = !attachmentShas.isEmpty() ||
                                 !m_db.query(QStringLiteral("SELECT 1 FROM hq_followup_attachments a JOIN hq_followup_reports r "
                                                            "ON a.owner_kind = 'report' AND a.owner_id = r.id "
                                                            "WHERE r.item_id = ? LIMIT 1"),
                                             {id})
                                      .empty();
        if (FollowUpPolicy::readyForClosing(item, hasEvidence) != FollowUpRefusal::None)
            throw FollowUpError(FollowUpRefusal::PlanIncomplete,
                                QStringLiteral("报送销号前请填写整改措施、责任人、时限，并附上佐证或完成至少一个节点"));
    }
    const QString reportId = newRecordId();
    m_db.execute(QStringLiteral("INSERT INTO hq_followup_reports (id, item_id, account, reported_at, text, for_closing) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 {reportId, id, account, iso(now), text.trimmed(), forClosing ? 1 : 0});
    FollowUpAttachments(m_db).attach(FollowUpAttachments::kReport, reportId, item.unitCode, attachmentShas, account,
                                     m_dataFolder);
    const QString oldState = itemStateKey(item.state);
    item.state = forClosing ? ItemState::Reported : ItemState::InProgress;
    if (forClosing)
        item.reportedAt = now;
    item.updatedAt = now;
    store(item, false);
    m_history.append({kEntity, id, item.unitCode, forClosing ? QStringLiteral("submit") : QStringLiteral("report"),
                      account, now, oldState, itemStateKey(item.state),
                      text.trimmed().left(500) +
                          (attachmentShas.isEmpty() ? QString() : QStringLiteral("（附件 %1 个）").arg(attachmentShas.size()))});
    transaction.commit();
    return load(id);
}

RectificationItem RectificationLedger::close(const QString &id, const QString &note, const QString &account,
                                             const QDateTime &now)
{
    limitText(note, QStringLiteral("销号说明"), 2000);
    SqlTransaction transaction(m_db);
    RectificationItem item = existing(id);
    requireState(item, FollowUpAction::CloseItem);
    item.state = ItemState::Closed;
    item.closedAt = now;
    item.closedBy = account;
    item.returnReason.clear();
    item.updatedAt = now;
    store(item, false);
    m_history.append({kEntity, id, item.unitCode, QStringLiteral("close"), account, now,
                      itemStateKey(ItemState::Reported), itemStateKey(ItemState::Closed), note.trimmed()});
    transaction.commit();
    return load(id);
}

RectificationItem RectificationLedger::returnItem(const QString &id, const QString &reason, const QString &account,
                                                  const QDateTime &now)
{
    if (reason.trimmed().isEmpty())
        throw FollowUpError(FollowUpRefusal::ReasonRequired, QStringLiteral("退回须写明理由"));
    limitText(reason, QStringLiteral("退回理由"), 2000);
    SqlTransaction transaction(m_db);
    RectificationItem item = existing(id);
    requireState(item, FollowUpAction::ReturnItem);
    item.state = ItemState::Returned;
    item.returnReason = reason.trimmed();
    item.updatedAt = now;
    store(item, false);
    m_history.append({kEntity, id, item.unitCode, QStringLiteral("return"), account, now,
                      itemStateKey(ItemState::Reported), itemStateKey(ItemState::Returned), item.returnReason});
    transaction.commit();
    return load(id);
}

RectificationItem RectificationLedger::extendDeadline(const QString &id, const QDate &deadline, const QString &reason,
                                                      const QString &account, const QDateTime &now)
{
    if (reason.trimmed().isEmpty())
        throw FollowUpError(FollowUpRefusal::ReasonRequired, QStringLiteral("调整时限须写明理由"));
    if (!deadline.isValid())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("时限应为日期，如 2026-09-30"));
    limitText(reason, QStringLiteral("理由"), 2000);
    SqlTransaction transaction(m_db);
    RectificationItem item = existing(id);
    requireState(item, FollowUpAction::ExtendDeadline);
    const QString before = item.deadline.isValid() ? item.deadline.toString(Qt::ISODate) : QString();
    item.deadline = deadline;
    item.updatedAt = now;
    store(item, false);
    m_history.append({kEntity, id, item.unitCode, QStringLiteral("deadline"), account, now,
                      before.isEmpty() ? std::nullopt : std::optional(before), deadline.toString(Qt::ISODate),
                      reason.trimmed()});
    transaction.commit();
    return load(id);
}

} // namespace onsite::followup
