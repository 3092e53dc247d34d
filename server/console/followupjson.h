#pragma once

#include "setuplookup.h"

#include "domain/followup.h"
#include "policy/followuppolicy.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace onsite::console {

// The follow-up records as the console API shows them (docs/FOLLOWUP-API.md). Who a
// record names depends on the reader: HQ and leaders see people, a liaison sees the
// inspection group or "考评办" instead (never who scored or found what).
class FollowUpJson
{
public:
    FollowUpJson(const CampaignSetup &setup, const FollowUpPolicy &policy, QDate today);

    QJsonObject item(const RectificationItem &item) const;
    QJsonObject report(const ProgressReport &report) const;
    QJsonArray attachments(const std::vector<Attachment> &attachments) const;
    QJsonObject experience(const Experience &experience) const;
    QJsonObject project(const InnovationProject &project) const;
    QJsonObject recheck(const Recheck &recheck, const std::vector<RecheckResult> &results) const;
    // History rows (hq/scorehistory.h entries) with the author's name as this reader may see it.
    QJsonArray history(const QJsonArray &entries) const;
    // How this reader sees an account: a name, or for a liaison the role or group.
    QString nameFor(const QString &account) const;
    bool showsPeople() const { return m_showsPeople; }

private:
    const CampaignSetup &m_setup;
    const FollowUpPolicy &m_policy;
    SetupLookup m_lookup;
    QDate m_today;
    bool m_showsPeople;
};

} // namespace onsite::console
