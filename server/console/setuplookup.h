#pragma once

#include "domain/campaignsetup.h"

#include <QHash>
#include <QString>

namespace onsite::console {

// Names the console shows beside codes: a unit's group, a person's, a site's and an
// indicator's name.
class SetupLookup
{
public:
    explicit SetupLookup(const CampaignSetup &setup);

    QString groupOf(const QString &unitCode) const { return m_groupOfUnit.value(unitCode); }
    QString personName(const QString &account) const;
    QString unitName(const QString &unitCode) const;
    QString siteName(const QString &siteCode) const { return m_siteNames.value(siteCode); }
    QString indicatorName(const QString &code) const;

private:
    const CampaignSetup &m_setup;
    QHash<QString, QString> m_groupOfUnit;
    QHash<QString, QString> m_siteNames;
};

} // namespace onsite::console
