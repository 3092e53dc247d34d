#pragma once

// The fault suite's checker (Jepsen's set-checker idea): after the faults, what each
// device holds as acknowledged is compared, change by change, with what HQ stored.

#include "store/sqlconnection.h"

#include <QString>
#include <QStringList>

namespace onsite::test {

struct FaultTally
{
    int acknowledged = 0; // the device's outbox entries HQ answered `applied`
    int unresolved = 0;   // entries still pending, or refused or in conflict (none expected)
    int lost = 0;         // acknowledged at the device, absent from HQ's change feed
    int duplicated = 0;   // in HQ's feed for the account but not one acknowledged entry (applied twice, or unasked)
    int diverged = 0;     // records (scores, findings) whose stored value differs between device and HQ
    QStringList examples; // a few of the differences, for the failure message

    FaultTally &operator+=(const FaultTally &other);
};

// One device's scores and findings, written as `account`, against HQ's change feed and
// tables; and the device's view of `units` (everyone's records) against HQ's.
FaultTally checkDevice(SqlConnection &device, SqlConnection &hq, const QString &account, const QStringList &units);

// PRAGMA integrity_check of a device database: "ok" when intact.
QString integrityOf(SqlConnection &device);

} // namespace onsite::test
