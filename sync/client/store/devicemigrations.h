#pragma once

#include "store/migrations.h"

namespace onsite::sync {

// The device's own tables (outbox, sync state, scope, photo uploads), versioned in
// `device_schema_meta` beside the core schema, so the device evolves on its own.
const MigrationSet &deviceMigrationSet();

} // namespace onsite::sync
