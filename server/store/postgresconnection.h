#pragma once

#include "store/sqlconnection.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace onsite {

// The HQ store on a PostgreSQL server, behind the same seam as SQLite. Statements
// keep their portable '?' placeholders (translated to $1..$n) and are prepared once
// per connection, cached by their text.
//
// Values go out as text and come back typed by column: integers as qlonglong,
// float/numeric as double, boolean as bool, bytea as QByteArray, anything else as
// QString; NULL both ways as an invalid QVariant.
//
// A lost connection is not re-established: the transaction in flight died with it,
// and carrying on in a fresh session would commit the rest of it on its own. Every
// call then throws SqlError; the owner opens a new connection.
class PostgresConnection : public SqlConnection
{
public:
    // `url` is a libpq connection URI (postgresql://user:pass@host:port/db) or a
    // keyword/value string. Throws SqlError if the server cannot be reached.
    explicit PostgresConnection(const QString &url);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection &) = delete;
    PostgresConnection &operator=(const PostgresConnection &) = delete;

    void execute(const QString &sql, const QVariantList &params = {}) override;
    std::vector<SqlRow> query(const QString &sql, const QVariantList &params = {}) override;
    // Row by row (libpq's single-row mode): memory stays bounded by one row whatever the
    // size of the result (HQ's score table, exports).
    void queryEach(const QString &sql, const QVariantList &params,
                   const std::function<void(const SqlRow &)> &each) override;
    void queryEachText(const QString &sql, const QVariantList &params,
                       const std::function<void(const SqlTextRow &)> &each) override;
    void executeScript(const QString &sql) override;
    void begin() override;
    void commit() override;
    void rollback() override;

    // "db@host:port", for messages; never the URL, which holds the password.
    const QString &name() const { return m_name; }

    // '?' placeholders outside literals, identifiers and comments become $1..$n.
    // Public so that tests can pin the translation down.
    static QString translatePlaceholders(const QString &sql, int *count = nullptr);

private:
    struct Statement
    {
        QByteArray name;
        int parameterCount = 0;
    };

    const Statement &prepared(const QString &sql);
    // The same, refusing a call with the wrong number of parameters.
    const Statement &prepared(const QString &sql, const QVariantList &params);
    PGresult *run(const QString &sql, const QVariantList &params);
    PGresult *runSimple(const QString &sql);
    void stream(const QString &sql, const QVariantList &params, const std::function<void(PGresult *, int)> &row);
    void checkOpen() const;
    [[noreturn]] void fail(const QString &what, const QString &sql, PGresult *result);

    PGconn *m_conn = nullptr;
    QString m_name;
    QHash<QString, Statement> m_statements;
    int m_nextStatement = 0;
};

} // namespace onsite
