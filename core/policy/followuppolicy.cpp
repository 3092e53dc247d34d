#include "followuppolicy.h"

#include "rolescope.h"

#include <algorithm>

namespace onsite {

QString followUpRefusalCode(FollowUpRefusal refusal)
{
    switch (refusal) {
    case FollowUpRefusal::None:
        return {};
    case FollowUpRefusal::ForbiddenRole:
        return QStringLiteral("forbidden");
    case FollowUpRefusal::OutOfScope:
        return QStringLiteral("not_found");
    case FollowUpRefusal::WrongState:
        return QStringLiteral("wrong_state");
    case FollowUpRefusal::ReasonRequired:
        return QStringLiteral("reason_required");
    case FollowUpRefusal::PlanIncomplete:
        return QStringLiteral("plan_incomplete");
    case FollowUpRefusal::DeadlineFixed:
        return QStringLiteral("deadline_fixed");
    case FollowUpRefusal::ProjectLimit:
        return QStringLiteral("project_limit");
    }
    return {};
}

namespace {

enum class Who { Hq, HqOrLeaderReads, Liaison, AnyReader };

Who whoMay(FollowUpAction action)
{
    switch (action) {
    case FollowUpAction::ReleaseFindings:
    case FollowUpAction::AddItem:
    case FollowUpAction::MergeItems:
    case FollowUpAction::CloseItem:
    case FollowUpAction::ReturnItem:
    case FollowUpAction::ExtendDeadline:
    case FollowUpAction::AssignRecheck:
    case FollowUpAction::ReviewExperience:
    case FollowUpAction::ReviewProject:
    case FollowUpAction::UpdateDemoSite:
        return Who::Hq;
    case FollowUpAction::ReadRaters:
        return Who::HqOrLeaderReads;
    case FollowUpAction::SavePlan:
    case FollowUpAction::ReportProgress:
    case FollowUpAction::ReportForClosing:
    case FollowUpAction::SubmitExperience:
    case FollowUpAction::ProposeProject:
    case FollowUpAction::ReadOwnResults:
        return Who::Liaison;
    case FollowUpAction::ReadItems:
    case FollowUpAction::ReadExperiences:
    case FollowUpAction::ReadProjects:
    case FollowUpAction::ReadDemoSites:
        return Who::AnyReader;
    }
    return Who::Hq;
}

} // namespace

FollowUpPolicy::FollowUpPolicy(const CampaignSetup &setup, const Person &person)
    : m_person(person), m_units(unitsReadBy(setup, person))
{
}

bool FollowUpPolicy::mayOpen() const { return m_person.role != Role::Inspector; }

bool FollowUpPolicy::coversUnit(const QString &unitCode) const
{
    return m_units.contains(unitCode);
}

FollowUpRefusal FollowUpPolicy::check(FollowUpAction action, const QString &unitCode) const
{
    const Role role = m_person.role;
    bool roleMay = false;
    switch (whoMay(action)) {
    case Who::Hq:
        roleMay = role == Role::Hq;
        break;
    case Who::HqOrLeaderReads:
        roleMay = role == Role::Hq || role == Role::Leader;
        break;
    case Who::Liaison:
        roleMay = role == Role::Liaison;
        break;
    case Who::AnyReader:
        roleMay = role != Role::Inspector;
        break;
    }
    if (!roleMay)
        return FollowUpRefusal::ForbiddenRole;
    if (unitCode.isEmpty())
        return FollowUpRefusal::None; // a list: the caller cuts it to units()
    if (!coversUnit(unitCode))
        return FollowUpRefusal::OutOfScope;
    return FollowUpRefusal::None;
}

bool FollowUpPolicy::appliesInState(FollowUpAction action, ItemState state)
{
    switch (action) {
    case FollowUpAction::SavePlan:
    case FollowUpAction::ReportProgress:
    case FollowUpAction::ReportForClosing:
        return state == ItemState::Unclaimed || state == ItemState::InProgress || state == ItemState::Returned;
    case FollowUpAction::CloseItem:
    case FollowUpAction::ReturnItem:
        return state == ItemState::Reported;
    case FollowUpAction::ExtendDeadline:
    case FollowUpAction::MergeItems:
    case FollowUpAction::AssignRecheck:
        return state != ItemState::Closed;
    default:
        return true;
    }
}

FollowUpRefusal FollowUpPolicy::check(FollowUpAction action, const RectificationItem &item) const
{
    if (const FollowUpRefusal refusal = check(action, item.unitCode); refusal != FollowUpRefusal::None)
        return refusal;
    return appliesInState(action, item.state) ? FollowUpRefusal::None : FollowUpRefusal::WrongState;
}

FollowUpRefusal FollowUpPolicy::readyForClosing(const RectificationItem &item, bool hasAttachment)
{
    if (item.measures.trimmed().isEmpty() || item.responsiblePerson.trimmed().isEmpty() || !item.deadline.isValid())
        return FollowUpRefusal::PlanIncomplete;
    const bool milestoneDone =
        std::any_of(item.milestones.begin(), item.milestones.end(), [](const Milestone &m) { return m.doneAt.has_value(); });
    return hasAttachment || milestoneDone ? FollowUpRefusal::None : FollowUpRefusal::PlanIncomplete;
}

FollowUpRefusal FollowUpPolicy::mayProposeAnother(const std::vector<InnovationProject> &unitProjects)
{
    const auto standing = std::count_if(unitProjects.begin(), unitProjects.end(), [](const InnovationProject &p) {
        return p.status != InnovationStatus::Rejected;
    });
    return standing >= InnovationProject::kMaxPerUnit ? FollowUpRefusal::ProjectLimit : FollowUpRefusal::None;
}

} // namespace onsite
