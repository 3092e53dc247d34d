#include "scorepolicy.h"

namespace onsite {

QString scoreRefusalCode(ScoreRefusal refusal)
{
    switch (refusal) {
    case ScoreRefusal::None:
        return {};
    case ScoreRefusal::UnknownUnit:
        return QStringLiteral("unknown_unit");
    case ScoreRefusal::UnknownIndicator:
        return QStringLiteral("unknown_indicator");
    case ScoreRefusal::ForbiddenRole:
        return QStringLiteral("forbidden_role");
    case ScoreRefusal::OutOfScope:
        return QStringLiteral("out_of_scope");
    case ScoreRefusal::ConflictOfInterest:
        return QStringLiteral("conflict_of_interest");
    case ScoreRefusal::NotRater:
        return QStringLiteral("not_rater");
    case ScoreRefusal::NotLeader:
        return QStringLiteral("not_leader");
    case ScoreRefusal::ReasonRequired:
    case ScoreRefusal::LockedNeedsReason:
        return QStringLiteral("reason_required");
    case ScoreRefusal::UnitLocked:
        return QStringLiteral("unit_locked");
    case ScoreRefusal::InvalidInput:
        return QStringLiteral("invalid_input");
    }
    return {};
}

ScorePolicy::ScorePolicy(const CampaignSetup &setup, const Person &person, const QSet<QString> &scopeUnits)
    : m_setup(setup), m_person(person), m_scope(scopeUnits)
{
}

ScoreDecision ScorePolicy::decide(const ScoreRequest &request, bool unitLocked) const
{
    ScoreDecision decision;
    auto refuse = [&decision](ScoreRefusal refusal) {
        decision.refusal = refusal;
        return decision;
    };
    decision.unit = m_setup.unit(request.unitCode);
    if (!decision.unit)
        return refuse(ScoreRefusal::UnknownUnit);
    const Indicator *item = m_setup.indicator(request.indicatorCode);
    if (item && !item->isProject())
        decision.item = item;
    if (m_person.role == Role::Liaison)
        return refuse(ScoreRefusal::ForbiddenRole);
    if (!m_scope.contains(decision.unit->code))
        return refuse(ScoreRefusal::OutOfScope);
    if (m_person.homeUnitCode == decision.unit->code)
        return refuse(ScoreRefusal::ConflictOfInterest);
    if (request.kind == ScoreKind::Rater) {
        if (!m_person.isRater())
            return refuse(ScoreRefusal::NotRater);
        if (!m_setup.assesses(m_person, decision.unit->code))
            return refuse(ScoreRefusal::OutOfScope);
    } else {
        if (!m_person.canSetFinalValue())
            return refuse(ScoreRefusal::NotLeader);
        if (m_person.role == Role::Leader && !m_setup.assesses(m_person, decision.unit->code))
            return refuse(ScoreRefusal::OutOfScope);
        if (request.reason.trimmed().isEmpty())
            return refuse(ScoreRefusal::ReasonRequired);
    }
    if (!decision.item)
        return refuse(ScoreRefusal::UnknownIndicator);
    if (unitLocked) {
        if (!m_person.canSetFinalValue())
            return refuse(ScoreRefusal::UnitLocked);
        if (request.reason.trimmed().isEmpty())
            return refuse(ScoreRefusal::LockedNeedsReason);
    }
    const InputEvaluation evaluation = request.kind == ScoreKind::Rater
                                           ? evaluateRaterInput(*decision.item, decision.unit->category, request.input)
                                           : evaluateFinalInput(*decision.item, request.input);
    if (!evaluation.value) {
        decision.inputError = evaluation.error;
        return refuse(ScoreRefusal::InvalidInput);
    }
    decision.value = *evaluation.value;
    return decision;
}

} // namespace onsite
