#include "recheckpolicy.h"

namespace onsite {

QString recheckRefusalCode(RecheckRefusal refusal)
{
    switch (refusal) {
    case RecheckRefusal::None:
        return {};
    case RecheckRefusal::UnknownUnit:
        return QStringLiteral("unknown_unit");
    case RecheckRefusal::ForbiddenRole:
        return QStringLiteral("forbidden_role");
    case RecheckRefusal::OutOfScope:
        return QStringLiteral("out_of_scope");
    case RecheckRefusal::ConflictOfInterest:
        return QStringLiteral("conflict_of_interest");
    case RecheckRefusal::UnknownRecheck:
        return QStringLiteral("unknown_recheck");
    case RecheckRefusal::NotAssigned:
        return QStringLiteral("not_assigned");
    case RecheckRefusal::ReasonRequired:
        return QStringLiteral("reason_required");
    case RecheckRefusal::InvalidInput:
        return QStringLiteral("invalid_input");
    }
    return {};
}

RecheckPolicy::RecheckPolicy(const CampaignSetup &setup, const Person &person, const QSet<QString> &scopeUnits)
    : m_setup(setup), m_person(person), m_scope(scopeUnits)
{
}

RecheckRefusal RecheckPolicy::decide(const RecheckResult &result, const Recheck *recheck) const
{
    const Unit *unit = m_setup.unit(result.unitCode);
    if (!unit)
        return RecheckRefusal::UnknownUnit;
    // HQ assigns re-checks; it does not record them as if it had been on site.
    if (!m_person.isRater())
        return RecheckRefusal::ForbiddenRole;
    if (!m_scope.contains(unit->code) || !m_setup.assesses(m_person, unit->code))
        return RecheckRefusal::OutOfScope;
    if (m_person.homeUnitCode == unit->code)
        return RecheckRefusal::ConflictOfInterest;
    if (!recheck)
        return RecheckRefusal::UnknownRecheck;
    if (recheck->unitCode != unit->code || recheck->groupName != m_person.groupName)
        return RecheckRefusal::NotAssigned;
    if (result.outcome == RecheckOutcome::NotDone && result.notes.trimmed().isEmpty())
        return RecheckRefusal::ReasonRequired;
    if (result.notes.size() > kMaxNotes)
        return RecheckRefusal::InvalidInput;
    return RecheckRefusal::None;
}

} // namespace onsite
