#pragma once

#include "policy/scorepolicy.h"

#include "domain/campaignsetup.h"
#include "domain/followup.h"
#include "domain/scoreentry.h"
#include "scoring/scoreinput.h"
#include "store/sqlconnection.h"

#include <QSet>
#include <QStringList>

#include <memory>
#include <vector>

namespace onsite::sync {

class SetupCache;

// What the signed-in person may record on this device, checked before anything is
// written so a mistake is caught on site rather than rejected days later at HQ. The
// server checks again; these are the same rules (scope, 回避, method, final values).
class FieldRules
{
public:
    FieldRules(CampaignSetup setup, Person me, QStringList scopeUnits);
    // The set-up, person and scope this device received at sign-in. Throws FieldError
    // before the first login. The person and scope are read each time; with `setups`,
    // the set-up is shared with earlier loads while its stamp is unchanged.
    static FieldRules load(SqlConnection &db, SetupCache *setups = nullptr);

    const CampaignSetup &setup() const { return *m_setup; }
    const Person &me() const { return m_me; }
    const QStringList &scopeUnits() const { return m_scope; }
    QSet<QString> scopeSet() const { return QSet<QString>(m_scope.cbegin(), m_scope.cend()); }

    struct UnitChoice
    {
        const Unit *unit = nullptr;
        bool conflictOfInterest = false; // the person's home unit: shown locked (回避)
    };
    // Units the person scores: a rater's group units, all of them for HQ (final values).
    std::vector<UnitChoice> unitsToAssess() const;

    // Each throws FieldError with a Chinese message naming what is wrong.
    const Unit &requireUnit(const QString &code) const; // known and in scope
    const Indicator &requireItem(const QString &code) const; // a level-2 item
    const Site &requireSite(const QString &code) const; // of a unit in scope
    void requireFieldWorker() const; // someone who records field work (not a liaison)
    // Checks a score completely (ScorePolicy, shared with HQ) and returns what the
    // input is worth; `unitLocked`: the unit is submitted; `checkIns`: the person's
    // check-ins at the unit's sites, for a campaign that asks for them.
    ItemValue checkScore(const QString &unit, const QString &indicator, const QString &input, ScoreKind kind,
                         const QString &reason, bool unitLocked = false,
                         const std::optional<CheckInEvidence> &checkIns = std::nullopt) const;
    // Checks a re-check result (RecheckPolicy, shared with HQ); `recheck` is the pulled
    // assignment it names, or null when the device does not hold it.
    void checkRecheckResult(const RecheckResult &result, const Recheck *recheck) const;

private:
    FieldRules(std::shared_ptr<const CampaignSetup> setup, Person me, QStringList scopeUnits);

    std::shared_ptr<const CampaignSetup> m_setup; // shared, never changed: copies are cheap
    Person m_me;
    QStringList m_scope;
};

} // namespace onsite::sync
