#include "submissionpolicy.h"

#include "policytext.h"

#include <QCoreApplication>

namespace onsite {

QString submissionRefusalCode(SubmissionRefusal refusal)
{
    switch (refusal) {
    case SubmissionRefusal::None:
        return {};
    case SubmissionRefusal::UnknownUnit:
        return QStringLiteral("unknown_unit");
    case SubmissionRefusal::ForbiddenRole:
        return QStringLiteral("forbidden_role");
    case SubmissionRefusal::OutOfScope:
        return QStringLiteral("out_of_scope");
    case SubmissionRefusal::NotLeader:
        return QStringLiteral("not_leader");
    case SubmissionRefusal::ConflictOfInterest:
        return QStringLiteral("conflict_of_interest");
    case SubmissionRefusal::Incomplete:
        return QStringLiteral("incomplete");
    case SubmissionRefusal::ReasonRequired:
        return QStringLiteral("reason_required");
    case SubmissionRefusal::AlreadySubmitted:
        return QStringLiteral("already_submitted");
    case SubmissionRefusal::NotSubmitted:
        return QStringLiteral("not_submitted");
    }
    return {};
}

SubmissionPolicy::SubmissionPolicy(const CampaignSetup &setup, const Person &person,
                                   const QSet<QString> &scopeUnits)
    : m_setup(setup), m_person(person), m_scope(scopeUnits)
{
}

SubmissionRefusal SubmissionPolicy::decide(const SubmissionRequest &request) const
{
    const Unit *unit = m_setup.unit(request.unitCode);
    if (!unit)
        return SubmissionRefusal::UnknownUnit;
    if (m_person.role == Role::Liaison)
        return SubmissionRefusal::ForbiddenRole;
    if (!m_scope.contains(unit->code))
        return SubmissionRefusal::OutOfScope;
    if (!m_person.canSetFinalValue())
        return SubmissionRefusal::NotLeader;
    if (m_person.role == Role::Leader && !m_setup.assesses(m_person, unit->code))
        return SubmissionRefusal::OutOfScope;
    if (m_person.homeUnitCode == unit->code)
        return SubmissionRefusal::ConflictOfInterest;
    if (!request.locked && request.note.trimmed().isEmpty())
        return SubmissionRefusal::ReasonRequired;
    if (request.locked && !request.unscoredItems.isEmpty())
        return SubmissionRefusal::Incomplete;
    return SubmissionRefusal::None;
}

SubmissionRefusal SubmissionPolicy::stateRefusal(const SubmissionRequest &request,
                                                 const std::optional<UnitSubmission> &current)
{
    const bool locked = current && current->locked;
    if (request.locked && locked)
        return SubmissionRefusal::AlreadySubmitted;
    if (!request.locked && !locked)
        return SubmissionRefusal::NotSubmitted;
    return SubmissionRefusal::None;
}

QString SubmissionPolicy::message(SubmissionRefusal refusal, const SubmissionRequest &request) const
{
    const Unit *unit = m_setup.unit(request.unitCode);
    const QString unitName = unit ? unit->name : request.unitCode;
    switch (refusal) {
    case SubmissionRefusal::None:
        break;
    case SubmissionRefusal::UnknownUnit:
        return QCoreApplication::translate("FieldRules",
                                           "没有编码为“%1”的单位（或不在你的考评范围内）")
            .arg(request.unitCode);
    case SubmissionRefusal::ForbiddenRole:
    case SubmissionRefusal::NotLeader:
        return QCoreApplication::translate("FieldRecorder", "只有检查组长或考评办可以提交或撤回");
    case SubmissionRefusal::OutOfScope:
        if (!m_scope.contains(request.unitCode))
            return QCoreApplication::translate("FieldRules", "单位 %1（%2）不在你的考评范围内")
                .arg(request.unitCode, unitName);
        return QCoreApplication::translate("FieldRecorder", "%1不考评单位 %2（%3）")
            .arg(m_person.groupName, request.unitCode, unitName);
    case SubmissionRefusal::ConflictOfInterest:
        return QCoreApplication::translate("FieldRecorder", "回避：你来自%1，不能提交本单位")
            .arg(unitName);
    case SubmissionRefusal::Incomplete:
        return QCoreApplication::translate("FieldRecorder", "还有 %1 项指标未评分（%2），不能提交")
            .arg(request.unscoredItems.size())
            .arg(request.unscoredItems.mid(0, 5).join(
                QCoreApplication::translate("FieldRecorder", "、", "list separator")));
    case SubmissionRefusal::ReasonRequired:
        return QCoreApplication::translate("FieldRecorder", "撤回提交必须写明理由");
    case SubmissionRefusal::AlreadySubmitted:
        return QCoreApplication::translate("FieldRecorder", "单位 %1 已经提交")
            .arg(request.unitCode);
    case SubmissionRefusal::NotSubmitted:
        return QCoreApplication::translate("FieldRecorder", "单位 %1 没有提交，无需撤回")
            .arg(request.unitCode);
    }
    return {};
}

} // namespace onsite
