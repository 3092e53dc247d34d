#pragma once

#include "store/migrations.h"
#include "store/sqlconnection.h"

namespace onsite::hq {

// Tables only the HQ service has (accounts, devices, push bookkeeping, the change
// feed, conflicts, photo blobs), versioned apart from the core schema. A step may differ
// by engine (`postgres`); its number and meaning do not.
const MigrationSet &hqMigrationSet(bool postgres = false);

// Brings both the core and the HQ schema up to date.
void migrateHqDatabase(SqlConnection &connection);

} // namespace onsite::hq
