#include "setuplookup.h"

namespace onsite::console {

SetupLookup::SetupLookup(const CampaignSetup &setup) : m_setup(setup)
{
    for (const InspectionGroup &group : setup.groups) {
        for (const QString &unit : group.unitCodes)
            m_groupOfUnit.insert(unit, group.name);
    }
    for (const Site &site : setup.sites)
        m_siteNames.insert(site.code, site.name);
}

QString SetupLookup::personName(const QString &account) const
{
    const Person *person = m_setup.person(account);
    return person ? person->name : account;
}

QString SetupLookup::unitName(const QString &unitCode) const
{
    const Unit *unit = m_setup.unit(unitCode);
    return unit ? unit->name : unitCode;
}

QString SetupLookup::indicatorName(const QString &code) const
{
    const Indicator *indicator = m_setup.indicator(code);
    return indicator ? indicator->title : QString();
}

} // namespace onsite::console
