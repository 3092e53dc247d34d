#pragma once

#include "client/store/outbox.h"
#include "client/transport/syncerror.h"

#include <QStringList>

#include <vector>

namespace onsite::sync {

// What one sync did, for the status line and the CLI summary.
struct SyncSummary
{
    bool ok = false;
    SyncError error;
    int photosUploaded = 0;
    int pushed = 0;    // mutations sent
    int applied = 0;   // accepted by the server (or already there)
    int rejected = 0;
    int conflicts = 0;
    int renumbered = 0; // HQ held other content under these numbers (restored or copied folder): sent again as new
    int pulled = 0;    // changes from the server written here (including deletes)
    int keptLocal = 0; // pulled changes that gave way to an unsynced local edit
    bool hqRestored = false; // HQ answered with a new incarnation: restored from a backup
    int resent = 0;          // own records queued again for HQ after its restore
    bool setupRefreshed = false;
    QStringList removedUnits; // access lost: their data left the device
    std::vector<OutboxEntry> problems; // rejected and conflicting mutations of this sync, with reasons
};

} // namespace onsite::sync
