#pragma once

#include "sqlconnection.h"

#include <QHash>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace onsite {

// A SQLite file in WAL mode with foreign keys on. Prepared statements are cached by
// their text, so repeated inserts cost one prepare.
class SqliteConnection : public SqlConnection
{
public:
    // Opens (creating if needed) the file; ":memory:" gives a private in-memory database.
    // With a 32-byte `encryptionKey` the file is kept encrypted (EncryptedVfs); a wrong
    // key or a plain file then throws SqlError saying so, before anything is changed.
    explicit SqliteConnection(const QString &path, const QByteArray &encryptionKey = {});
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    void execute(const QString &sql, const QVariantList &params = {}) override;
    void executeSlice(const QString &sql, const QVariantList &params, qsizetype from, qsizetype count) override;
    std::vector<SqlRow> query(const QString &sql, const QVariantList &params = {}) override;
    void queryEach(const QString &sql, const QVariantList &params,
                   const std::function<void(const SqlRow &)> &each) override;
    void queryEachText(const QString &sql, const QVariantList &params,
                       const std::function<void(const SqlTextRow &)> &each) override;
    void executeScript(const QString &sql) override;
    std::vector<std::unique_ptr<SqlConnection>> openSnapshotReaders(int count) override;
    bool hasSnapshotReaders() const override;
    void begin() override;
    void commit() override;
    void rollback() override;

    const QString &path() const { return m_path; }

private:
    sqlite3_stmt *prepared(const QString &sql);
    void bind(sqlite3_stmt *statement, const QVariantList &params, std::vector<QByteArray> &texts)
    {
        bind(statement, params.constData(), params.size(), texts);
    }
    void bind(sqlite3_stmt *statement, const QVariant *params, qsizetype count, std::vector<QByteArray> &texts);
    [[noreturn]] void fail(const QString &what);

    QString m_path;
    bool m_encrypted = false;
    sqlite3 *m_db = nullptr;
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace onsite
