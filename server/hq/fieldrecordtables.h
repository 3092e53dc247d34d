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

// The table of each field-record entity ("" for an unknown entity).
QString fieldRecordTable(const QString &entity);

// Reads and writes the field-record tables of the core schema.
class FieldRecordTables
{
public:
    FieldRecordTables(SqlConnection &connection, const CampaignSetup &setup) : m_db(connection), m_setup(setup) {}

    // Shape and references (site, unit, indicator, visit, photo content). On failure
    // sets a reason code and a message for people.
    std::optional<FieldRecord> parse(const QString &entity, const QString &id, const QJsonObject &data,
                                     QString *reason, QString *message);
    QString ownerOf(const QString &entity, const QString &id);
    // The account's visits at sites of the unit (for the presence rule).
    std::vector<Visit> visitsOf(const QString &account, const QString &unitCode);
    void write(const FieldRecord &record, bool exists);

private:
    bool checkSiteAndIndicator(const QString &unitCode, const QString &siteCode, const QString &indicatorCode,
                               QString *reason, QString *message) const;
    void writeVisit(const Visit &visit, bool exists);
    void writePhoto(const PhotoEvidence &photo, bool exists);
    void writeFinding(const Finding &finding, bool exists);
    void writeHighlight(const Highlight &highlight, bool exists);
    void writeRecheck(const Recheck &recheck, bool exists);
    void writeRecheckResult(const RecheckResult &result, bool exists);

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
};

} // namespace onsite::hq
