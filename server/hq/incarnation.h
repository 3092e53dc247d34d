#pragma once

#include "store/sqlconnection.h"

#include <QDateTime>
#include <QString>

namespace onsite::hq {

// HQ's incarnation (protocol.h, kIncarnationKey): one random id in `hq_incarnation`
// (HQ schema 7), made the first time the database is opened and replaced by
// `onsite-hq after-restore`. Devices compare it with the id they last synced with: a new
// one tells them the database was put back from a backup, so they re-send their own
// records and pull everything again.
class Incarnation
{
public:
    // The current id; makes one if the database has none yet (a new or upgraded
    // database). Several processes starting at once agree on one id.
    static QString ensure(SqlConnection &db);
    // The current id, or empty if none was made yet. One read of a one-row table.
    static QString current(SqlConnection &db);
    // Replaces the id with a new random one (after a restore); returns it.
    static QString renew(SqlConnection &db, const QDateTime &now);
    // When the current id was made (invalid if none).
    static QDateTime startedAt(SqlConnection &db);
};

} // namespace onsite::hq
