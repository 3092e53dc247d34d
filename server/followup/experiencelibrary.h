#pragma once

#include "followuperror.h"
#include "followuphistory.h"

#include "domain/campaignsetup.h"
#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <optional>
#include <vector>

namespace onsite::followup {

struct ExperienceFilter
{
    QStringList units; // empty: every unit
    std::optional<ReviewStatus> status;
    QString tag;
    QString text; // in the title or description
};

// 典型经验: highlights inspectors recorded and experiences liaisons submitted, with HQ's
// screening (入选 / 未入选 with a reason, tags).
class ExperienceLibrary
{
public:
    ExperienceLibrary(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey, QString dataFolder);

    std::vector<Experience> list(const ExperienceFilter &filter); // newest first
    std::optional<Experience> find(const QString &ref);
    Experience submit(const QString &unitCode, const QString &title, const QString &description,
                      const QStringList &attachmentShas, const QString &account, const QDateTime &now);
    Experience review(const QString &ref, ReviewStatus status, const QString &reason, const QStringList &tags,
                      const QString &account, const QDateTime &now);

private:
    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    FollowUpHistory m_history;
    QString m_dataFolder;
};

} // namespace onsite::followup
