#pragma once

#include "domain/fieldwork.h"
#include "domain/followup.h"
#include "domain/scoreentry.h"
#include "policy/fieldrecordpolicy.h"
#include "sqlconnection.h"

#include <optional>
#include <vector>

namespace onsite {

// The one mapping between the synced records and their rows in the core schema (scores,
// visits, photos, findings, highlights, submissions, re-checks and their results), for the
// device and HQ alike: a record is written straight from its domain struct, and read back
// into it. Every write is an upsert of the record's id (SQLite and PostgreSQL alike).
class FieldRecordRows
{
public:
    explicit FieldRecordRows(SqlConnection &db) : m_db(db) {}

    // The table of an entity ("" for one this mapping does not know).
    static QString tableOf(const QString &entity);

    // A score as the device keeps it: a row under another id with the same (unit, item,
    // account, kind) is an older copy of the same score and gives way; updated_at is the
    // recording time.
    void write(const ScoreEntry &score);
    // A score under its own id, last changed at `updatedAt` (HQ: when it was applied);
    // `replace` false: only a new one (a repeated id fails, as in an import batch).
    void writeScore(const ScoreEntry &score, const QString &updatedAt, bool replace = true);
    void write(const Visit &visit);
    void write(const PhotoEvidence &photo);
    void write(const Finding &finding); // with the photos it shows
    void write(const Highlight &highlight);
    void write(const UnitSubmission &submission); // one row per unit (UnitSubmissions)
    void write(const Recheck &recheck);
    void write(const RecheckResult &result); // with the photos it shows
    // Removes the record and the links to it (a finding's or a result's photos).
    void remove(const QString &entity, const QString &id);

    std::optional<Visit> visit(const QString &id) const;
    // The account's visits at sites of the unit (every unit when `unitCode` is empty).
    std::vector<Visit> visitsOf(const QString &account, const QString &unitCode = {}) const;
    std::optional<Finding> finding(const QString &id) const;
    std::optional<Highlight> highlight(const QString &id) const;
    // Every finding and highlight, by time recorded then id, read in one go. A finding's
    // photos here are those it names that are stored: it can name photos not received yet.
    std::vector<Finding> findings() const;
    std::vector<Highlight> highlights() const;
    // Id of the stored score with this key, or empty.
    QString scoreIdFor(const QString &unit, const QString &indicator, const QString &account,
                       ScoreKind kind) const;
    // The author of a stored record (a re-check's: who assigned it), or empty.
    QString ownerOf(const QString &entity, const QString &id) const;
    // What the deletion and change rules look at (FieldRecordPolicy), or nothing when the
    // record is not stored. `unitCode`: where the record is filed, when the caller knows.
    std::optional<StoredRecord> stored(const QString &entity, const QString &id) const;
    // The same facts for a record known from elsewhere (HQ's change feed).
    StoredRecord describe(const QString &entity, const QString &id, const QString &unitCode,
                          const QString &author) const;

private:
    SqlConnection &m_db;
};

QString scoreKindKey(ScoreKind kind); // "rater" / "final", as stored and sent

} // namespace onsite
