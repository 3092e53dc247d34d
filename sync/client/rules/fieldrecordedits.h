#pragma once

#include "client/store/hybridclock.h"
#include "domain/fieldwork.h"
#include "policy/fieldrecordpolicy.h"
#include "store/sqlconnection.h"

namespace onsite::sync {

class FieldRules;

// Changes and deletes of what an inspector recorded on site: visits, findings,
// highlights and photos. Only one's own, only while the unit is not submitted (提交 locks
// what the leader submitted): FieldRecordPolicy, the rule HQ applies to the same push. A
// change is an upsert of the same id; a delete removes the row and queues a tombstone,
// both with the outbox in one transaction, like FieldRecorder.
// Every method throws FieldError (refused, nothing written) or SqlError.
class FieldRecordEdits
{
public:
    explicit FieldRecordEdits(SqlConnection &db, HybridClock clock = HybridClock());

    // `draft` carries kind, description, suggestion, indicator and photo ids; unit, site,
    // author and time stay those of the finding.
    Finding updateFinding(const QString &id, Finding draft);
    Highlight updateHighlight(const QString &id, const QString &title, const QString &description);
    // entity: "visit", "finding", "highlight" or "photo". A visit with photos stays, and so
    // does a photo that is evidence of a re-check result; a finding that showed a deleted
    // photo no longer lists it.
    void remove(const QString &entity, const QString &id);

private:
    StoredRecord requireAllowed(const FieldRules &rules, const QString &entity, const QString &id,
                                bool deleting) const;

    SqlConnection &m_db;
    HybridClock m_clock;
};

} // namespace onsite::sync
