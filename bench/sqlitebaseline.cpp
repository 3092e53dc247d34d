#include "sqlitebaseline.h"

#include "protocol/records.h"

#include <QFile>

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace onsite::bench {

namespace {

// The columns of core's score_entries (core/store/migrations.cpp, versions 1 and 3).
// The foreign keys to units/indicators/people are left out: their parent tables are
// not part of this baseline, and the HQ checks those references in code anyway.
const char *const kSchema = R"SQL(
CREATE TABLE score_entries (
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    account TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('rater', 'final')),
    input TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL,
    updated_at TEXT,
    UNIQUE (unit_code, indicator_code, account, kind)
);
)SQL";

struct CloseDb
{
    void operator()(sqlite3 *db) const { sqlite3_close(db); }
};
struct FinalizeStatement
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};

void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string("SQLite baseline, ") + what + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3 *db, const char *sql) { check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql); }

void bindText(sqlite3_stmt *statement, int index, const QByteArray &utf8)
{
    // SQLITE_TRANSIENT: SQLite copies, as any repository binding a temporary would.
    sqlite3_bind_text(statement, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

} // namespace

double insertScoresDirectly(const QString &path, const std::vector<ScoreEntry> &scores, const QString &source)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open(path.toUtf8().constData(), &raw);
    std::unique_ptr<sqlite3, CloseDb> db(raw);
    check(db.get(), rc, "open");
    exec(db.get(), "PRAGMA journal_mode=WAL");
    exec(db.get(), "PRAGMA synchronous=NORMAL");
    exec(db.get(), kSchema);

    sqlite3_stmt *rawStatement = nullptr;
    check(db.get(),
          sqlite3_prepare_v2(db.get(),
                             "INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, reason, "
                             "recorded_at, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             -1, &rawStatement, nullptr),
          "prepare");
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> insert(rawStatement);
    const QByteArray sourceUtf8 = source.toUtf8();

    const auto start = std::chrono::steady_clock::now();
    exec(db.get(), "BEGIN");
    for (const ScoreEntry &s : scores) {
        const QByteArray recorded = protocol::timestampText(s.recordedAt).toUtf8();
        bindText(insert.get(), 1, s.id.toUtf8());
        bindText(insert.get(), 2, s.unitCode.toUtf8());
        bindText(insert.get(), 3, s.indicatorCode.toUtf8());
        bindText(insert.get(), 4, s.account.toUtf8());
        bindText(insert.get(), 5, s.kind == ScoreKind::Final ? QByteArrayLiteral("final") : QByteArrayLiteral("rater"));
        bindText(insert.get(), 6, s.input.toUtf8());
        bindText(insert.get(), 7, s.reason.toUtf8());
        bindText(insert.get(), 8, recorded);
        bindText(insert.get(), 9, sourceUtf8);
        bindText(insert.get(), 10, recorded);
        check(db.get(), sqlite3_step(insert.get()), "insert");
        sqlite3_reset(insert.get());
    }
    exec(db.get(), "COMMIT");
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    sqlite3_stmt *rawCount = nullptr;
    check(db.get(), sqlite3_prepare_v2(db.get(), "SELECT COUNT(*) FROM score_entries", -1, &rawCount, nullptr), "count");
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> count(rawCount);
    check(db.get(), sqlite3_step(count.get()), "count");
    if (sqlite3_column_int64(count.get(), 0) != static_cast<sqlite3_int64>(scores.size()))
        throw std::runtime_error("SQLite baseline: row count differs from the records inserted");
    return elapsed.count();
}

} // namespace onsite::bench
