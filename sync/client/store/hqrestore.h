#pragma once

#include "store/sqlconnection.h"

#include <QDateTime>
#include <QString>

namespace onsite::sync {

// What the device did when it found HQ restored from a backup.
struct HqRestoreOutcome
{
    int resent = 0;  // own records queued again
    int photos = 0;  // photo contents to check with HQ again
};

// HQ's incarnation (protocol.h) as the device last synced with it, and what the device
// does when HQ answers with another one: HQ's database was put back from a backup, so it
// may lack changes it acknowledged after the backup, and its change numbers after the
// backup's are handed out again. In one transaction the device then
// - queues again, under new numbers and with their original clocks, the last acknowledged
//   version of every record this account made here (deletes included), and gives its
//   waiting changes numbers after them, so HQ sees them in the order they were made;
//   pushes of these carry `resend`, and HQ answers what it still holds instead of
//   applying it twice (a later edit made elsewhere still wins by its clock);
// - marks the photos of those records to be checked with HQ again (the uploader asks HQ
//   what it has and sends only what is missing);
// - sets the pull cursor to 0: everything is pulled again; records queued above are
//   waiting, so a pulled older version never replaces them;
// - keeps every record and outbox row it has.
// An HQ that sends no incarnation (older than this) never causes any of it.
class HqRestore
{
public:
    explicit HqRestore(SqlConnection &db) : m_db(db) {}

    QString incarnation() const;
    // What to do with the incarnation an answer carried: true if HQ was restored and
    // the device just recovered (then `outcome` says how); false if the id is empty
    // (an older HQ), the first one seen (stored) or the known one.
    bool adopt(const QString &seen, HqRestoreOutcome *outcome = nullptr);

    // Re-queues, resets the cursor and stores `incarnation`, in one transaction.
    HqRestoreOutcome recover(const QString &incarnation);

    // Signing in as someone else or to another HQ: rows before now are not this
    // account's at this HQ, so a later restore never re-sends them; the id is forgotten.
    void forgetForNewIdentity();

    // For the status line: when the device noticed the restore, how many records it
    // queued again, and how many rows marked for re-sending still wait.
    QDateTime noticedAt() const;
    int resentCount() const;
    int resendPending() const;

private:
    SqlConnection &m_db;
};

} // namespace onsite::sync
