#pragma once

#include "policy/consoleaccess.h"
#include "store/sqlconnection.h"

#include <QJsonArray>
#include <QJsonObject>

namespace onsite::console {

// GET /api/v1/hq/units/{code}: everything behind one unit's result. Each item shows
// every rater's input and the points it earns, which of them trimming dropped (one
// lowest and one highest value), and the final value with its reason and author;
// then visits, photos, findings and highlights. The caller must be allowed the unit.
class UnitEvidence
{
public:
    UnitEvidence(SqlConnection &db, const CampaignSetup &setup, const ConsoleAccess &access)
        : m_db(db), m_setup(setup), m_access(access)
    {
    }

    QJsonObject build(const Unit &unit, const QJsonObject &result);

private:
    QJsonArray items(const Unit &unit, const QJsonObject &result);
    QJsonArray visits(const QString &unitCode);
    QJsonArray photos(const QString &unitCode);

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    const ConsoleAccess &m_access;
};

} // namespace onsite::console
