#pragma once

#include "domain/campaignsetup.h"
#include "domain/fieldwork.h"
#include "domain/scoreentry.h"
#include "scoring/scoreinput.h"

#include <QSet>
#include <QString>

#include <optional>
#include <vector>

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
    // Proof of presence, when the campaign asks for it (PresenceRule) — rater scores only:
    CheckInRequired,   // "check_in_required": no check-in of the rater at a site of the unit
    CheckInNoPosition, // "check_in_no_position": checked in, but never with a position fix
    CheckInTooFar,     // "check_in_too_far": every check-in was farther than the radius
};
QString scoreRefusalCode(ScoreRefusal refusal);

// The rater's own check-ins at sites of a unit, as the caller found them in its store
// (checkInEvidence() builds it from the visits, so device and HQ measure alike).
struct CheckInEvidence
{
    int checkIns = 0;
    std::optional<double> nearestMeters; // the nearest check-in that had a fix
    // A check-in at a site without coordinates: nothing to measure against, so it counts.
    bool atSiteWithoutCoordinates = false;
};

// `visits` may hold anyone's visits anywhere; only `account`'s at sites of `unitCode` count.
CheckInEvidence checkInEvidence(const CampaignSetup &setup, const QString &unitCode, const QString &account,
                                const std::vector<Visit> &visits);

struct ScoreRequest
{
    QString unitCode;
    QString indicatorCode;
    QString input;
    ScoreKind kind = ScoreKind::Rater;
    QString reason;
    // The device and the sync API always give the rater's check-ins. A paper score (补录:
    // written on paper at the site, entered at HQ) has none and gives none: then the
    // presence rule is not applied.
    std::optional<CheckInEvidence> checkIns;
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
    // `groupUnits`, when given: the units the person's group assesses, as a set (HQ makes it
    // once per push; CampaignSetup::assesses scans the group's list, thousands of codes).
    ScorePolicy(const CampaignSetup &setup, const Person &person, const QSet<QString> &scopeUnits,
                const QSet<QString> *groupUnits = nullptr);

    // The units `person`'s group assesses (empty for HQ and liaisons), for the constructor.
    static QSet<QString> groupUnitsOf(const CampaignSetup &setup, const Person &person);

    ScoreDecision decide(const ScoreRequest &request, bool unitLocked) const;
    // The words for a refusal, the same on the tablet and in HQ's answer.
    QString message(const ScoreDecision &decision, const ScoreRequest &request) const;

    // The campaign's presence rule alone, for a rater score with these check-ins.
    static ScoreRefusal presenceRefusal(const PresenceRule &rule, const CheckInEvidence &checkIns);

private:
    const CampaignSetup &m_setup;
    const Person &m_person;
    const QSet<QString> &m_scope;
    const QSet<QString> *m_groupUnits;

    bool assesses(const QString &unitCode) const;
};

} // namespace onsite
