#include "rolescope.h"

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

} // namespace onsite
