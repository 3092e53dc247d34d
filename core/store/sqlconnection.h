#pragma once

#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <stdexcept>
#include <vector>

namespace onsite {

class SqlError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

using SqlRow = QVariantList;

// The one seam between the store and a database engine. Statements use '?'
// placeholders and portable SQL (TEXT, INTEGER, REAL; no engine-specific types), so
// the HQ can run the same repositories on SQLite or PostgreSQL.
class SqlConnection
{
public:
    virtual ~SqlConnection() = default;

    virtual void execute(const QString &sql, const QVariantList &params = {}) = 0;
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
    // Several ';'-separated statements without parameters (schema scripts).
    virtual void executeScript(const QString &sql) = 0;

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
