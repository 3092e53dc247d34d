#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QSet>
#include <QString>

namespace onsite {

// Why a re-check result (回头看) may not be recorded. The device, before anything is
// queued, and HQ, when the result is pushed, ask the same RecheckPolicy; each words the
// refusal for its own readers from the same code.
enum class RecheckRefusal {
    None,
    UnknownUnit,        // "unknown_unit"
    ForbiddenRole,      // "forbidden_role": only an inspector or a leader re-checks on site
    OutOfScope,         // "out_of_scope": not a unit of the person's group
    ConflictOfInterest, // "conflict_of_interest": the person's home unit (回避)
    UnknownRecheck,     // "unknown_recheck": no such assignment
    NotAssigned,        // "not_assigned": the re-check belongs to another group or unit
    ReasonRequired,     // "reason_required": 未到位 without notes saying what is missing
    InvalidInput,       // "invalid_input": notes too long
};
QString recheckRefusalCode(RecheckRefusal refusal);

// Who may record a result for which re-check: an inspector or leader of the group HQ
// assigned it to, for a unit that group covers, never their home unit.
class RecheckPolicy
{
public:
    static constexpr int kMaxNotes = 4000;

    // `scopeUnits`: the units the person's role covers (rolescope.h). Referenced, not copied.
    RecheckPolicy(const CampaignSetup &setup, const Person &person, const QSet<QString> &scopeUnits);

    // `recheck`: the assignment the result names, or null when it is not known here.
    RecheckRefusal decide(const RecheckResult &result, const Recheck *recheck) const;
    // The words for a refusal, the same on the tablet and in HQ's answer.
    QString message(RecheckRefusal refusal, const RecheckResult &result) const;

private:
    const CampaignSetup &m_setup;
    const Person &m_person;
    const QSet<QString> &m_scope;
};

} // namespace onsite
