#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <vector>

namespace onsite::followup {

struct RecheckWithResults
{
    Recheck recheck;
    std::vector<RecheckResult> results; // by recording time
};

// 回头看: HQ's request that a group check a rectification item on site. An assignment is
// written through hq::HqWriter as a record of entity "recheck" (rechecks table), so it
// enters the change feed and the group's tablets pull it; inspectors' results come back
// as "recheck_result" records pushed like findings.
class Rechecks
{
public:
    Rechecks(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey);

    // `recheck.id` empty: a new UUID. Throws FollowUpError for an unknown group or a group
    // that does not cover the item's unit. `itemGuard` runs inside the assignment's
    // transaction (RectificationLedger::lockForStep: the item re-read and locked, so a merge
    // or 销号 committed meanwhile refuses the assignment instead of leaving it on a closed item).
    Recheck assign(const Recheck &recheck, const QString &account, const QDateTime &now,
                   const std::function<void()> &itemGuard = {});
    std::vector<RecheckWithResults> forItem(const QString &itemId);

private:
    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    QByteArray m_historyKey;
};

} // namespace onsite::followup
