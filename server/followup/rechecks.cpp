#include "rechecks.h"

#include "followuperror.h"
#include "hq/hqwriter.h"
#include "protocol/protocol.h"
#include "protocol/records.h"
#include "system/recordid.h"

namespace onsite::followup {

namespace {

QDateTime timeOf(const QVariant &value) { return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC(); }

// Milliseconds are what the wire carries: HQ's copy and the tablets' copies stay equal.
QDateTime wireTime(const QDateTime &time) { return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC); }

} // namespace

Rechecks::Rechecks(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey)
    : m_db(db), m_setup(setup), m_historyKey(std::move(historyKey))
{
}

Recheck Rechecks::assign(const Recheck &request, const QString &account, const QDateTime &now,
                         const std::function<void()> &itemGuard)
{
    Recheck recheck = request;
    if (recheck.id.isEmpty())
        recheck.id = newRecordId();
    recheck.assignedBy = account;
    recheck.assignedAt = wireTime(now);
    const InspectionGroup *group = m_setup.group(recheck.groupName);
    if (!group)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("检查组“%1”不存在").arg(recheck.groupName));
    if (!group->unitCodes.contains(recheck.unitCode))
        throw FollowUpError(QStringLiteral("bad_request"),
                            QStringLiteral("%1不考评单位 %2，不能安排回头看").arg(recheck.groupName, recheck.unitCode));
    if (recheck.itemId.isEmpty() || recheck.problem.trimmed().isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("回头看需要整改事项和问题"));
    for (const QString *text : {&recheck.problem, &recheck.suggestion, &recheck.measures, &recheck.note}) {
        if (text->size() > 4000)
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("文字最多 4000 个字"));
    }
    // Through the one feed: the group's tablets pull it, and the item's history shows it.
    hq::HqWriter writer(m_db, m_setup, m_historyKey, hq::HqWriter::kHqOrigin);
    const auto refusal = writer.write({{account, protocol::entity::kRecheck, recheck.id, protocol::op::kUpsert,
                                        protocol::recheckToJson(recheck)}},
                                      now, itemGuard);
    if (refusal)
        throw FollowUpError(refusal->result.reason, refusal->result.message);
    return recheck;
}

std::vector<RecheckWithResults> Rechecks::forItem(const QString &itemId)
{
    std::vector<RecheckWithResults> rechecks;
    const auto rows = m_db.query(QStringLiteral("SELECT id, item_id, unit_code, group_name, problem, suggestion, measures, "
                                                "note, assigned_by, assigned_at FROM rechecks WHERE item_id = ? "
                                                "ORDER BY assigned_at, id"),
                                 {itemId});
    for (const SqlRow &r : rows) {
        RecheckWithResults entry;
        entry.recheck = {r[0].toString(), r[1].toString(), r[2].toString(), r[3].toString(), r[4].toString(),
                         r[5].toString(), r[6].toString(), r[7].toString(), r[8].toString(), timeOf(r[9])};
        const auto results = m_db.query(QStringLiteral("SELECT id, unit_code, outcome, notes, account, recorded_at "
                                                       "FROM recheck_results WHERE recheck_id = ? "
                                                       "ORDER BY recorded_at, id"),
                                        {entry.recheck.id});
        for (const SqlRow &row : results) {
            RecheckResult result;
            result.id = row[0].toString();
            result.recheckId = entry.recheck.id;
            result.unitCode = row[1].toString();
            result.outcome = recheckOutcomeFromKey(row[2].toString()).value_or(RecheckOutcome::NotDone);
            result.notes = row[3].toString();
            result.account = row[4].toString();
            result.recordedAt = timeOf(row[5]);
            for (const SqlRow &photo : m_db.query(QStringLiteral("SELECT photo_id FROM recheck_result_photos "
                                                                 "WHERE result_id = ? ORDER BY photo_id"),
                                                  {result.id}))
                result.photoIds << photo[0].toString();
            entry.results.push_back(std::move(result));
        }
        rechecks.push_back(std::move(entry));
    }
    return rechecks;
}

} // namespace onsite::followup
