#pragma once

#include <QJsonObject>
#include <QString>

namespace onsite::bench {

// What the device folder holds, and whether its database is sound: opened as the app
// opens it (FieldWorkspace: the encrypted store with its key), `PRAGMA
// integrity_check`, and the rows the app shows (units in scope, sites, scores). The
// benchmark runs it before measuring, so a figure is never taken on a damaged or
// half-pulled store. {integrity: "ok" or SQLite's findings, scores, units, sites,
// account, database_bytes, wal_bytes}. Throws what FieldWorkspace throws.
QJsonObject checkDevice(const QString &folder);

} // namespace onsite::bench
