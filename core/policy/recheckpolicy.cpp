#include "recheckpolicy.h"

#include "policytext.h"

#include <QCoreApplication>

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

QString RecheckPolicy::message(RecheckRefusal refusal, const RecheckResult &result) const
{
    switch (refusal) {
    case RecheckRefusal::None:
        break;
    case RecheckRefusal::UnknownUnit:
        return QCoreApplication::translate("FieldRules", "没有编码为“%1”的单位（或不在你的考评范围内）")
            .arg(result.unitCode);
    case RecheckRefusal::OutOfScope:
        return QCoreApplication::translate("FieldRules", "%1不考评单位 %2").arg(m_person.groupName, result.unitCode);
    case RecheckRefusal::ForbiddenRole:
        return QCoreApplication::translate("FieldRules", "%1不能记录回头看结果，请由检查组现场核查")
            .arg(roleTitle(m_person.role));
    case RecheckRefusal::ConflictOfInterest:
        return QCoreApplication::translate("FieldRules", "回避：你（%1）来自单位 %2，不能回头看本单位")
            .arg(m_person.name, result.unitCode);
    case RecheckRefusal::UnknownRecheck:
        return QCoreApplication::translate("FieldRules", "回头看任务“%1”不存在，请先同步").arg(result.recheckId);
    case RecheckRefusal::NotAssigned:
        return QCoreApplication::translate("FieldRules", "这项回头看任务没有分配给%1").arg(m_person.groupName);
    case RecheckRefusal::ReasonRequired:
        return QCoreApplication::translate("FieldRules", "整改未到位时请写明情况");
    case RecheckRefusal::InvalidInput:
        return QCoreApplication::translate("FieldRules", "说明最多 %1 个字").arg(kMaxNotes);
    }
    return QCoreApplication::translate("FieldRules", "无法记录回头看结果");
}

} // namespace onsite
