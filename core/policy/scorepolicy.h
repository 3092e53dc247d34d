#pragma once

#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"
#include "scoring/scoreinput.h"

#include <QSet>
#include <QString>

#include <optional>

namespace onsite {

// Why a score may not be recorded. The device (before anything is queued), the HQ
// sync API and every write HQ makes itself ask the same ScorePolicy; each words the
// refusal for its own readers from the same code.
enum class ScoreRefusal {
    None,
    UnknownUnit,        // "unknown_unit"
    UnknownIndicator,   // "unknown_indicator": not a level-2 item
    ForbiddenRole,      // "forbidden_role": a liaison records no scores
    OutOfScope,         // "out_of_scope": not a unit of the person's scope or group
    ConflictOfInterest, // "conflict_of_interest": the person's home unit (回避)
    NotRater,           // "not_rater": HQ and liaisons give no rater scores
    NotLeader,          // "not_leader": final values only by a leader or HQ
    ReasonRequired,     // "reason_required": a final value without its reason
    UnitLocked,         // "unit_locked": submitted, and the person is no leader
    LockedNeedsReason,  // "reason_required": submitted; a leader's change needs a reason
    InvalidInput,       // "invalid_input": the input is not valid for the item's method
};
QString scoreRefusalCode(ScoreRefusal refusal);

struct ScoreRequest
{
    QString unitCode;
    QString indicatorCode;
    QString input;
    ScoreKind kind = ScoreKind::Rater;
    QString reason;
};

struct ScoreDecision
{
    ScoreRefusal refusal = ScoreRefusal::None;
    const Unit *unit = nullptr;        // set once the unit is known
    const Indicator *item = nullptr;   // set once the item is known
    std::optional<ItemValue> value;    // what the input is worth, when allowed
    QString inputError;                // for InvalidInput: what is wrong with the input

    bool allowed() const { return refusal == ScoreRefusal::None; }
    QString code() const { return scoreRefusalCode(refusal); }
};

// Who may record which score (DOMAIN.md §Roles, 回避, submission lock, methods).
class ScorePolicy
{
public:
    // `scopeUnits`: the units the person's role covers (rolescope.h). All three are
    // referenced, not copied: a policy is made per decision, often per pushed record.
    ScorePolicy(const CampaignSetup &setup, const Person &person, const QSet<QString> &scopeUnits);

    ScoreDecision decide(const ScoreRequest &request, bool unitLocked) const;

private:
    const CampaignSetup &m_setup;
    const Person &m_person;
    const QSet<QString> &m_scope;
};

} // namespace onsite
