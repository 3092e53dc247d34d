#pragma once

#include "domain/followup.h"
#include "store/sqlconnection.h"

#include <optional>
#include <vector>

namespace onsite::sync {

// A photo on the device: its record id and the content's name in the photos folder.
struct LocalPhoto
{
    QString id;
    QString sha256; // empty when the record's content is not on this device
};

// A result as this device holds it, with where it stands on its way to HQ.
struct LocalRecheckResult
{
    RecheckResult result;
    QString syncState;   // outboxstate (pending, applied, rejected, conflict); empty: pulled from HQ
    QString syncMessage; // HQ's refusal, for a rejected one
    QString authorName;  // the recording person's name (the account when unknown)
    std::vector<LocalPhoto> photos; // result.photoIds with their content
};

struct LocalRecheck
{
    Recheck recheck;
    std::vector<LocalRecheckResult> results; // by recording time
};

// Reads the re-checks (回头看) the device pulled, and the results recorded for them here
// or by teammates. Writing goes through FieldRecorder.
class LocalRechecks
{
public:
    explicit LocalRechecks(SqlConnection &db) : m_db(db) {}

    std::optional<Recheck> find(const QString &id) const;
    // One unit's re-checks (all units when `unitCode` is empty), newest assignment first.
    std::vector<LocalRecheck> forUnit(const QString &unitCode) const;
    // The unit's photos on this device, oldest first: what a result may attach.
    std::vector<LocalPhoto> unitPhotos(const QString &unitCode) const;

private:
    std::vector<LocalRecheckResult> resultsOf(const QString &recheckId) const;

    SqlConnection &m_db;
};

} // namespace onsite::sync
