#include "consoleaccess.h"

#include "rolescope.h"

namespace onsite {

ConsoleAccess::ConsoleAccess(const CampaignSetup &setup, const Person &person) : m_person(person)
{
    // 回避 holds here as on the tablet: a leader does not see their home unit.
    if (mayOpenPages())
        m_units = unitsReadBy(setup, person);
    m_unitSet = QSet<QString>(m_units.cbegin(), m_units.cend());
}

bool ConsoleAccess::mayOpenPages() const { return m_person.role == Role::Hq || m_person.role == Role::Leader; }

bool ConsoleAccess::canSeeGroup(const QString &groupName) const
{
    if (!mayOpenPages())
        return false;
    return m_person.role == Role::Hq || groupName == m_person.groupName;
}

} // namespace onsite
