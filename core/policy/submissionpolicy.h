#pragma once

#include "domain/campaignsetup.h"
#include "domain/fieldwork.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace onsite {

// Why a unit may not be submitted (提交) or reopened (撤回提交). The device, before
// anything is queued, and HQ, when the submission is pushed or written at HQ, ask the
// same SubmissionPolicy and show the same message for each code.
enum class SubmissionRefusal
{
    None,
    UnknownUnit,        // "unknown_unit"
    ForbiddenRole,      // "forbidden_role": a liaison submits nothing
    OutOfScope,         // "out_of_scope": not a unit of the person's scope or group
    NotLeader,          // "not_leader": only a leader or HQ submits and reopens
    ConflictOfInterest, // "conflict_of_interest": the person's home unit (回避)
    Incomplete,         // "incomplete": an item has neither a rater score nor a final value
    ReasonRequired,     // "reason_required": a reopening without its reason
    // Nothing to change, known only where the current state is the person's own view (the
    // device): HQ takes a repeat as the later of two devices' records (clock order).
    AlreadySubmitted, // "already_submitted"
    NotSubmitted,     // "not_submitted": nothing to reopen
};
QString submissionRefusalCode(SubmissionRefusal refusal);

struct SubmissionRequest
{
    QString unitCode;
    bool locked = true; // submit; false: reopen
    QString note;       // the reason of a reopening
    // For a submission: the unit's items nobody has scored (UnitSubmissions::unscoredItems).
    QStringList unscoredItems;
};

// Who may submit or reopen which unit, and when (DOMAIN.md §Roles, 提交).
class SubmissionPolicy
{
public:
    // `scopeUnits`: the units the person's role covers (rolescope.h). All three are
    // referenced, not copied.
    SubmissionPolicy(const CampaignSetup &setup, const Person &person,
                     const QSet<QString> &scopeUnits);

    SubmissionRefusal decide(const SubmissionRequest &request) const;
    // The device's extra check against the unit's current submission, if any.
    static SubmissionRefusal stateRefusal(const SubmissionRequest &request,
                                          const std::optional<UnitSubmission> &current);
    // The words for a refusal, the same on the tablet and in HQ's answer.
    QString message(SubmissionRefusal refusal, const SubmissionRequest &request) const;

private:
    const CampaignSetup &m_setup;
    const Person &m_person;
    const QSet<QString> &m_scope;
};

} // namespace onsite
