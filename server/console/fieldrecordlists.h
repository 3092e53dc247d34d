#pragma once

#include "policy/consoleaccess.h"
#include "store/sqlconnection.h"

#include <QJsonArray>
#include <QString>

namespace onsite::console {

// Filters of GET /api/v1/hq/findings; empty means any.
struct FindingFilter
{
    QString unit;
    QString kind; // 问题 / 短板 / 弱项
    QString indicator;
    QString group;
    QString text; // q: part of the description or suggestion, case-insensitive
};

// Findings and highlights of the units the caller may see, newest first
// (docs/API.md shapes), for the lists and for one unit's evidence.
class FieldRecordLists
{
public:
    FieldRecordLists(SqlConnection &db, const CampaignSetup &setup, const ConsoleAccess &access)
        : m_db(db), m_setup(setup), m_access(access)
    {
    }

    QJsonArray findings(const FindingFilter &filter);
    QJsonArray highlights(const QString &unit = {});

private:
    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    const ConsoleAccess &m_access;
};

} // namespace onsite::console
