#pragma once

#include "domain/campaignsetup.h"
#include "domain/fieldwork.h"
#include "store/sqlconnection.h"

#include <QStringList>

#include <optional>

namespace onsite {

// The unit_submissions table, shared by HQ and the device: one row per unit saying
// whether the group leader's submission (提交) currently locks its scores.
class UnitSubmissions
{
public:
    explicit UnitSubmissions(SqlConnection &connection) : m_db(connection) {}

    std::optional<UnitSubmission> find(const QString &unitCode) const;
    bool isLocked(const QString &unitCode) const;
    QStringList lockedUnits() const;

    // Writes the unit's row under `submission.id`, replacing a row the unit had under
    // another id (two leaders may submit the same unit from two devices).
    void write(const UnitSubmission &submission);
    void remove(const QString &id);

    // Level-2 items of the set-up with neither a rater score nor a final value for
    // the unit: what makes a submission incomplete.
    QStringList unscoredItems(const CampaignSetup &setup, const QString &unitCode) const;

private:
    SqlConnection &m_db;
};

} // namespace onsite
