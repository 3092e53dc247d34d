#include "followuphistory.h"

#include "hq/hqwriter.h"
#include "hq/scorehistory.h"

namespace onsite::followup {

void FollowUpHistory::append(const FollowUpStep &step)
{
    hq::HistoryChange change;
    change.entity = step.entity;
    change.entityId = step.entityId;
    change.unitCode = step.unitCode;
    change.action = step.action;
    change.account = step.account;
    change.origin = hq::HqWriter::kHqOrigin;
    change.at = step.at;
    change.oldValue = step.oldValue;
    change.newValue = step.newValue;
    change.reason = step.reason;
    hq::ScoreHistory(m_db, m_key).append(change);
}

QJsonArray FollowUpHistory::entries(const QString &entity, const QString &entityId)
{
    return hq::ScoreHistory(m_db, m_key).entriesOf(entity, entityId);
}

QHash<QString, QString> FollowUpHistory::latestReasons(const QString &entity, const QString &action)
{
    return hq::ScoreHistory::latestReasons(m_db, entity, action);
}

} // namespace onsite::followup
