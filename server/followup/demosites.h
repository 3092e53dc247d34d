#pragma once

#include "followuperror.h"
#include "followuphistory.h"

#include "domain/campaignsetup.h"
#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <vector>

namespace onsite::followup {

struct DemoSiteView
{
    const Site *site = nullptr;
    DemoSiteProgress progress;
    QStringList photoShas; // field photos of the site's visits, then HQ's attachments
};

// 示范点: the sites of type 示范点 in sites.csv with the development status HQ keeps.
class DemoSites
{
public:
    DemoSites(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey, QString dataFolder);

    std::vector<DemoSiteView> list(const QStringList &units); // empty: every unit
    DemoSiteView update(const QString &siteCode, DemoSiteStatus status, const QString &note,
                        const QStringList &attachmentShas, const QString &account, const QDateTime &now);

private:
    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    FollowUpHistory m_history;
    QString m_dataFolder;
};

} // namespace onsite::followup
