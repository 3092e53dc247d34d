#pragma once

#include "campaign.h"
#include "indicator.h"
#include "inspectiongroup.h"
#include "person.h"
#include "site.h"
#include "unit.h"

#include <QHash>

#include <vector>

namespace onsite {

// Everything HQ prepares before the first visit: the six campaign files, validated.
struct CampaignSetup
{
    Campaign campaign;
    std::vector<Unit> units;
    std::vector<Indicator> indicators; // in file order: projects followed by their items
    std::vector<Site> sites;
    std::vector<Person> people;
    std::vector<InspectionGroup> groups;
    // Code → position in `units`, filled by indexUnits() once the set-up is complete: HQ
    // looks a unit up for every pushed record, among thousands.
    QHash<QString, std::size_t> unitPositions;

    void indexUnits();
    const Unit *unit(const QString &code) const;
    const Indicator *indicator(const QString &code) const;
    const Person *person(const QString &account) const;
    const InspectionGroup *group(const QString &name) const;

    // Whether the person's group assesses the unit (HQ assesses nothing as a rater).
    bool assesses(const Person &person, const QString &unitCode) const;
    // Level-2 items of a project, in file order.
    std::vector<const Indicator *> itemsOf(const QString &projectCode) const;
};

} // namespace onsite
