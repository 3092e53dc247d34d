#pragma once

#include "followuperror.h"
#include "followuphistory.h"

#include "domain/campaignsetup.h"
#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <optional>
#include <vector>

namespace onsite::followup {

// 创新项目: proposals of the units (at most two each that are not rejected) and HQ's
// screening, with the bonus item (加分项) a selected one may earn.
class InnovationProjects
{
public:
    InnovationProjects(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey);

    // Units in units.csv order, then by proposal time; empty `units`: every unit.
    std::vector<InnovationProject> list(const QStringList &units, std::optional<InnovationStatus> status = {});
    std::optional<InnovationProject> find(const QString &id);
    InnovationProject propose(const QString &unitCode, const QString &title, const QString &description,
                              const QString &account, const QDateTime &now);
    InnovationProject review(const QString &id, InnovationStatus status, const QString &reason,
                             const QString &bonusIndicator, const QString &account, const QDateTime &now);

private:
    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    FollowUpHistory m_history;
};

} // namespace onsite::followup
