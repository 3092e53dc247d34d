#include "scorepolicy.h"

#include "geo/geodistance.h"

#include <algorithm>

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
    case ScoreRefusal::CheckInRequired:
        return QStringLiteral("check_in_required");
    case ScoreRefusal::CheckInNoPosition:
        return QStringLiteral("check_in_no_position");
    case ScoreRefusal::CheckInTooFar:
        return QStringLiteral("check_in_too_far");
    }
    return {};
}

CheckInEvidence checkInEvidence(const CampaignSetup &setup, const QString &unitCode, const QString &account,
                                const std::vector<Visit> &visits)
{
    CheckInEvidence evidence;
    for (const Visit &visit : visits) {
        if (visit.account != account)
            continue;
        const auto site = std::find_if(setup.sites.begin(), setup.sites.end(),
                                       [&visit](const Site &s) { return s.code == visit.siteCode; });
        if (site == setup.sites.end() || site->unitCode != unitCode)
            continue;
        ++evidence.checkIns;
        if (!site->latitude || !site->longitude) {
            evidence.atSiteWithoutCoordinates = true;
            continue;
        }
        // Measured here again, not taken from the visit: the same function on both sides.
        const std::optional<double> distance = distanceFromSite(*site, visit.position);
        if (distance && (!evidence.nearestMeters || *distance < *evidence.nearestMeters))
            evidence.nearestMeters = distance;
    }
    return evidence;
}

ScoreRefusal ScorePolicy::presenceRefusal(const PresenceRule &rule, const CheckInEvidence &checkIns)
{
    if (!rule.checkInRequired)
        return ScoreRefusal::None;
    if (checkIns.checkIns == 0)
        return ScoreRefusal::CheckInRequired;
    if (checkIns.atSiteWithoutCoordinates)
        return ScoreRefusal::None;
    if (!checkIns.nearestMeters)
        return ScoreRefusal::CheckInNoPosition;
    if (*checkIns.nearestMeters > rule.radiusMeters)
        return ScoreRefusal::CheckInTooFar;
    return ScoreRefusal::None;
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
    // A final value (组长核定) is a decision on the group's scores, not an observation.
    if (request.kind == ScoreKind::Rater && request.checkIns) {
        const ScoreRefusal presence = presenceRefusal(m_setup.campaign.presence, *request.checkIns);
        if (presence != ScoreRefusal::None)
            return refuse(presence);
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
