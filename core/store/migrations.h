#pragma once

#include "sqlconnection.h"

#include <QString>

#include <vector>

namespace onsite {

struct Migration
{
    int version;         // the schema version after this step
    QString description;
    QString sql;         // portable DDL/DML, ';'-separated
};

// An ordered list of steps with the table that records how far a database got.
// The core schema is one set; the HQ service and the device add their own tables as
// further sets, each versioned on its own.
struct MigrationSet
{
    QString metaTable;
    std::vector<Migration> steps;
};

int schemaVersion(SqlConnection &connection, const MigrationSet &set);
void migrateSchema(SqlConnection &connection, const MigrationSet &set, int targetVersion = -1);

// Every step from an empty database to the current schema, in order. Steps are never
// edited once released; a change to the schema is a new step.
const std::vector<Migration> &schemaMigrations();
int latestSchemaVersion();

// The version recorded in the database (0 for an empty one).
int schemaVersion(SqlConnection &connection);

// Applies the missing steps up to `targetVersion` (default: latest), each in its own
// transaction together with the new version number. Throws SqlError when the
// database is newer than this build, so an old build never touches it.
void migrateSchema(SqlConnection &connection, int targetVersion = -1);

} // namespace onsite
