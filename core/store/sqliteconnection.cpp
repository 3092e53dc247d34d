#include "sqliteconnection.h"

#include "encryptedvfs.h"

#include <sqlite3.h>

#include <cstring>

namespace onsite {

namespace {

// Resets a cached statement whichever way the caller leaves.
class StatementReset
{
public:
    explicit StatementReset(sqlite3_stmt *statement) : m_statement(statement) {}
    ~StatementReset()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }

    // The UTF-8 texts bound to the statement, kept until its bindings are cleared (the
    // members outlive the destructor's body) so SQLite need not copy each one.
    std::vector<QByteArray> texts;

private:
    sqlite3_stmt *m_statement;
};

QVariant columnValue(sqlite3_stmt *statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return QVariant::fromValue<qlonglong>(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT:
        return sqlite3_column_double(statement, column);
    case SQLITE_TEXT:
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, column)),
                                 sqlite3_column_bytes(statement, column));
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(statement, column)),
                          sqlite3_column_bytes(statement, column));
    default:
        return {};
    }
}

} // namespace

SqliteConnection::SqliteConnection(const QString &path, const QByteArray &encryptionKey) : m_path(path)
{
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const bool encrypted = !encryptionKey.isEmpty();
    m_encrypted = encrypted;
    const QByteArray name = encrypted ? EncryptedVfs::openName(path, encryptionKey) : path.toUtf8();
    if (encrypted)
        flags |= SQLITE_OPEN_URI;
    if (sqlite3_open_v2(name.constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        const QString message = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqlError(QStringLiteral("cannot open database %1: %2").arg(path, message).toStdString());
    }
    sqlite3_busy_timeout(m_db, 10000);
    if (encrypted)
        EncryptedVfs::prepare(m_db);
    // FULL: in WAL mode NORMAL may roll back the last commits on power loss, and a commit
    // here is what HQ acknowledges to a device (and what the app tells a person is saved).
    executeScript(QStringLiteral("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"));
    if (path != QLatin1String(":memory:")) {
        const auto mode = query(QStringLiteral("PRAGMA journal_mode = WAL"));
        if (mode.empty() || mode.front().value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            throw SqlError(QStringLiteral("cannot switch %1 to WAL mode").arg(path).toStdString());
    }
}

SqliteConnection::~SqliteConnection()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

sqlite3_stmt *SqliteConnection::prepared(const QString &sql)
{
    if (sqlite3_stmt *cached = m_statements.value(sql))
        return cached;
    sqlite3_stmt *statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v3(m_db, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_PREPARE_PERSISTENT,
                           &statement, nullptr) != SQLITE_OK) {
        fail(QStringLiteral("prepare \"%1\"").arg(sql));
    }
    m_statements.insert(sql, statement);
    return statement;
}

void SqliteConnection::bind(sqlite3_stmt *statement, const QVariant *params, qsizetype count,
                            std::vector<QByteArray> &texts)
{
    if (sqlite3_bind_parameter_count(statement) != count)
        throw SqlError(QStringLiteral("statement expects %1 parameters, got %2")
                           .arg(sqlite3_bind_parameter_count(statement))
                           .arg(count)
                           .toStdString());
    // Every text parameter's UTF-8 in one buffer (UTF-8 takes at most three bytes for each
    // UTF-16 unit), not one allocation per value: a push binds hundreds of thousands.
    qsizetype room = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const QVariant &value = params[i];
        if (value.typeId() == QMetaType::QString)
            room += static_cast<const QString *>(value.constData())->size() * 3;
    }
    texts.emplace_back(room, Qt::Uninitialized);
    char *cursor = texts.back().data();
    for (qsizetype i = 0; i < count; ++i) {
        const QVariant &value = params[i];
        const int index = int(i) + 1;
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(statement, index);
        } else {
            switch (value.typeId()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(statement, index, value.toLongLong());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(statement, index, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                // The caller's list outlives the statement's use of it.
                const QByteArray &bytes = *static_cast<const QByteArray *>(value.constData());
                rc = sqlite3_bind_blob64(statement, index, bytes.constData(), static_cast<sqlite3_uint64>(bytes.size()),
                                         SQLITE_STATIC);
                break;
            }
            case QMetaType::QString: {
                const QString &text = *static_cast<const QString *>(value.constData());
                const char *start = cursor;
                for (const QChar c : text) {
                    if (c.unicode() >= 0x80) {
                        cursor = const_cast<char *>(start);
                        break;
                    }
                    *cursor++ = char(c.unicode());
                }
                if (cursor == start && !text.isEmpty()) { // not ASCII: Qt's own encoding
                    const QByteArray utf8 = text.toUtf8();
                    std::memcpy(cursor, utf8.constData(), size_t(utf8.size()));
                    cursor += utf8.size();
                }
                rc = sqlite3_bind_text64(statement, index, start, static_cast<sqlite3_uint64>(cursor - start),
                                         SQLITE_STATIC, SQLITE_UTF8);
                break;
            }
            default:
                texts.push_back(value.toString().toUtf8());
                rc = sqlite3_bind_text64(statement, index, texts.back().constData(),
                                         static_cast<sqlite3_uint64>(texts.back().size()), SQLITE_STATIC, SQLITE_UTF8);
            }
        }
        if (rc != SQLITE_OK)
            fail(QStringLiteral("bind parameter %1").arg(index));
    }
}

void SqliteConnection::execute(const QString &sql, const QVariantList &params)
{
    executeSlice(sql, params, 0, params.size());
}

void SqliteConnection::executeSlice(const QString &sql, const QVariantList &params, qsizetype from, qsizetype count)
{
    if (from < 0 || count < 0 || from + count > params.size())
        throw SqlError("executeSlice: the slice lies outside the parameters");
    sqlite3_stmt *statement = prepared(sql);
    StatementReset reset(statement);
    reset.texts.reserve(size_t(count) + 1); // the text buffer, and any value bound as text by conversion
    bind(statement, params.constData() + from, count, reset.texts);
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(statement);
    if (rc != SQLITE_DONE)
        fail(QStringLiteral("execute \"%1\"").arg(sql));
}

std::vector<SqlRow> SqliteConnection::query(const QString &sql, const QVariantList &params)
{
    sqlite3_stmt *statement = prepared(sql);
    StatementReset reset(statement);
    reset.texts.reserve(params.size());
    bind(statement, params, reset.texts);
    std::vector<SqlRow> rows;
    const int columns = sqlite3_column_count(statement);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        SqlRow row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row << columnValue(statement, c);
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE)
        fail(QStringLiteral("query \"%1\"").arg(sql));
    return rows;
}

void SqliteConnection::queryEach(const QString &sql, const QVariantList &params,
                                 const std::function<void(const SqlRow &)> &each)
{
    sqlite3_stmt *statement = prepared(sql);
    StatementReset reset(statement);
    reset.texts.reserve(params.size());
    bind(statement, params, reset.texts);
    const int columns = sqlite3_column_count(statement);
    SqlRow row(columns);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c)
            row[c] = columnValue(statement, c);
        each(row);
    }
    if (rc != SQLITE_DONE)
        fail(QStringLiteral("query \"%1\"").arg(sql));
}

void SqliteConnection::queryEachText(const QString &sql, const QVariantList &params,
                                     const std::function<void(const SqlTextRow &)> &each)
{
    sqlite3_stmt *statement = prepared(sql);
    StatementReset reset(statement);
    reset.texts.reserve(params.size());
    bind(statement, params, reset.texts);
    const int columns = sqlite3_column_count(statement);
    SqlTextRow row;
    row.resize(columns);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c) {
            // Text first, then its length, as SQLite's documentation asks.
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, c));
            row.set(c, QByteArrayView(text, sqlite3_column_bytes(statement, c)), text == nullptr);
        }
        each(row);
    }
    if (rc != SQLITE_DONE)
        fail(QStringLiteral("query \"%1\"").arg(sql));
}

void SqliteConnection::executeScript(const QString &sql)
{
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : "unknown error");
        sqlite3_free(error);
        throw SqlError(QStringLiteral("%1: %2").arg(m_path, message).toStdString());
    }
}

bool SqliteConnection::hasSnapshotReaders() const
{
    return !m_encrypted && !m_path.isEmpty() && !m_path.startsWith(QLatin1String(":memory:"));
}

std::vector<std::unique_ptr<SqlConnection>> SqliteConnection::openSnapshotReaders(int count)
{
    std::vector<std::unique_ptr<SqlConnection>> readers;
    if (!hasSnapshotReaders() || !sqlite3_get_autocommit(m_db))
        return readers;
    for (int i = 0; i < count; ++i)
        readers.push_back(std::make_unique<SqliteConnection>(m_path));
    // While the gate holds the write lock no commit can land between the readers' first
    // reads, so they all start on one snapshot. A writer busy for long: no readers.
    SqliteConnection gate(m_path);
    sqlite3_busy_timeout(gate.m_db, 250);
    if (sqlite3_exec(gate.m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return {};
    try {
        for (const std::unique_ptr<SqlConnection> &reader : readers) {
            reader->execute(QStringLiteral("BEGIN"));
            reader->query(QStringLiteral("SELECT 1 FROM sqlite_master LIMIT 1")); // the first read takes the snapshot
        }
    } catch (...) {
        sqlite3_exec(gate.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    sqlite3_exec(gate.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    return readers;
}

void SqliteConnection::begin() { execute(QStringLiteral("BEGIN IMMEDIATE")); }
void SqliteConnection::commit() { execute(QStringLiteral("COMMIT")); }
void SqliteConnection::rollback() { execute(QStringLiteral("ROLLBACK")); }

void SqliteConnection::fail(const QString &what)
{
    throw SqlError(QStringLiteral("%1: %2 failed: %3").arg(m_path, what, QString::fromUtf8(sqlite3_errmsg(m_db))).toStdString());
}

} // namespace onsite
