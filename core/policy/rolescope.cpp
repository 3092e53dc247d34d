#include "rolescope.h"

#include <QSet>

namespace onsite {

QStringList unitsCoveredBy(const CampaignSetup &setup, const Person &person)
{
    QStringList units;
    if (person.role == Role::Hq) {
        for (const Unit &unit : setup.units)
            units << unit.code;
    } else if (person.role == Role::Liaison) {
        units << person.homeUnitCode;
    } else if (const InspectionGroup *group = setup.group(person.groupName)) {
        units = group->unitCodes;
    }
    return units;
}

bool readsRecordsOf(const Person &person, const QString &unitCode)
{
    return person.role == Role::Hq || person.role == Role::Liaison || unitCode != person.homeUnitCode;
}

QStringList unitsReadBy(const CampaignSetup &setup, const Person &person)
{
    const QStringList covered = unitsCoveredBy(setup, person);
    const QSet<QString> coveredSet(covered.cbegin(), covered.cend());
    QStringList units;
    for (const Unit &unit : setup.units) {
        if (coveredSet.contains(unit.code) && readsRecordsOf(person, unit.code))
            units << unit.code;
    }
    return units;
}

} // namespace onsite
