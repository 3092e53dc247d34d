#pragma once

#include "domain/person.h"

#include <QSet>
#include <QString>

namespace onsite {

// Why a stored record may not be deleted, or an existing one changed. The device
// (FieldRecorder, FieldRecordEdits), before anything is queued, and HQ (RecordWriter),
// when the change or tombstone is pushed, ask the same FieldRecordPolicy.
enum class RecordRefusal
{
    None,
    ForbiddenRole,      // "forbidden_role": a liaison changes no field records
    OutOfScope,         // "out_of_scope": not a unit of the person's scope
    ConflictOfInterest, // "conflict_of_interest": the person's home unit (回避)
    NotOwner,           // "not_owner": only the author changes or deletes a record
    UnitLocked,         // "unit_locked": the unit is submitted; what it holds stays
    VisitHasPhotos,     // "not_deletable": a visit whose photos are evidence
    RecheckEvidence,    // "not_deletable": a photo shown by a re-check result
    NeverDeleted,       // "not_deletable": submissions (reopen instead) and re-checks
    UnitChanged,        // "unit_changed": a record stays with the unit it was made for
};
QString recordRefusalCode(RecordRefusal refusal);

// What the policy needs to know of the stored record.
struct StoredRecord
{
    QString entity; // "score", "visit", "photo", "finding", "highlight", "submission", …
    QString unitCode;
    QString author;
    bool unitLocked = false;
    bool visitHasPhotos = false;  // for a visit
    bool recheckEvidence = false; // for a photo
};

class FieldRecordPolicy
{
public:
    // `scopeUnits`: the units the person's role covers (rolescope.h). Referenced, not copied.
    FieldRecordPolicy(const Person &person, const QSet<QString> &scopeUnits);

    // A tombstone: scores until the unit is submitted; visits, photos, findings and
    // highlights by their author until then (a visit without photos, a photo no re-check
    // result shows); submissions, re-checks and their results never.
    RecordRefusal decideDelete(const StoredRecord &record) const;
    // A new version of an existing record by `author` for `unitCode` (`record`: the stored
    // one): its author's, for the same unit, and photos, findings and highlights only
    // while the unit is open.
    RecordRefusal decideChange(const StoredRecord &record, const QString &author,
                               const QString &unitCode) const;

    // The words for a refusal, the same on the tablet and in HQ's answer.
    static QString message(RecordRefusal refusal, const StoredRecord &record);

private:
    RecordRefusal scopeRefusal(const StoredRecord &record) const;

    const Person &m_person;
    const QSet<QString> &m_scope;
};

} // namespace onsite
