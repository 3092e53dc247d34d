#include "hqschema.h"

#include "store/postgresconnection.h"

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

// Push state belonged to a device id alone: a second account logging in with the same
// id, or a device folder restored from a backup, shared or reused its numbers, and a
// reused number was answered as a replay although HQ never stored that content. State,
// results and tokens now belong to (account, device), and each result keeps a digest of
// the mutation it answered, so a replay is proven to carry the same content.
const char *const kPushStatePerAccountDevice = R"SQL(
CREATE TABLE hq_devices_v3 (
    account TEXT NOT NULL REFERENCES people(account),
    device_id TEXT NOT NULL,
    device_name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT,
    PRIMARY KEY (account, device_id)
);
INSERT INTO hq_devices_v3 (account, device_id, device_name, token_hash, created_at, expires_at, last_seen_at, revoked_at)
    SELECT account, device_id, device_name, token_hash, created_at, expires_at, last_seen_at, revoked_at FROM hq_devices;
DROP TABLE hq_devices;
ALTER TABLE hq_devices_v3 RENAME TO hq_devices;
CREATE TABLE hq_push_state_v3 (
    account TEXT NOT NULL,
    device_id TEXT NOT NULL,
    last_seq BIGINT NOT NULL,
    PRIMARY KEY (account, device_id)
);
INSERT INTO hq_push_state_v3 (account, device_id, last_seq)
    SELECT d.account, s.device_id, s.last_seq FROM hq_push_state s JOIN hq_devices d ON d.device_id = s.device_id;
DROP TABLE hq_push_state;
ALTER TABLE hq_push_state_v3 RENAME TO hq_push_state;
CREATE TABLE hq_push_results_v3 (
    account TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    digest TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (account, device_id, seq)
);
INSERT INTO hq_push_results_v3 (account, device_id, seq, digest, status, reason, message)
    SELECT d.account, r.device_id, r.seq, '', r.status, r.reason, r.message
    FROM hq_push_results r JOIN hq_devices d ON d.device_id = r.device_id;
DROP TABLE hq_push_results;
ALTER TABLE hq_push_results_v3 RENAME TO hq_push_results;
)SQL";

// The browser console (docs/API.md): a session is known at HQ only by the SHA-256 of its
// id, so a copy of the database cannot sign anyone in; the CSRF token is not a secret on
// its own (it is useless without the cookie) and is kept so a reload can be answered.
// A published results version is a frozen JSON snapshot, never updated: republishing
// adds a version.
const char *const kConsoleSessionsAndResultVersions = R"SQL(
CREATE TABLE hq_console_sessions (
    id_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES people(account),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    address TEXT NOT NULL
);
CREATE INDEX hq_console_sessions_by_account ON hq_console_sessions (account);
CREATE TABLE hq_result_versions (
    version INTEGER PRIMARY KEY,
    published_at TEXT NOT NULL,
    account TEXT NOT NULL,
    note TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
)SQL";

// Photo content belonged to whoever knew its hash. Now it belongs to the accounts that
// uploaded it; unfinished uploads are tracked per account for quotas and expiry. The
// authors of existing photo records are taken as their content's uploaders.
// Accounts can be disabled by HQ.
const char *const kPhotoOwnersAndDisabledAccounts = R"SQL(
CREATE TABLE hq_photo_uploaders (
    sha256 TEXT NOT NULL,
    account TEXT NOT NULL,
    PRIMARY KEY (sha256, account)
);
INSERT INTO hq_photo_uploaders (sha256, account)
    SELECT DISTINCT p.sha256, p.account FROM photos p JOIN hq_photo_blobs b ON b.sha256 = p.sha256;
CREATE TABLE hq_photo_uploads (
    sha256 TEXT NOT NULL,
    account TEXT NOT NULL,
    total BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (sha256, account)
);
ALTER TABLE hq_accounts ADD COLUMN disabled_at TEXT;
)SQL";

// The follow-up loop (docs/FOLLOWUP-API.md): the rectification ledger (整改台账) with the
// findings each item stands for, milestones (节点) and progress reports; which units' findings
// HQ released; liaisons' experiences and HQ's screening of them; innovation projects;
// demonstration sites' development. Every step is also a row of the keyed history.
const char *const kFollowUp = R"SQL(
CREATE TABLE hq_followup_releases (
    unit_code TEXT PRIMARY KEY REFERENCES units(code),
    released_at TEXT NOT NULL,
    released_by TEXT NOT NULL
);
CREATE TABLE hq_followup_items (
    id TEXT PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    unit_code TEXT NOT NULL REFERENCES units(code),
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    indicator_code TEXT,
    problem TEXT NOT NULL,
    suggestion TEXT NOT NULL,
    measures TEXT NOT NULL,
    responsible_person TEXT NOT NULL,
    deadline TEXT,
    state TEXT NOT NULL,
    return_reason TEXT NOT NULL,
    merged_into TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    reported_at TEXT,
    closed_at TEXT,
    closed_by TEXT
);
CREATE INDEX hq_followup_items_by_unit ON hq_followup_items (unit_code, number);
CREATE TABLE hq_followup_item_findings (
    finding_id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES hq_followup_items(id)
);
CREATE INDEX hq_followup_item_findings_by_item ON hq_followup_item_findings (item_id);
CREATE TABLE hq_followup_milestones (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES hq_followup_items(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    due TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX hq_followup_milestones_by_item ON hq_followup_milestones (item_id, position);
CREATE TABLE hq_followup_reports (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES hq_followup_items(id),
    account TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    text TEXT NOT NULL,
    for_closing INTEGER NOT NULL CHECK (for_closing IN (0, 1))
);
CREATE INDEX hq_followup_reports_by_item ON hq_followup_reports (item_id, reported_at);
CREATE TABLE hq_experience_submissions (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    account TEXT NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE TABLE hq_experience_reviews (
    ref TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    tags TEXT NOT NULL,
    account TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
CREATE TABLE hq_innovation_projects (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    bonus_indicator TEXT,
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    screened_by TEXT,
    screened_at TEXT
);
CREATE INDEX hq_innovation_projects_by_unit ON hq_innovation_projects (unit_code);
CREATE TABLE hq_demo_sites (
    site_code TEXT PRIMARY KEY REFERENCES sites(code),
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Files attached to a progress report, a submitted experience or a demo site; a file is
-- shown only to those who may see its owner's unit.
CREATE TABLE hq_followup_attachments (
    sha256 TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, sha256)
);
CREATE INDEX hq_followup_attachments_by_sha ON hq_followup_attachments (sha256);
)SQL";

// HQ's incarnation (hq/incarnation.h): replaced after a restore from a backup, so devices
// know to re-send what HQ may have lost. The row is made by the code (a random id).
const char *const kIncarnation = R"SQL(
CREATE TABLE hq_incarnation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    incarnation TEXT NOT NULL,
    started_at TEXT NOT NULL
);
)SQL";

// SQLite: the history's and the feed's numbers become the tables' rowid (INTEGER PRIMARY
// KEY) instead of a second B-tree beside it, and the record clocks and push results are
// kept in their primary key's B-tree alone (WITHOUT ROWID): a pushed score wrote 14
// B-trees, now 10 (docs/BENCHMARKS.md, "Push apply"). Rows are copied as they are.
// PostgreSQL's tables already are what this gives (BIGINT keys, no rowid): nothing to do.
const char *const kRowidKeysSqlite = R"SQL(
CREATE TABLE score_history_v7 (
    seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL,
    account TEXT NOT NULL,
    origin TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT NOT NULL,
    mac TEXT NOT NULL,
    legacy_hash TEXT
);
INSERT INTO score_history_v7 (seq, entity, entity_id, unit_code, indicator_code, kind, action, account, origin,
                              changed_at, old_value, new_value, reason, mac, legacy_hash)
    SELECT seq, entity, entity_id, unit_code, indicator_code, kind, action, account, origin,
           changed_at, old_value, new_value, reason, mac, legacy_hash FROM score_history ORDER BY seq;
DROP TABLE score_history;
ALTER TABLE score_history_v7 RENAME TO score_history;
CREATE INDEX score_history_by_item ON score_history (unit_code, indicator_code, seq);
CREATE INDEX score_history_by_entity ON score_history (entity, entity_id, seq);
CREATE TABLE hq_changes_v7 (
    seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    op TEXT NOT NULL,
    data TEXT NOT NULL,
    account TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
INSERT INTO hq_changes_v7 (seq, entity, entity_id, unit_code, op, data, account, changed_at)
    SELECT seq, entity, entity_id, unit_code, op, data, account, changed_at FROM hq_changes ORDER BY seq;
DROP TABLE hq_changes;
ALTER TABLE hq_changes_v7 RENAME TO hq_changes;
CREATE INDEX hq_changes_by_unit ON hq_changes (unit_code, seq);
CREATE TABLE hq_record_clocks_v7 (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    device_id TEXT NOT NULL,
    change_seq BIGINT,
    PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
INSERT INTO hq_record_clocks_v7 (entity, entity_id, hlc, device_id, change_seq)
    SELECT entity, entity_id, hlc, device_id, change_seq FROM hq_record_clocks;
DROP TABLE hq_record_clocks;
ALTER TABLE hq_record_clocks_v7 RENAME TO hq_record_clocks;
CREATE TABLE hq_push_results_v7 (
    account TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    digest TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (account, device_id, seq)
) WITHOUT ROWID;
INSERT INTO hq_push_results_v7 (account, device_id, seq, digest, status, reason, message)
    SELECT account, device_id, seq, digest, status, reason, message FROM hq_push_results;
DROP TABLE hq_push_results;
ALTER TABLE hq_push_results_v7 RENAME TO hq_push_results;
)SQL";

const char *const kRowidKeysPostgres = "SELECT 1;";

// The history's index by record had a random key (the record's UUID) for every score
// written: the costliest of the rows a push keeps (bench/notes/push.md). Only the
// follow-up's records are read by record (their trail in the console); a score's trail is
// read by unit and item, and the check of the chain scans the table once. The index keeps
// every entity but scores, and the queries that use it say so (SQLite uses a partial
// index only when the query names its condition).
const char *const kHistoryByEntityWithoutScores = R"SQL(
DROP INDEX score_history_by_entity;
CREATE INDEX score_history_by_entity ON score_history (entity, entity_id, seq) WHERE entity <> 'score';
)SQL";

MigrationSet makeSet(bool postgres)
{
    return {QStringLiteral("hq_schema_meta"),
            {{1, QStringLiteral("accounts, devices, push and pull bookkeeping, photos"),
              QString::fromUtf8(kSyncTables)},
             {2, QStringLiteral("each record's clock names its latest change"),
              QString::fromUtf8(kRecordChangeSeq)},
             {3, QStringLiteral("push state, results and tokens per (account, device); a digest per result"),
              QString::fromUtf8(kPushStatePerAccountDevice)},
             {4, QStringLiteral("browser console sessions; published results versions"),
              QString::fromUtf8(kConsoleSessionsAndResultVersions)},
             {5, QStringLiteral("photo content per uploading account, unfinished uploads, disabled accounts"),
              QString::fromUtf8(kPhotoOwnersAndDisabledAccounts)},
             {6, QStringLiteral("follow-up: rectification ledger, experiences, innovation projects, demo sites"),
              QString::fromUtf8(kFollowUp)},
             {7, QStringLiteral("HQ incarnation: a new id after a restore from a backup"), QString::fromUtf8(kIncarnation)},
             {8, QStringLiteral("SQLite: history and feed numbers as rowid; clocks and push results without rowid"),
              QString::fromUtf8(postgres ? kRowidKeysPostgres : kRowidKeysSqlite)},
             {9, QStringLiteral("the history's index by record leaves scores out"),
              QString::fromUtf8(kHistoryByEntityWithoutScores)}}};
}

} // namespace

const MigrationSet &hqMigrationSet(bool postgres)
{
    static const MigrationSet sqlite = makeSet(false);
    static const MigrationSet onPostgres = makeSet(true);
    return postgres ? onPostgres : sqlite;
}

void migrateHqDatabase(SqlConnection &connection)
{
    migrateSchema(connection);
    migrateSchema(connection, hqMigrationSet(dynamic_cast<PostgresConnection *>(&connection) != nullptr));
}

} // namespace onsite::hq
