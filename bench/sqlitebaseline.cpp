#include "sqlitebaseline.h"

#include "protocol/records.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

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

void removeDatabase(const QString &path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

using Database = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

Statement prepare(sqlite3 *db, const QByteArray &sql)
{
    sqlite3_stmt *raw = nullptr;
    check(db, sqlite3_prepare_v2(db, sql.constData(), -1, &raw, nullptr), sql.constData());
    return Statement(raw);
}

// A new database file set up as the store sets its own (WAL, synchronous=NORMAL).
Database openFresh(const QString &path)
{
    removeDatabase(path);
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open(path.toUtf8().constData(), &raw);
    Database db(raw);
    check(db.get(), rc, "open");
    exec(db.get(), "PRAGMA journal_mode=WAL");
    exec(db.get(), "PRAGMA synchronous=NORMAL");
    return db;
}

// What one kept row's column holds: a text of the score's record, or a number.
enum class Field { Id, Unit, Item, Account, Kind, Input, Reason, RecordedAt, Source, Now, Hlc, Data, Digest,
                   Seq, ScoreEntity, Upsert, Create, Applied, Empty, Mac };

// The kept rows' columns by name; a column not named here is left to its default.
const std::map<QByteArray, std::map<QByteArray, Field>> &keptColumns()
{
    static const std::map<QByteArray, std::map<QByteArray, Field>> columns{
        {"score_entries",
         {{"id", Field::Id}, {"unit_code", Field::Unit}, {"indicator_code", Field::Item}, {"account", Field::Account},
          {"kind", Field::Kind}, {"input", Field::Input}, {"reason", Field::Reason}, {"recorded_at", Field::RecordedAt},
          {"source", Field::Source}, {"updated_at", Field::Now}}},
        {"score_history",
         {{"seq", Field::Seq}, {"entity", Field::ScoreEntity}, {"entity_id", Field::Id}, {"unit_code", Field::Unit},
          {"indicator_code", Field::Item}, {"kind", Field::Kind}, {"action", Field::Create}, {"account", Field::Account},
          {"origin", Field::Source}, {"changed_at", Field::Now}, {"new_value", Field::Input}, {"reason", Field::Reason},
          {"mac", Field::Mac}}},
        {"hq_changes",
         {{"seq", Field::Seq}, {"entity", Field::ScoreEntity}, {"entity_id", Field::Id}, {"unit_code", Field::Unit},
          {"op", Field::Upsert}, {"data", Field::Data}, {"account", Field::Account}, {"changed_at", Field::Now}}},
        {"hq_record_clocks",
         {{"entity", Field::ScoreEntity}, {"entity_id", Field::Id}, {"hlc", Field::Hlc}, {"device_id", Field::Source},
          {"change_seq", Field::Seq}}},
        {"hq_push_results",
         {{"account", Field::Account}, {"device_id", Field::Source}, {"seq", Field::Seq}, {"digest", Field::Digest},
          {"status", Field::Applied}, {"reason", Field::Empty}, {"message", Field::Empty}}},
    };
    return columns;
}

// Copies the kept tables' definitions and indexes from HQ's own database.
void copyKeptSchema(sqlite3 *into, const QString &hqDatabase)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(hqDatabase.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr);
    Database hq(raw);
    check(hq.get(), rc, "open the HQ database");
    QByteArrayList names;
    for (const auto &[table, columns] : keptColumns())
        names << "'" + table + "'";
    // Tables before their indexes ('table' sorts after 'index').
    const Statement schema = prepare(hq.get(), "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND "
                                               "sql IS NOT NULL AND tbl_name IN (" +
                                                   names.join(',') + ") ORDER BY type DESC");
    int statements = 0;
    while (sqlite3_step(schema.get()) == SQLITE_ROW) {
        exec(into, reinterpret_cast<const char *>(sqlite3_column_text(schema.get(), 0)));
        ++statements;
    }
    if (statements < int(keptColumns().size()))
        throw std::runtime_error("SQLite baseline: the HQ database lacks some of the kept tables");
}

struct KeptInsert
{
    Statement statement;
    std::vector<Field> fields; // the statement's parameters, in order
};

KeptInsert keptInsert(sqlite3 *db, const QByteArray &table, const std::map<QByteArray, Field> &known)
{
    const Statement info = prepare(db, "PRAGMA table_info(" + table + ")");
    QByteArrayList columns, marks;
    KeptInsert insert;
    while (sqlite3_step(info.get()) == SQLITE_ROW) {
        const QByteArray column(reinterpret_cast<const char *>(sqlite3_column_text(info.get(), 1)));
        const auto field = known.find(column);
        if (field == known.end())
            continue;
        columns << column;
        marks << "?";
        insert.fields.push_back(field->second);
    }
    insert.statement =
        prepare(db, "INSERT INTO " + table + " (" + columns.join(", ") + ") VALUES (" + marks.join(", ") + ")");
    return insert;
}

// One score's texts, made before the clock starts as the other baseline's are.
struct KeptRecord
{
    QByteArray id, unit, item, account, kind, input, reason, recordedAt, hlc, data, digest;
    qint64 seq = 0;
};

} // namespace

double insertScoresDirectly(const QString &path, const std::vector<ScoreEntry> &scores, const QString &source)
{
    const Database db = openFresh(path);
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

double insertKeptRowsDirectly(const QString &path, const QString &hqDatabase, const std::vector<ScoreEntry> &scores,
                              const std::vector<protocol::Mutation> &mutations, const QString &source)
{
    if (mutations.size() != scores.size())
        throw std::invalid_argument("SQLite baseline: one mutation per score is needed");
    const Database db = openFresh(path);
    copyKeptSchema(db.get(), hqDatabase);
    std::vector<KeptInsert> inserts;
    for (const auto &[table, columns] : keptColumns())
        inserts.push_back(keptInsert(db.get(), table, columns));

    std::vector<KeptRecord> records;
    records.reserve(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const ScoreEntry &s = scores[i];
        const protocol::Mutation &m = mutations[i];
        records.push_back({s.id.toUtf8(), s.unitCode.toUtf8(), s.indicatorCode.toUtf8(), s.account.toUtf8(),
                           s.kind == ScoreKind::Final ? QByteArrayLiteral("final") : QByteArrayLiteral("rater"),
                           s.input.toUtf8(), s.reason.toUtf8(), protocol::timestampText(s.recordedAt).toUtf8(),
                           m.hlc.toUtf8(), QJsonDocument(m.data).toJson(QJsonDocument::Compact), m.digest().toUtf8(),
                           m.seq});
    }
    const QByteArray sourceUtf8 = source.toUtf8();
    const QByteArray now = protocol::timestampText(QDateTime::currentDateTimeUtc()).toUtf8();
    const QByteArray mac(64, 'f');

    const auto start = std::chrono::steady_clock::now();
    exec(db.get(), "BEGIN");
    for (const KeptRecord &r : records) {
        for (KeptInsert &insert : inserts) {
            sqlite3_stmt *statement = insert.statement.get();
            for (std::size_t p = 0; p < insert.fields.size(); ++p) {
                const int index = int(p) + 1;
                switch (insert.fields[p]) {
                case Field::Id: bindText(statement, index, r.id); break;
                case Field::Unit: bindText(statement, index, r.unit); break;
                case Field::Item: bindText(statement, index, r.item); break;
                case Field::Account: bindText(statement, index, r.account); break;
                case Field::Kind: bindText(statement, index, r.kind); break;
                case Field::Input: bindText(statement, index, r.input); break;
                case Field::Reason: bindText(statement, index, r.reason); break;
                case Field::RecordedAt: bindText(statement, index, r.recordedAt); break;
                case Field::Source: bindText(statement, index, sourceUtf8); break;
                case Field::Now: bindText(statement, index, now); break;
                case Field::Hlc: bindText(statement, index, r.hlc); break;
                case Field::Data: bindText(statement, index, r.data); break;
                case Field::Digest: bindText(statement, index, r.digest); break;
                case Field::Seq: sqlite3_bind_int64(statement, index, r.seq); break;
                case Field::ScoreEntity: bindText(statement, index, QByteArrayLiteral("score")); break;
                case Field::Upsert: bindText(statement, index, QByteArrayLiteral("upsert")); break;
                case Field::Create: bindText(statement, index, QByteArrayLiteral("create")); break;
                case Field::Applied: bindText(statement, index, QByteArrayLiteral("applied")); break;
                case Field::Empty: bindText(statement, index, QByteArray("")); break;
                case Field::Mac: bindText(statement, index, mac); break;
                }
            }
            check(db.get(), sqlite3_step(statement), "insert a kept row");
            sqlite3_reset(statement);
        }
    }
    exec(db.get(), "COMMIT");
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    const Statement count = prepare(db.get(), "SELECT (SELECT COUNT(*) FROM score_entries) + "
                                              "(SELECT COUNT(*) FROM score_history) + (SELECT COUNT(*) FROM hq_changes) + "
                                              "(SELECT COUNT(*) FROM hq_record_clocks) + (SELECT COUNT(*) FROM hq_push_results)");
    check(db.get(), sqlite3_step(count.get()), "count");
    if (sqlite3_column_int64(count.get(), 0) != sqlite3_int64(scores.size()) * kKeptRowsPerScore)
        throw std::runtime_error("SQLite baseline: kept row count differs from the rows inserted");
    return elapsed.count();
}

} // namespace onsite::bench
