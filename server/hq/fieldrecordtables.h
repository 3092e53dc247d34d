#pragma once

#include "domain/campaignsetup.h"
#include "domain/fieldwork.h"
#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <QJsonObject>

#include <optional>
#include <variant>
#include <vector>

namespace onsite::hq {

// A visit, photo, finding, highlight, re-check or re-check result as pushed (or written by
// HQ), checked against the set-up.
struct FieldRecord
{
    QString entity;
    QString id;
    QString unitCode;
    QString account;
    QJsonObject json; // normalized, as the change feed carries it
    std::variant<Visit, PhotoEvidence, Finding, Highlight, Recheck, RecheckResult> value;
};

// Checks pushed field records against the set-up and the stored check-in, and writes them
// through the shared record↔row mapping (FieldRecordRows, core/store).
class FieldRecordTables
{
public:
    FieldRecordTables(SqlConnection &connection, const CampaignSetup &setup) : m_db(connection), m_setup(setup) {}

    // Shape and references (site, unit, indicator, visit, photo content). On failure
    // sets a reason code and a message for people.
    std::optional<FieldRecord> parse(const QString &entity, const QString &id, const QJsonObject &data,
                                     QString *reason, QString *message);
    void write(const FieldRecord &record);

private:
    bool checkSiteAndIndicator(const QString &unitCode, const QString &siteCode, const QString &indicatorCode,
                               QString *reason, QString *message) const;

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
};

} // namespace onsite::hq
