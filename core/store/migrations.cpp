#include "migrations.h"

namespace onsite {

namespace {

const char *const kCampaignSetup = R"SQL(
CREATE TABLE campaign (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    excellent_line TEXT NOT NULL,
    good_line TEXT NOT NULL,
    fair_line TEXT NOT NULL,
    trim_from_raters INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE units (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE indicators (
    code TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES indicators(code),
    title TEXT NOT NULL,
    max_score TEXT NOT NULL,
    content TEXT NOT NULL,
    method TEXT,
    rule_text TEXT NOT NULL,
    evidence TEXT NOT NULL,
    check_method TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE sites (
    code TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    name TEXT NOT NULL,
    site_type TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    position INTEGER NOT NULL
);
CREATE TABLE site_indicators (
    site_code TEXT NOT NULL REFERENCES sites(code),
    indicator_code TEXT NOT NULL REFERENCES indicators(code),
    position INTEGER NOT NULL,
    PRIMARY KEY (site_code, indicator_code)
);
CREATE TABLE inspection_groups (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
CREATE TABLE group_units (
    group_name TEXT NOT NULL REFERENCES inspection_groups(name),
    unit_code TEXT NOT NULL UNIQUE REFERENCES units(code),
    position INTEGER NOT NULL,
    PRIMARY KEY (group_name, unit_code)
);
CREATE TABLE people (
    account TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    home_unit_code TEXT REFERENCES units(code),
    group_name TEXT REFERENCES inspection_groups(name),
    position INTEGER NOT NULL
);
CREATE TABLE score_entries (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    indicator_code TEXT NOT NULL REFERENCES indicators(code),
    account TEXT NOT NULL REFERENCES people(account),
    kind TEXT NOT NULL CHECK (kind IN ('rater', 'final')),
    input TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (unit_code, indicator_code, account, kind)
);
)SQL";

const char *const kFieldwork = R"SQL(
CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    site_code TEXT NOT NULL REFERENCES sites(code),
    account TEXT NOT NULL REFERENCES people(account),
    checked_in_at TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    accuracy_m DOUBLE PRECISION,
    notes TEXT NOT NULL
);
CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    visit_id TEXT REFERENCES visits(id),
    unit_code TEXT NOT NULL REFERENCES units(code),
    indicator_code TEXT REFERENCES indicators(code),
    account TEXT NOT NULL REFERENCES people(account),
    captured_at TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    accuracy_m DOUBLE PRECISION,
    mime_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL
);
CREATE INDEX photos_by_sha256 ON photos (sha256);
CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    site_code TEXT REFERENCES sites(code),
    indicator_code TEXT REFERENCES indicators(code),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    suggestion TEXT NOT NULL,
    account TEXT NOT NULL REFERENCES people(account),
    recorded_at TEXT NOT NULL
);
CREATE TABLE finding_photos (
    finding_id TEXT NOT NULL REFERENCES findings(id),
    photo_id TEXT NOT NULL, -- no reference: a finding may arrive before its photos finish uploading
    PRIMARY KEY (finding_id, photo_id)
);
CREATE TABLE highlights (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    site_code TEXT REFERENCES sites(code),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    account TEXT NOT NULL REFERENCES people(account),
    recorded_at TEXT NOT NULL
);
)SQL";

const char *const kFollowUp = R"SQL(
CREATE TABLE rectifications (
    id TEXT PRIMARY KEY,
    finding_id TEXT NOT NULL UNIQUE REFERENCES findings(id),
    measures TEXT NOT NULL,
    responsible_person TEXT NOT NULL,
    deadline TEXT,
    status TEXT NOT NULL,
    progress_note TEXT NOT NULL,
    closed_at TEXT,
    closed_by TEXT
);
CREATE TABLE rectification_milestones (
    id TEXT PRIMARY KEY,
    rectification_id TEXT NOT NULL REFERENCES rectifications(id),
    title TEXT NOT NULL,
    due TEXT,
    done_at TEXT,
    position INTEGER NOT NULL
);
CREATE TABLE innovation_projects (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL REFERENCES units(code),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL
);
CREATE TABLE score_history (
    seq BIGINT PRIMARY KEY,
    score_id TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    old_input TEXT,
    new_input TEXT NOT NULL,
    reason TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL
);
ALTER TABLE score_entries ADD COLUMN updated_at TEXT;
UPDATE score_entries SET updated_at = recorded_at;
)SQL";

// One row per unit: the leader's submission (提交) and whether it still locks the
// unit's scores. Reopening keeps the row with locked = 0 and the written reason.
const char *const kSubmissions = R"SQL(
CREATE TABLE unit_submissions (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL UNIQUE REFERENCES units(code),
    locked INTEGER NOT NULL CHECK (locked IN (0, 1)),
    account TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
)SQL";

// The score history becomes complete and keyed (docs/ARCHITECTURE.md §History): it
// records creates, deletes, re-creates, final values, submissions and reopenings, and
// each row carries an HMAC-SHA256 chained over the row before it, keyed by a secret in
// the HQ data folder. SQL cannot compute that MAC, so rows from an older database are
// copied with an empty `mac` and their old unkeyed hash in `legacy_hash`; every score
// and submission that exists today gets a `baseline` row holding its current value.
// HQ seals these rows into the keyed chain the first time it opens the database with
// its key, after checking the old unkeyed chain (ScoreHistory::sealLegacy).
// `score_history_head` names the chain's last row under the key, so removing rows from
// the end is detected too.
const char *const kKeyedHistory = R"SQL(
CREATE TABLE score_history_v5 (
    seq BIGINT PRIMARY KEY,
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
INSERT INTO score_history_v5 (seq, entity, entity_id, unit_code, indicator_code, kind, action, account, origin,
                              changed_at, old_value, new_value, reason, mac, legacy_hash)
    SELECT h.seq, 'score', h.score_id, COALESCE(s.unit_code, ''), COALESCE(s.indicator_code, ''),
           COALESCE(s.kind, ''), 'update', h.changed_by, '', h.changed_at, h.old_input, h.new_input, h.reason, '',
           h.entry_hash
    FROM score_history h LEFT JOIN score_entries s ON s.id = h.score_id;
INSERT INTO score_history_v5 (seq, entity, entity_id, unit_code, indicator_code, kind, action, account, origin,
                              changed_at, old_value, new_value, reason, mac, legacy_hash)
    SELECT (SELECT COALESCE(MAX(seq), 0) FROM score_history_v5) + ROW_NUMBER() OVER (ORDER BY recorded_at, id),
           'score', id, unit_code, indicator_code, kind, 'baseline', account, source,
           COALESCE(updated_at, recorded_at), NULL, input, reason, '', NULL
    FROM score_entries;
INSERT INTO score_history_v5 (seq, entity, entity_id, unit_code, indicator_code, kind, action, account, origin,
                              changed_at, old_value, new_value, reason, mac, legacy_hash)
    SELECT (SELECT COALESCE(MAX(seq), 0) FROM score_history_v5) + ROW_NUMBER() OVER (ORDER BY changed_at, id),
           'submission', id, unit_code, '', '', 'baseline', account, '', changed_at, NULL,
           CASE WHEN locked = 1 THEN 'locked' ELSE 'open' END, note, '', NULL
    FROM unit_submissions;
DROP TABLE score_history;
ALTER TABLE score_history_v5 RENAME TO score_history;
CREATE INDEX score_history_by_item ON score_history (unit_code, indicator_code, seq);
CREATE INDEX score_history_by_entity ON score_history (entity, entity_id, seq);
CREATE TABLE score_history_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    mac TEXT NOT NULL,
    key_id TEXT NOT NULL,
    head_mac TEXT NOT NULL
);
INSERT INTO score_history_head (id, seq, mac, key_id, head_mac) VALUES (1, 0, '', '', '');
)SQL";

// The follow-up moves to HQ's own tables (server/hq/hqschema.cpp: the rectification
// ledger, experiences, innovation projects); the early, never used tables go. What
// travels to the tablets stays here, shared by device and HQ: on-site re-checks (回头看)
// HQ assigns to a group, and the results inspectors record for them.
const char *const kRechecks = R"SQL(
DROP TABLE rectification_milestones;
DROP TABLE rectifications;
DROP TABLE innovation_projects;
CREATE TABLE rechecks (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL,
    unit_code TEXT NOT NULL REFERENCES units(code),
    group_name TEXT NOT NULL,
    problem TEXT NOT NULL,
    suggestion TEXT NOT NULL,
    measures TEXT NOT NULL,
    note TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL
);
CREATE INDEX rechecks_by_item ON rechecks (item_id);
CREATE TABLE recheck_results (
    id TEXT PRIMARY KEY,
    recheck_id TEXT NOT NULL, -- no reference: a result may be pushed before HQ's copy is known
    unit_code TEXT NOT NULL REFERENCES units(code),
    outcome TEXT NOT NULL,
    notes TEXT NOT NULL,
    account TEXT NOT NULL REFERENCES people(account),
    recorded_at TEXT NOT NULL
);
CREATE INDEX recheck_results_by_recheck ON recheck_results (recheck_id);
CREATE TABLE recheck_result_photos (
    result_id TEXT NOT NULL REFERENCES recheck_results(id),
    photo_id TEXT NOT NULL,
    PRIMARY KEY (result_id, photo_id)
);
)SQL";

// Proof of presence: per campaign whether rater scores need a check-in and within what
// radius (defaults for campaigns imported before); a visit's distance from its site and
// its check-out; where a photo came from and, for a picked one, its original time.
const char *const kPresence = R"SQL(
ALTER TABLE campaign ADD COLUMN check_in_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaign ADD COLUMN check_in_radius_m INTEGER NOT NULL DEFAULT 500;
ALTER TABLE visits ADD COLUMN distance_m DOUBLE PRECISION;
ALTER TABLE visits ADD COLUMN checked_out_at TEXT;
ALTER TABLE photos ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE photos ADD COLUMN original_at TEXT;
)SQL";

} // namespace

const std::vector<Migration> &schemaMigrations()
{
    static const std::vector<Migration> steps = {
        {1, QStringLiteral("campaign set-up and scores"), QString::fromUtf8(kCampaignSetup)},
        {2, QStringLiteral("field work: visits, photos, findings, highlights"), QString::fromUtf8(kFieldwork)},
        {3, QStringLiteral("follow-up: rectification, innovation projects, score history"), QString::fromUtf8(kFollowUp)},
        {4, QStringLiteral("unit submissions: submit and lock"), QString::fromUtf8(kSubmissions)},
        {5, QStringLiteral("complete score history with a keyed (HMAC) chain"), QString::fromUtf8(kKeyedHistory)},
        {6, QStringLiteral("on-site re-checks (回头看); follow-up tables move to HQ"), QString::fromUtf8(kRechecks)},
        {7, QStringLiteral("proof of presence: check-in rule, visit distance and check-out, photo origin"),
         QString::fromUtf8(kPresence)},
    };
    return steps;
}

int latestSchemaVersion() { return schemaMigrations().back().version; }

const MigrationSet &coreMigrationSet()
{
    static const MigrationSet set{QStringLiteral("schema_meta"), schemaMigrations()};
    return set;
}

int schemaVersion(SqlConnection &connection) { return schemaVersion(connection, coreMigrationSet()); }

void migrateSchema(SqlConnection &connection, int targetVersion)
{
    migrateSchema(connection, coreMigrationSet(), targetVersion);
}

int schemaVersion(SqlConnection &connection, const MigrationSet &set)
{
    connection.executeScript(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (version INTEGER NOT NULL)").arg(set.metaTable));
    const auto rows = connection.query(QStringLiteral("SELECT version FROM %1").arg(set.metaTable));
    return rows.empty() ? 0 : rows.front().value(0).toInt();
}

void migrateSchema(SqlConnection &connection, const MigrationSet &set, int targetVersion)
{
    const int latest = set.steps.empty() ? 0 : set.steps.back().version;
    if (targetVersion < 0)
        targetVersion = latest;
    const int current = schemaVersion(connection, set);
    if (current > latest) {
        throw SqlError(QStringLiteral("the database has %1 version %2, newer than this build knows (%3); "
                                      "use a newer Onsite")
                           .arg(set.metaTable)
                           .arg(current)
                           .arg(latest)
                           .toStdString());
    }
    for (const Migration &step : set.steps) {
        if (step.version <= current || step.version > targetVersion)
            continue;
        SqlTransaction transaction(connection);
        connection.executeScript(step.sql);
        connection.execute(QStringLiteral("DELETE FROM %1").arg(set.metaTable));
        connection.execute(QStringLiteral("INSERT INTO %1 (version) VALUES (?)").arg(set.metaTable), {step.version});
        transaction.commit();
    }
}

} // namespace onsite
