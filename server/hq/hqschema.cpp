#include "hqschema.h"

namespace onsite::hq {

namespace {

const char *const kSyncTables = R"SQL(
CREATE TABLE hq_accounts (
    account TEXT PRIMARY KEY REFERENCES people(account),
    password_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE hq_devices (
    device_id TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES people(account),
    device_name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT
);
CREATE TABLE hq_push_state (
    device_id TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
CREATE TABLE hq_push_results (
    device_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE TABLE hq_sync_counter (
    id INTEGER PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO hq_sync_counter (id, last_seq) VALUES (1, 0);
CREATE TABLE hq_changes (
    seq BIGINT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    op TEXT NOT NULL,
    data TEXT NOT NULL,
    account TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX hq_changes_by_unit ON hq_changes (unit_code, seq);
CREATE TABLE hq_record_clocks (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
);
CREATE TABLE hq_conflicts (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    device_id TEXT NOT NULL,
    account TEXT NOT NULL,
    hlc TEXT NOT NULL,
    data TEXT NOT NULL,
    winner_hlc TEXT NOT NULL,
    winner_device TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE hq_photo_blobs (
    sha256 TEXT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    mime_type TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
)SQL";

// ChangeFeed::latest (deletes and conflicts) asks for a record's newest change, which
// meant walking the feed backwards: slower with every change HQ keeps. The record's clock
// row now names that change. A row beside the clock rather than an index on the feed:
// the row is written anyway, another random-key index would slow every push.
// The temporary index only makes the backfill of existing rows fast.
const char *const kRecordChangeSeq = R"SQL(
ALTER TABLE hq_record_clocks ADD COLUMN change_seq BIGINT;
CREATE INDEX hq_changes_backfill ON hq_changes (entity, entity_id, seq);
UPDATE hq_record_clocks SET change_seq = (
    SELECT MAX(c.seq) FROM hq_changes c
    WHERE c.entity = hq_record_clocks.entity AND c.entity_id = hq_record_clocks.entity_id);
DROP INDEX hq_changes_backfill;
)SQL";

} // namespace

const MigrationSet &hqMigrationSet()
{
    static const MigrationSet set{
        QStringLiteral("hq_schema_meta"),
        {{1, QStringLiteral("accounts, devices, push and pull bookkeeping, photos"),
          QString::fromUtf8(kSyncTables)},
         {2, QStringLiteral("each record's clock names its latest change"),
          QString::fromUtf8(kRecordChangeSeq)}}};
    return set;
}

void migrateHqDatabase(SqlConnection &connection)
{
    migrateSchema(connection);
    migrateSchema(connection, hqMigrationSet());
}

} // namespace onsite::hq
