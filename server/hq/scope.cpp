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
    return m_unitSet.contains(unitCode) && readsRecordsOf(m_person, unitCode);
}

bool Scope::canRead(const QString &entity, const QString &unitCode) const
{
    Q_UNUSED(entity);
    return pullsRecords() && readsUnit(unitCode);
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
