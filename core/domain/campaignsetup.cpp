#include "campaignsetup.h"

#include <algorithm>

namespace onsite {

namespace {

template <typename T, typename Key>
const T *findBy(const std::vector<T> &items, const QString &value, Key key)
{
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const T &item) { return item.*key == value; });
    return it == items.end() ? nullptr : &*it;
}

} // namespace

void CampaignSetup::indexUnits()
{
    unitPositions.clear();
    unitPositions.reserve(static_cast<qsizetype>(units.size()));
    for (std::size_t i = 0; i < units.size(); ++i)
        unitPositions.insert(units[i].code, i);
}

const Unit *CampaignSetup::unit(const QString &code) const
{
    // The vectors are public: trust a position only while it still holds the code.
    const auto it = unitPositions.constFind(code);
    if (it != unitPositions.constEnd() && *it < units.size() && units[*it].code == code)
        return &units[*it];
    return findBy(units, code, &Unit::code);
}

const Indicator *CampaignSetup::indicator(const QString &code) const
{
    return findBy(indicators, code, &Indicator::code);
}

const Person *CampaignSetup::person(const QString &account) const
{
    return findBy(people, account, &Person::account);
}

const InspectionGroup *CampaignSetup::group(const QString &name) const
{
    return findBy(groups, name, &InspectionGroup::name);
}

bool CampaignSetup::assesses(const Person &person, const QString &unitCode) const
{
    if (!person.isRater())
        return false;
    const InspectionGroup *g = group(person.groupName);
    return g && g->unitCodes.contains(unitCode);
}

std::vector<const Indicator *> CampaignSetup::itemsOf(const QString &projectCode) const
{
    std::vector<const Indicator *> items;
    for (const auto &indicator : indicators) {
        if (indicator.parentCode == projectCode)
            items.push_back(&indicator);
    }
    return items;
}

} // namespace onsite
