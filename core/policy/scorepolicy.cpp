#include "scorepolicy.h"

#include "geo/geodistance.h"
#include "policytext.h"

#include <QCoreApplication>

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

ScorePolicy::ScorePolicy(const CampaignSetup &setup, const Person &person, const QSet<QString> &scopeUnits,
                         const QSet<QString> *groupUnits)
    : m_setup(setup), m_person(person), m_scope(scopeUnits), m_groupUnits(groupUnits)
{
}

QSet<QString> ScorePolicy::groupUnitsOf(const CampaignSetup &setup, const Person &person)
{
    const InspectionGroup *group = person.isRater() ? setup.group(person.groupName) : nullptr;
    return group ? QSet<QString>(group->unitCodes.cbegin(), group->unitCodes.cend()) : QSet<QString>();
}

bool ScorePolicy::assesses(const QString &unitCode) const
{
    if (m_groupUnits)
        return m_person.isRater() && m_groupUnits->contains(unitCode);
    return m_setup.assesses(m_person, unitCode);
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
        if (!assesses(decision.unit->code))
            return refuse(ScoreRefusal::OutOfScope);
    } else {
        if (!m_person.canSetFinalValue())
            return refuse(ScoreRefusal::NotLeader);
        if (m_person.role == Role::Leader && !assesses(decision.unit->code))
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

QString ScorePolicy::message(const ScoreDecision &decision, const ScoreRequest &request) const
{
    const Unit *unit = decision.unit;
    switch (decision.refusal) {
    case ScoreRefusal::None:
        break;
    case ScoreRefusal::UnknownUnit:
        return QCoreApplication::translate("FieldRules", "没有编码为“%1”的单位（或不在你的考评范围内）").arg(request.unitCode);
    case ScoreRefusal::UnknownIndicator:
        if (const Indicator *project = m_setup.indicator(request.indicatorCode))
            return QCoreApplication::translate("FieldRules", "“%1 %2”是一级指标，请选择其下的二级指标").arg(project->code, project->title);
        return QCoreApplication::translate("FieldRules", "指标“%1”不存在").arg(request.indicatorCode);
    case ScoreRefusal::ForbiddenRole:
    case ScoreRefusal::NotRater:
        return m_person.role == Role::Hq ? QCoreApplication::translate("FieldRules", "考评办不作为评分人打分；如需核定，请以核定方式录入并写明理由")
                                         : QCoreApplication::translate("FieldRules", "%1不能评分").arg(roleTitle(m_person.role));
    case ScoreRefusal::OutOfScope:
        if (!m_scope.contains(unit->code))
            return QCoreApplication::translate("FieldRules", "单位 %1（%2）不在你的考评范围内").arg(unit->code, unit->name);
        return QCoreApplication::translate("FieldRules", "%1不考评单位 %2（%3）").arg(m_person.groupName, unit->code, unit->name);
    case ScoreRefusal::ConflictOfInterest:
        return QCoreApplication::translate("FieldRules", "回避：你（%1）来自%2（%3），不能为本单位评分").arg(m_person.name, unit->name, unit->code);
    case ScoreRefusal::NotLeader:
        return QCoreApplication::translate("FieldRules", "只有检查组长或考评办可以核定，你是%1").arg(roleTitle(m_person.role));
    case ScoreRefusal::ReasonRequired:
        return QCoreApplication::translate("FieldRules", "核定必须写明理由");
    case ScoreRefusal::UnitLocked:
        return QCoreApplication::translate("FieldRecorder", "单位 %1 已由组长提交锁定，评分不能再修改")
            .arg(request.unitCode);
    case ScoreRefusal::LockedNeedsReason:
        return QCoreApplication::translate("FieldRecorder", "单位 %1 已提交锁定，修改评分必须写明理由")
            .arg(request.unitCode);
    case ScoreRefusal::InvalidInput:
        return QCoreApplication::translate("FieldRules", "指标 %1 的输入“%2”无效：%3").arg(decision.item->code, request.input, decision.inputError);
    case ScoreRefusal::CheckInRequired:
        return QCoreApplication::translate("FieldRules", "本次考评要求先在%1的点位现场签到，才能评分").arg(unit->name);
    case ScoreRefusal::CheckInNoPosition:
        return QCoreApplication::translate("FieldRules", "你在%1的签到没有定位，请在点位重新签到后再评分").arg(unit->name);
    case ScoreRefusal::CheckInTooFar:
        return QCoreApplication::translate("FieldRules", "你在%1的签到离点位超过 %2 米，请到点位重新签到后再评分")
            .arg(unit->name)
            .arg(m_setup.campaign.presence.radiusMeters);
    }
    return QCoreApplication::translate("FieldRules", "无法记录这项评分");
}

} // namespace onsite
