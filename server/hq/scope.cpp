#include "scope.h"

#include "policy/rolescope.h"
#include "protocol/protocol.h"

namespace onsite::hq {

Scope::Scope(const CampaignSetup &setup, const Person &person)
    : m_person(person), m_units(unitsCoveredBy(setup, person))
{
    m_unitSet = QSet<QString>(m_units.cbegin(), m_units.cend());
}

bool Scope::readsUnit(const QString &unitCode) const
{
    if (!m_unitSet.contains(unitCode))
        return false;
    // 回避: an inspector takes no part in the assessment of their home unit, and that
    // includes seeing how teammates scored it. (A liaison's home unit is their unit.)
    return m_person.role == Role::Hq || m_person.role == Role::Liaison || unitCode != m_person.homeUnitCode;
}

bool Scope::canRead(const QString &entity, const QString &unitCode) const
{
    if (!readsUnit(unitCode))
        return false;
    if (m_person.role == Role::Liaison)
        return entity == protocol::entity::kFinding;
    return true;
}

QString Scope::writeRefusal(const QString &entity, const QString &unitCode) const
{
    Q_UNUSED(entity);
    if (m_person.role == Role::Liaison)
        return QStringLiteral("forbidden_role");
    if (!m_unitSet.contains(unitCode))
        return QStringLiteral("out_of_scope");
    return {};
}

} // namespace onsite::hq
