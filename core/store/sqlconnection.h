#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

namespace onsite {

class SqlError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

using SqlRow = QVariantList;

// One result row as text, for reading millions of rows without a QVariant and a QString
// per column: a column's bytes as the engine gives them (UTF-8 text; a number in the
// engine's decimal form), valid during the call only. NULL reads as empty, isNull() true.
class SqlTextRow
{
public:
    int size() const { return static_cast<int>(m_cells.size()); }
    QByteArrayView operator[](int column) const { return m_cells[static_cast<std::size_t>(column)]; }
    bool isNull(int column) const { return m_nulls[static_cast<std::size_t>(column)] != 0; }

    void resize(int columns)
    {
        m_cells.assign(static_cast<std::size_t>(columns), {});
        m_nulls.assign(static_cast<std::size_t>(columns), 0);
    }
    void set(int column, QByteArrayView text, bool null = false)
    {
        m_cells[static_cast<std::size_t>(column)] = text;
        m_nulls[static_cast<std::size_t>(column)] = null ? 1 : 0;
    }

private:
    std::vector<QByteArrayView> m_cells;
    std::vector<char> m_nulls;
};

// The one seam between the store and a database engine. Statements use '?'
// placeholders and portable SQL (TEXT, INTEGER, REAL; no engine-specific types), so
// the HQ can run the same repositories on SQLite or PostgreSQL.
class SqlConnection
{
public:
    virtual ~SqlConnection() = default;

    virtual void execute(const QString &sql, const QVariantList &params = {}) = 0;
    // execute() with `count` of the parameters from `from` on: a multi-row insert binds its
    // chunks from one list without copying each out of it.
    virtual void executeSlice(const QString &sql, const QVariantList &params, qsizetype from, qsizetype count)
    {
        execute(sql, params.mid(from, count));
    }
    virtual std::vector<SqlRow> query(const QString &sql, const QVariantList &params = {}) = 0;
    // Calls `each` for every result row as it is read, so a large result (millions of
    // score entries) never sits in memory whole. The row is valid during the call only,
    // and `each` must not use this connection. The default reads the whole result first.
    virtual void queryEach(const QString &sql, const QVariantList &params,
                           const std::function<void(const SqlRow &)> &each)
    {
        for (const SqlRow &row : query(sql, params))
            each(row);
    }
    // The same as text: what HQ's large reads (the score table) use. The default goes
    // through queryEach and converts each value with QVariant::toString.
    virtual void queryEachText(const QString &sql, const QVariantList &params,
                               const std::function<void(const SqlTextRow &)> &each)
    {
        SqlTextRow text;
        std::vector<QByteArray> storage;
        queryEach(sql, params, [&](const SqlRow &row) {
            text.resize(static_cast<int>(row.size()));
            storage.resize(static_cast<std::size_t>(row.size()));
            for (int c = 0; c < row.size(); ++c) {
                const QVariant &value = row[c];
                storage[c] = value.typeId() == QMetaType::QByteArray ? value.toByteArray() : value.toString().toUtf8();
                text.set(c, storage[c], value.isNull());
            }
            each(text);
        });
    }
    // Several ';'-separated statements without parameters (schema scripts).
    virtual void executeScript(const QString &sql) = 0;
    // Further connections to the same SQLite database, each already in a read transaction
    // on one and the same snapshot (the latest commit), so a large table can be read in
    // parts on several threads as one moment of it; each snapshot ends with its
    // connection. None for other engines, in-memory or encrypted databases, inside a
    // transaction (another connection would not see its writes), or while a writer holds
    // the database.
    virtual std::vector<std::unique_ptr<SqlConnection>> openSnapshotReaders(int /*count*/) { return {}; }
    // Whether openSnapshotReaders can give readers at all (not: whether it will now),
    // and so whether `rowid` can be asked for: the engine is SQLite on a plain file.
    virtual bool hasSnapshotReaders() const { return false; }

    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
};

// Begins on construction; rolls back on destruction unless commit() was called, so
// an exception anywhere leaves the database as it was.
class SqlTransaction
{
public:
    explicit SqlTransaction(SqlConnection &connection) : m_connection(connection) { m_connection.begin(); }
    ~SqlTransaction()
    {
        if (!m_done) {
            try {
                m_connection.rollback();
            } catch (...) { // a destructor must not throw; the connection reports on next use
            }
        }
    }
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    void commit()
    {
        m_connection.commit();
        m_done = true;
    }

private:
    SqlConnection &m_connection;
    bool m_done = false;
};

} // namespace onsite
