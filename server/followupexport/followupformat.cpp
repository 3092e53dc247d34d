#include "followupformat.h"

#include "system/beijingtime.h"

namespace onsite::exports {

QString beijingTime(const QDateTime &time)
{
    return beijingMinutes(time);
}

QString beijingTime(const std::optional<QDateTime> &time)
{
    return time ? beijingTime(*time) : QString();
}

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString unitName(const CampaignSetup &setup, const QString &unitCode)
{
    const Unit *unit = setup.unit(unitCode);
    return unit ? unit->name : unitCode;
}

int unitOrder(const CampaignSetup &setup, const QString &unitCode)
{
    for (std::size_t i = 0; i < setup.units.size(); ++i) {
        if (setup.units[i].code == unitCode)
            return static_cast<int>(i);
    }
    return static_cast<int>(setup.units.size());
}

QString personName(const CampaignSetup &setup, const QString &account)
{
    const Person *person = setup.person(account);
    return person && !person->name.isEmpty() ? person->name : account;
}

} // namespace onsite::exports
