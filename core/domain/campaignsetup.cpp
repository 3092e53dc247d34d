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

const Unit *CampaignSetup::unit(const QString &code) const { return findBy(units, code, &Unit::code); }

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
