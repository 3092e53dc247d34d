#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QString>

#include <optional>

namespace onsite {

// Every step of the follow-up loop (DOMAIN.md §Rectification states).
enum class FollowUpAction {
    ReadItems,        // the ledger of a unit
    ReadRaters,       // who scored or found what: never a liaison
    ReleaseFindings,  // HQ turns a unit's findings into items
    AddItem,          // by hand or from a CSV (巡视反馈, 大通报, 其他)
    MergeItems,
    SavePlan,         // measures, responsible person, deadline, milestones
    ReportProgress,   // a progress report (进展)
    ReportForClosing, // 报送销号
    CloseItem,        // 销号
    ReturnItem,       // 退回 with a reason
    ExtendDeadline,   // only HQ, with a reason
    AssignRecheck,    // 回头看 by a group (its result: RecheckPolicy, recheckpolicy.h)
    ReadExperiences,
    SubmitExperience,
    ReviewExperience,
    ReadProjects,
    ProposeProject,
    ReviewProject,
    ReadDemoSites,
    UpdateDemoSite,
    ReadOwnResults, // a liaison's unit's published results
};

// Why a follow-up step is refused; the code is what the API answers as `error`.
enum class FollowUpRefusal {
    None,
    ForbiddenRole,  // "forbidden": the role never does this
    OutOfScope,     // "not_found": another unit (answered as if it did not exist)
    WrongState,     // "wrong_state": not in a state where this step applies
    ReasonRequired, // "reason_required"
    PlanIncomplete, // "plan_incomplete": 报送销号 before measures, person, deadline, evidence
    DeadlineFixed,  // "deadline_fixed": only HQ moves a deadline once set
    ProjectLimit,   // "project_limit": a unit's third innovation project
};
QString followUpRefusalCode(FollowUpRefusal refusal);

// The one rule for who may take which follow-up step on which unit, in which state, used
// by the console API and the exports. Roles: HQ may do every HQ step on every unit; a
// leader reads their group's units but their home unit (回避); a liaison works on their
// own unit. Re-check results, recorded on tablets, follow RecheckPolicy (recheckpolicy.h).
class FollowUpPolicy
{
public:
    FollowUpPolicy(const CampaignSetup &setup, const Person &person);

    const Person &person() const { return m_person; }
    // Whether the role takes part at all (the console's follow-up pages).
    bool mayOpen() const;
    // The units whose follow-up the person reads (unitsReadBy: less a leader's home unit,
    // 回避, as in the console's other pages), in units.csv order.
    const QStringList &units() const { return m_units; }
    // Whether the step is allowed on the unit, before looking at any item.
    FollowUpRefusal check(FollowUpAction action, const QString &unitCode) const;
    // The same for a step on an item in a given state.
    FollowUpRefusal check(FollowUpAction action, const RectificationItem &item) const;
    // 报送销号 needs the plan and some evidence: measures, a responsible person, a deadline,
    // and an attachment or a milestone done.
    static FollowUpRefusal readyForClosing(const RectificationItem &item, bool hasAttachment);
    // Whether a liaison's unit may propose one more project, given its current ones.
    static FollowUpRefusal mayProposeAnother(const std::vector<InnovationProject> &unitProjects);
    // Whether the step's state change applies in this state.
    static bool appliesInState(FollowUpAction action, ItemState state);

private:
    bool coversUnit(const QString &unitCode) const;

    Person m_person;
    QStringList m_units; // unitsReadBy, once
};

} // namespace onsite
