#pragma once

#include "policy/consoleaccess.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QJsonObject>

namespace onsite::console {

// GET /api/v1/hq/progress and /charts/progress: how far the assessment has come, per
// unit the caller may see, from a handful of grouped queries (not one per unit).
class ProgressReport
{
public:
    ProgressReport(SqlConnection &db, const CampaignSetup &setup, const ConsoleAccess &access)
        : m_db(db), m_setup(setup), m_access(access)
    {
    }

    // {"generated_at","units":[…],"devices":[…]} (docs/API.md)
    QJsonObject progress(const QDateTime &now);
    // {"days":[{"date","scored_entries","submitted_units"}]}, cumulative, one row per
    // day on which something changed.
    QJsonObject daily();

private:
    QJsonArray devices();

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    const ConsoleAccess &m_access;
};

} // namespace onsite::console
