#include "client/store/devicemigrations.h"

namespace onsite::sync {

namespace {

const char *const kSyncTables = R"SQL(
CREATE TABLE outbox (
    seq BIGINT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL,
    hlc TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'rejected', 'conflict')),
    reason TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    resolved_at TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, seq);
CREATE INDEX outbox_by_record ON outbox (entity, entity_id, state);
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE scope_units (
    unit_code TEXT PRIMARY KEY
);
CREATE TABLE photo_uploads (
    sha256 TEXT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    mime_type TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    failure TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
)SQL";

} // namespace

const MigrationSet &deviceMigrationSet()
{
    static const MigrationSet set{QStringLiteral("device_schema_meta"),
                                  {{1, QStringLiteral("outbox, sync state, scope, photo uploads"),
                                    QString::fromUtf8(kSyncTables)},
                                   {2, QStringLiteral("drafts of fields typed but not yet saved"),
                                    QStringLiteral("CREATE TABLE IF NOT EXISTS field_drafts ("
                                                   " account TEXT NOT NULL,"
                                                   " draft_key TEXT NOT NULL,"
                                                   " text TEXT NOT NULL,"
                                                   " saved_at TEXT NOT NULL,"
                                                   " PRIMARY KEY (account, draft_key))")}}};
    return set;
}

} // namespace onsite::sync
