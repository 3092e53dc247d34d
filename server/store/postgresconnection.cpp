#include "postgresconnection.h"

#include <libpq-fe.h>

#include <cmath>
#include <exception>
#include <memory>

namespace onsite {

namespace {

// Built-in type OIDs (catalog/pg_type_d.h ships with the server headers, not libpq's;
// these numbers are fixed by the catalog and never change).
enum : Oid {
    kBoolOid = 16,
    kByteaOid = 17,
    kInt8Oid = 20,
    kInt2Oid = 21,
    kInt4Oid = 23,
    kFloat4Oid = 700,
    kFloat8Oid = 701,
    kNumericOid = 1700,
};

struct ResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

bool isIdentifierChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; }

// End (one past the closing quote) of the quoted run starting at `start`. A doubled
// quote stands for itself; in E'...' strings a backslash also escapes the next char.
qsizetype skipQuoted(const QString &sql, qsizetype start, QChar quote, bool backslashEscapes)
{
    qsizetype i = start + 1;
    while (i < sql.size()) {
        const QChar c = sql.at(i);
        if (backslashEscapes && c == u'\\') {
            i += 2;
        } else if (c == quote) {
            if (i + 1 < sql.size() && sql.at(i + 1) == quote)
                i += 2;
            else
                return i + 1;
        } else {
            ++i;
        }
    }
    return sql.size(); // unterminated: the server reports the syntax error
}

// End of a /* */ comment; PostgreSQL lets them nest.
qsizetype skipBlockComment(const QString &sql, qsizetype start)
{
    int depth = 0;
    qsizetype i = start;
    while (i + 1 < sql.size()) {
        const QStringView pair = QStringView(sql).mid(i, 2);
        if (pair == u"/*") {
            ++depth;
            i += 2;
        } else if (pair == u"*/") {
            i += 2;
            if (--depth == 0)
                return i;
        } else {
            ++i;
        }
    }
    return sql.size();
}

// End of a $tag$...$tag$ string starting at `start`, or start + 1 if the '$' does
// not open one (a $1 parameter, or a '$' inside an identifier).
qsizetype skipDollarQuoted(const QString &sql, qsizetype start)
{
    if (start > 0 && isIdentifierChar(sql.at(start - 1)))
        return start + 1;
    qsizetype j = start + 1;
    while (j < sql.size() && (sql.at(j).isLetter() || sql.at(j) == u'_' || (j > start + 1 && sql.at(j).isDigit())))
        ++j;
    if (j >= sql.size() || sql.at(j) != u'$')
        return start + 1;
    const QString tag = sql.mid(start, j - start + 1);
    const qsizetype close = sql.indexOf(tag, j + 1);
    return close < 0 ? sql.size() : close + tag.size();
}

// Text form of a float8 the server parses back to the same value: 17 significant
// digits round-trip any double; non-finite values use PostgreSQL's spellings.
QByteArray doubleText(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    return QByteArray::number(value, 'g', 17);
}

double parseDouble(const QByteArray &text)
{
    if (text == "NaN")
        return std::nan("");
    if (text == "Infinity")
        return HUGE_VAL;
    if (text == "-Infinity")
        return -HUGE_VAL;
    return text.toDouble();
}

QVariant columnValue(const PGresult *result, int row, int column)
{
    if (PQgetisnull(result, row, column))
        return {};
    const char *data = PQgetvalue(result, row, column);
    const int length = PQgetlength(result, row, column);
    // Text-format results; fromRawData avoids a copy for the numeric parses.
    const QByteArray text = QByteArray::fromRawData(data, length);
    switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
        return QVariant::fromValue<qlonglong>(text.toLongLong());
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
        return parseDouble(text);
    case kBoolOid:
        return text == "t";
    case kByteaOid: {
        size_t size = 0;
        unsigned char *bytes = PQunescapeBytea(reinterpret_cast<const unsigned char *>(data), &size);
        if (!bytes)
            throw SqlError("out of memory decoding a bytea value");
        QByteArray value(reinterpret_cast<const char *>(bytes), static_cast<qsizetype>(size));
        PQfreemem(bytes);
        return value;
    }
    default:
        return QString::fromUtf8(data, length);
    }
}

// Parameters in libpq's form; the byte arrays own what the pointers point into.
struct Parameters
{
    std::vector<QByteArray> storage;
    std::vector<const char *> values;
    std::vector<int> lengths;
    std::vector<int> formats;

    explicit Parameters(const QVariantList &params)
        : storage(params.size()), values(params.size(), nullptr), lengths(params.size(), 0),
          formats(params.size(), 0)
    {
        for (qsizetype i = 0; i < params.size(); ++i)
            encode(static_cast<size_t>(i), params.at(i));
    }

private:
    void encode(size_t i, const QVariant &value)
    {
        if (value.isNull())
            return; // a null pointer is SQL NULL
        switch (value.typeId()) {
        case QMetaType::Bool: // 1/0 as SQLite stores it, so INTEGER columns agree
            storage[i] = value.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
            break;
        case QMetaType::Short:
        case QMetaType::Int:
        case QMetaType::Long:
        case QMetaType::LongLong:
            storage[i] = QByteArray::number(value.toLongLong());
            break;
        case QMetaType::UShort:
        case QMetaType::UInt:
        case QMetaType::ULong:
        case QMetaType::ULongLong:
            storage[i] = QByteArray::number(value.toULongLong());
            break;
        case QMetaType::Float:
        case QMetaType::Double:
            storage[i] = doubleText(value.toDouble());
            break;
        case QMetaType::QByteArray:
            // Binary format: the bytes go as they are, zero bytes included, with no
            // escaping round trip.
            storage[i] = value.toByteArray();
            formats[i] = 1;
            lengths[i] = static_cast<int>(storage[i].size());
            values[i] = storage[i].isNull() ? "" : storage[i].constData();
            return;
        default:
            storage[i] = value.toString().toUtf8();
            // Text parameters travel as C strings: a NUL would silently cut the value.
            if (storage[i].contains('\0'))
                throw SqlError(QStringLiteral("parameter %1 contains a NUL character, which PostgreSQL text "
                                              "cannot hold; store it as bytes")
                                   .arg(i + 1)
                                   .toStdString());
        }
        values[i] = storage[i].constData();
    }
};

} // namespace

PostgresConnection::PostgresConnection(const QString &url)
{
    // The URL may override the defaults before it; client_encoding comes after it so
    // that text is always UTF-8 whatever the URL or the server's locale says.
    const QByteArray target = url.toUtf8();
    const char *const keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
    const char *const values[] = {"10", "onsite-hq", target.constData(), "UTF8", nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (!m_conn)
        throw SqlError("cannot connect to PostgreSQL: out of memory");
    m_name = QStringLiteral("%1@%2:%3")
                 .arg(QString::fromUtf8(PQdb(m_conn)), QString::fromUtf8(PQhost(m_conn)),
                      QString::fromUtf8(PQport(m_conn)));
    if (PQstatus(m_conn) != CONNECTION_OK) {
        // libpq's message names host and port but never the password.
        const QString message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        PQfinish(m_conn);
        m_conn = nullptr;
        throw SqlError(QStringLiteral("cannot connect to PostgreSQL database %1: %2").arg(m_name, message).toStdString());
    }
    // Notices ("table already exists, skipping", "no transaction in progress") are
    // expected chatter of idempotent statements; libpq would print them to stderr.
    PQsetNoticeProcessor(m_conn, [](void *, const char *) {}, nullptr);
    // The '?' scanner treats backslashes in '...' as ordinary characters, which is
    // only true with standard_conforming_strings (the default since 9.1).
    const char *conforming = PQparameterStatus(m_conn, "standard_conforming_strings");
    if (!conforming || qstrcmp(conforming, "on") != 0) {
        PQfinish(m_conn);
        m_conn = nullptr;
        throw SqlError(QStringLiteral("PostgreSQL database %1 runs with standard_conforming_strings off; "
                                      "Onsite needs it on")
                           .arg(m_name)
                           .toStdString());
    }
}

PostgresConnection::~PostgresConnection()
{
    // Closing the session frees its prepared statements on the server.
    PQfinish(m_conn);
}

QString PostgresConnection::translatePlaceholders(const QString &sql, int *count)
{
    QString out;
    out.reserve(sql.size() + 16);
    int placeholders = 0;
    qsizetype i = 0;
    while (i < sql.size()) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < sql.size() ? sql.at(i + 1) : QChar();
        qsizetype end = i + 1;
        if (c == u'?') {
            out += u'$' + QString::number(++placeholders);
            ++i;
            continue;
        }
        if (c == u'\'') {
            const bool escapeString = i > 0 && (sql.at(i - 1) == u'E' || sql.at(i - 1) == u'e')
                                      && (i < 2 || !isIdentifierChar(sql.at(i - 2)));
            end = skipQuoted(sql, i, c, escapeString);
        } else if (c == u'"') {
            end = skipQuoted(sql, i, c, false);
        } else if (c == u'-' && next == u'-') {
            const qsizetype newline = sql.indexOf(u'\n', i);
            end = newline < 0 ? sql.size() : newline + 1;
        } else if (c == u'/' && next == u'*') {
            end = skipBlockComment(sql, i);
        } else if (c == u'$') {
            end = skipDollarQuoted(sql, i);
        }
        out += QStringView(sql).mid(i, end - i);
        i = end;
    }
    if (count)
        *count = placeholders;
    return out;
}

const PostgresConnection::Statement &PostgresConnection::prepared(const QString &sql)
{
    const auto cached = m_statements.constFind(sql);
    if (cached != m_statements.constEnd())
        return *cached;
    Statement statement;
    const QByteArray text = translatePlaceholders(sql, &statement.parameterCount).toUtf8();
    statement.name = "onsite_" + QByteArray::number(++m_nextStatement);
    // No parameter types: the server infers them from the context, as SQLite's
    // affinity does, so '5' fits an INTEGER column and 1/0 a BOOLEAN one.
    Result result(PQprepare(m_conn, statement.name.constData(), text.constData(), 0, nullptr));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK)
        fail(QStringLiteral("prepare"), sql, result.release());
    return *m_statements.insert(sql, statement);
}

const PostgresConnection::Statement &PostgresConnection::prepared(const QString &sql, const QVariantList &params)
{
    const Statement &statement = prepared(sql);
    if (statement.parameterCount != params.size())
        throw SqlError(QStringLiteral("statement expects %1 parameters, got %2: \"%3\"")
                           .arg(statement.parameterCount)
                           .arg(params.size())
                           .arg(sql)
                           .toStdString());
    return statement;
}

PGresult *PostgresConnection::run(const QString &sql, const QVariantList &params)
{
    checkOpen();
    const Statement &statement = prepared(sql, params);
    const Parameters p(params);
    PGresult *result = PQexecPrepared(m_conn, statement.name.constData(), static_cast<int>(params.size()),
                                      p.values.data(), p.lengths.data(), p.formats.data(), 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(QStringLiteral("execute"), sql, result);
    return result;
}

PGresult *PostgresConnection::runSimple(const QString &sql)
{
    checkOpen();
    PGresult *result = PQexec(m_conn, sql.toUtf8().constData());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        fail(QStringLiteral("execute"), sql, result);
    return result;
}

void PostgresConnection::execute(const QString &sql, const QVariantList &params)
{
    Result result(run(sql, params));
}

std::vector<SqlRow> PostgresConnection::query(const QString &sql, const QVariantList &params)
{
    Result result(run(sql, params));
    const int rowCount = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    std::vector<SqlRow> rows;
    rows.reserve(static_cast<size_t>(rowCount));
    for (int r = 0; r < rowCount; ++r) {
        SqlRow row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row << columnValue(result.get(), r, c);
        rows.push_back(std::move(row));
    }
    return rows;
}

void PostgresConnection::stream(const QString &sql, const QVariantList &params,
                                const std::function<void(PGresult *, int)> &row)
{
    checkOpen();
    const Statement &statement = prepared(sql, params);
    const Parameters p(params);
    if (!PQsendQueryPrepared(m_conn, statement.name.constData(), static_cast<int>(params.size()), p.values.data(),
                             p.lengths.data(), p.formats.data(), 0))
        fail(QStringLiteral("query"), sql, nullptr);
    // Without single-row mode (it fails only right after a failed send) the rows still
    // arrive, as one result.
    PQsetSingleRowMode(m_conn);
    PGresult *failure = nullptr;
    std::exception_ptr thrown;
    // Every result is read, even after a failure or a throwing `row`, so the connection
    // is ready for the next statement.
    while (PGresult *raw = PQgetResult(m_conn)) {
        Result result(raw);
        const ExecStatusType status = PQresultStatus(raw);
        if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
            for (int r = 0; !failure && !thrown && r < PQntuples(raw); ++r) {
                try {
                    row(raw, r);
                } catch (...) {
                    thrown = std::current_exception();
                }
            }
        } else if (status != PGRES_COMMAND_OK && !failure) {
            failure = result.release();
        }
    }
    if (failure)
        fail(QStringLiteral("query"), sql, failure);
    if (thrown)
        std::rethrow_exception(thrown);
}

void PostgresConnection::queryEach(const QString &sql, const QVariantList &params,
                                   const std::function<void(const SqlRow &)> &each)
{
    SqlRow row;
    stream(sql, params, [&](PGresult *result, int r) {
        const int columns = PQnfields(result);
        row.resize(columns);
        for (int c = 0; c < columns; ++c)
            row[c] = columnValue(result, r, c);
        each(row);
    });
}

void PostgresConnection::queryEachText(const QString &sql, const QVariantList &params,
                                       const std::function<void(const SqlTextRow &)> &each)
{
    SqlTextRow row;
    stream(sql, params, [&](PGresult *result, int r) {
        const int columns = PQnfields(result);
        if (row.size() != columns)
            row.resize(columns);
        for (int c = 0; c < columns; ++c)
            row.set(c, QByteArrayView(PQgetvalue(result, r, c), PQgetlength(result, r, c)), PQgetisnull(result, r, c));
        each(row);
    });
}

void PostgresConnection::executeScript(const QString &sql)
{
    // PQexec runs ';'-separated statements in one go (and, outside a transaction, as
    // one implicit transaction); it stops at the first error and returns that.
    Result result(runSimple(sql));
}

void PostgresConnection::begin()
{
    checkOpen();
    // PostgreSQL only warns about a nested BEGIN; SQLite refuses it. Refusing here
    // too keeps a nesting mistake from passing on one engine only.
    if (PQtransactionStatus(m_conn) != PQTRANS_IDLE)
        throw SqlError(QStringLiteral("%1: cannot begin a transaction within a transaction").arg(m_name).toStdString());
    Result result(runSimple(QStringLiteral("BEGIN")));
}

void PostgresConnection::commit()
{
    // After a failed statement PostgreSQL answers COMMIT by rolling back, without an
    // error; a caller who swallowed that failure must not believe the data is saved.
    Result result(runSimple(QStringLiteral("COMMIT")));
    if (qstrcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0)
        throw SqlError(QStringLiteral("%1: commit failed: a statement in the transaction failed earlier, so "
                                      "PostgreSQL rolled it back")
                           .arg(m_name)
                           .toStdString());
}

void PostgresConnection::rollback() { Result result(runSimple(QStringLiteral("ROLLBACK"))); }

void PostgresConnection::checkOpen() const
{
    if (PQstatus(m_conn) != CONNECTION_OK)
        throw SqlError(QStringLiteral("%1: the connection to the server was lost; open a new connection")
                           .arg(m_name)
                           .toStdString());
}

void PostgresConnection::fail(const QString &what, const QString &sql, PGresult *raw)
{
    const Result result(raw);
    QString message;
    QString state;
    if (result) {
        message = QString::fromUtf8(PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY));
        const char *detail = PQresultErrorField(result.get(), PG_DIAG_MESSAGE_DETAIL);
        if (detail)
            message += QStringLiteral(" (%1)").arg(QString::fromUtf8(detail));
        state = QString::fromUtf8(PQresultErrorField(result.get(), PG_DIAG_SQLSTATE));
    }
    if (message.isEmpty()) // client-side failures (lost connection) have no fields
        message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    if (PQstatus(m_conn) != CONNECTION_OK)
        message += QStringLiteral(" [connection to the server lost]");
    if (!state.isEmpty())
        message += QStringLiteral(" [SQLSTATE %1]").arg(state);
    throw SqlError(QStringLiteral("%1: %2 \"%3\" failed: %4").arg(m_name, what, sql, message).toStdString());
}

} // namespace onsite
