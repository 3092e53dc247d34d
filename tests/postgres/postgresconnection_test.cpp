#include "postgrestestdb.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using onsite::PostgresConnection;
using onsite::SqlError;
using onsite::SqlRow;
using onsite::SqlTransaction;
using onsite::test::PostgresTest;

class PostgresConnectionTest : public PostgresTest
{
};

namespace {

// Runs `f` and returns the SqlError message it threw, failing the test if it did not.
template <typename F>
std::string sqlErrorOf(F &&f)
{
    try {
        f();
    } catch (const SqlError &e) {
        return e.what();
    }
    ADD_FAILURE() << "expected SqlError";
    return {};
}

QByteArray everyByte()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(static_cast<char>(i));
    return QByteArray("\0\0zero first", 12) + bytes + QByteArray("\0", 1);
}

} // namespace

TEST(PostgresPlaceholders, TranslatesOnlyOutsideLiteralsIdentifiersAndComments)
{
    int count = 0;
    EXPECT_EQ(PostgresConnection::translatePlaceholders(QStringLiteral("SELECT ?, ? FROM t WHERE a = ?"), &count),
              QStringLiteral("SELECT $1, $2 FROM t WHERE a = $3"));
    EXPECT_EQ(count, 3);
    EXPECT_EQ(PostgresConnection::translatePlaceholders(
                  QStringLiteral("SELECT 'why?', 'it''s ?', \"odd?col\", ? -- really?\n, ? /* a /* b? */ ? */ , ?"),
                  &count),
              QStringLiteral("SELECT 'why?', 'it''s ?', \"odd?col\", $1 -- really?\n, $2 /* a /* b? */ ? */ , $3"));
    EXPECT_EQ(count, 3);
    EXPECT_EQ(PostgresConnection::translatePlaceholders(QStringLiteral("SELECT E'a\\'?', $$x?$$, $q$?$q$, ?"), &count),
              QStringLiteral("SELECT E'a\\'?', $$x?$$, $q$?$q$, $1"));
    EXPECT_EQ(count, 1);
    // A plain literal ending in a backslash closes at the next quote (standard strings).
    EXPECT_EQ(PostgresConnection::translatePlaceholders(QStringLiteral("SELECT 'C:\\', ?"), &count),
              QStringLiteral("SELECT 'C:\\', $1"));
    EXPECT_EQ(count, 1);
}

TEST_F(PostgresConnectionTest, ParametersRoundTripWithTheirTypes)
{
    db->executeScript(QStringLiteral("CREATE TABLE rt (id INTEGER PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, "
                                     "t TEXT, b BYTEA, flag INTEGER, small SMALLINT, yes BOOLEAN, n NUMERIC)"));
    const QString chinese = QStringLiteral("考评办·城区 “引号” 'quote' ? 🚩 ümlaut");
    const qlonglong big = std::numeric_limits<qlonglong>::max();
    const qlonglong low = std::numeric_limits<qlonglong>::min();
    const double third = 1.0 / 3.0;
    const QByteArray bytes = everyByte();
    const QString insert = QStringLiteral("INSERT INTO rt (id, i, d, t, b, flag, small, yes, n) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    db->execute(insert, {1, big, third, chinese, bytes, true, 7, true, QStringLiteral("12.5")});
    db->execute(insert, {2, low, -2.5e-300, QString(), QByteArray(), false, -7, false, 0.1});
    db->execute(insert, {3, QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), QVariant()});
    db->execute(insert, {4, QStringLiteral("42"), 1e300, QStringLiteral(""), QByteArray("\0", 1), 0, 0, 1, 3});

    const auto rows = db->query(QStringLiteral("SELECT id, i, d, t, b, flag, small, yes, n FROM rt ORDER BY id"));
    ASSERT_EQ(rows.size(), 4u);

    const SqlRow &r1 = rows[0];
    EXPECT_EQ(r1[0].typeId(), QMetaType::LongLong);
    EXPECT_EQ(r1[1].typeId(), QMetaType::LongLong);
    EXPECT_EQ(r1[1].toLongLong(), big);
    EXPECT_EQ(r1[2].typeId(), QMetaType::Double);
    EXPECT_EQ(r1[2].toDouble(), third); // exact, not approximately
    EXPECT_EQ(r1[3].typeId(), QMetaType::QString);
    EXPECT_EQ(r1[3].toString(), chinese);
    EXPECT_EQ(r1[4].typeId(), QMetaType::QByteArray);
    EXPECT_EQ(r1[4].toByteArray(), bytes);
    EXPECT_EQ(r1[4].toByteArray().size(), 12 + 256 + 1);
    EXPECT_EQ(r1[5].typeId(), QMetaType::LongLong); // bool stored as 1, like SQLite
    EXPECT_EQ(r1[5].toLongLong(), 1);
    EXPECT_EQ(r1[6].typeId(), QMetaType::LongLong);
    EXPECT_EQ(r1[6].toLongLong(), 7);
    EXPECT_EQ(r1[7].typeId(), QMetaType::Bool);
    EXPECT_TRUE(r1[7].toBool());
    EXPECT_EQ(r1[8].typeId(), QMetaType::Double);
    EXPECT_EQ(r1[8].toDouble(), 12.5);

    const SqlRow &r2 = rows[1];
    EXPECT_EQ(r2[1].toLongLong(), low);
    EXPECT_EQ(r2[2].toDouble(), -2.5e-300);
    EXPECT_FALSE(r2[3].isNull()); // an empty string is not NULL
    EXPECT_EQ(r2[3].toString(), QString());
    EXPECT_FALSE(r2[4].isNull());
    EXPECT_TRUE(r2[4].toByteArray().isEmpty());
    EXPECT_EQ(r2[5].toLongLong(), 0);
    EXPECT_FALSE(r2[7].toBool());
    EXPECT_EQ(r2[8].toDouble(), 0.1);

    for (int c = 1; c < 9; ++c)
        EXPECT_TRUE(rows[2][c].isNull()) << "column " << c;

    const SqlRow &r4 = rows[3];
    EXPECT_EQ(r4[1].toLongLong(), 42); // text into BIGINT, as SQLite's affinity allows
    EXPECT_EQ(r4[2].toDouble(), 1e300);
    EXPECT_EQ(r4[4].toByteArray(), QByteArray("\0", 1));
    EXPECT_TRUE(r4[7].toBool());

    // Parameters also work in WHERE clauses, typed by the column they meet.
    const auto found = db->query(QStringLiteral("SELECT id FROM rt WHERE t = ? AND b = ?"), {chinese, bytes});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0][0].toLongLong(), 1);
}

TEST_F(PostgresConnectionTest, NonFiniteDoublesRoundTrip)
{
    db->executeScript(QStringLiteral("CREATE TABLE f (id INTEGER, d DOUBLE PRECISION)"));
    db->execute(QStringLiteral("INSERT INTO f VALUES (1, ?), (2, ?), (3, ?)"),
                {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), std::nan("")});
    const auto rows = db->query(QStringLiteral("SELECT d FROM f ORDER BY id"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0].toDouble(), std::numeric_limits<double>::infinity());
    EXPECT_EQ(rows[1][0].toDouble(), -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(rows[2][0].toDouble()));
}

TEST_F(PostgresConnectionTest, QuestionMarkInsideStringLiteralIsNotAPlaceholder)
{
    db->executeScript(QStringLiteral("CREATE TABLE notes (id INTEGER, body TEXT)"));
    db->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES (?, 'Is it ready? It''s ready?')"), {1});
    const auto rows = db->query(QStringLiteral("SELECT body, ? FROM notes WHERE body <> 'why?' AND id = ?"),
                                {QStringLiteral("param"), 1});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].toString(), QStringLiteral("Is it ready? It's ready?"));
    EXPECT_EQ(rows[0][1].toString(), QStringLiteral("param"));
}

TEST_F(PostgresConnectionTest, PreparedStatementIsReusedAcrossCalls)
{
    db->executeScript(QStringLiteral("CREATE TABLE n (v INTEGER)"));
    for (int i = 0; i < 50; ++i)
        db->execute(QStringLiteral("INSERT INTO n (v) VALUES (?)"), {i});
    const auto rows = db->query(QStringLiteral("SELECT count(*), sum(v) FROM n"));
    EXPECT_EQ(rows[0][0].toLongLong(), 50);
    EXPECT_EQ(rows[0][1].toLongLong(), 49 * 50 / 2);
    // One server-side statement for the fifty inserts (plus the SELECT just run).
    const auto prepared = db->query(QStringLiteral("SELECT statement FROM pg_prepared_statements "
                                                   "WHERE statement LIKE 'INSERT INTO n %'"));
    ASSERT_EQ(prepared.size(), 1u);
    EXPECT_EQ(prepared[0][0].toString(), QStringLiteral("INSERT INTO n (v) VALUES ($1)"));
}

TEST_F(PostgresConnectionTest, TransactionWithoutCommitRollsBack)
{
    db->executeScript(QStringLiteral("CREATE TABLE t (v TEXT)"));
    db->execute(QStringLiteral("INSERT INTO t (v) VALUES (?)"), {QStringLiteral("before")});
    {
        SqlTransaction transaction(*db);
        db->execute(QStringLiteral("INSERT INTO t (v) VALUES (?)"), {QStringLiteral("uncommitted")});
        db->execute(QStringLiteral("DELETE FROM t WHERE v = ?"), {QStringLiteral("before")});
        EXPECT_EQ(db->query(QStringLiteral("SELECT v FROM t")).size(), 1u);
    }
    auto rows = db->query(QStringLiteral("SELECT v FROM t"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].toString(), QStringLiteral("before"));

    {
        SqlTransaction transaction(*db);
        db->execute(QStringLiteral("INSERT INTO t (v) VALUES (?)"), {QStringLiteral("committed")});
        transaction.commit();
    }
    EXPECT_EQ(db->query(QStringLiteral("SELECT v FROM t")).size(), 2u);

    // A second session sees only committed rows.
    auto other = database->connect();
    EXPECT_EQ(other->query(QStringLiteral("SELECT v FROM t")).size(), 2u);
}

TEST_F(PostgresConnectionTest, ExceptionInsideTransactionLeavesNothing)
{
    db->executeScript(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
    EXPECT_THROW(
        {
            SqlTransaction transaction(*db);
            db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1});
            db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1}); // duplicate key
            transaction.commit();
        },
        SqlError);
    EXPECT_TRUE(db->query(QStringLiteral("SELECT id FROM t")).empty());
    // The connection is usable again afterwards.
    db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {2});
    EXPECT_EQ(db->query(QStringLiteral("SELECT id FROM t")).size(), 1u);
}

TEST_F(PostgresConnectionTest, CommitAfterAFailedStatementThrows)
{
    db->executeScript(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
    SqlTransaction transaction(*db);
    db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1});
    EXPECT_THROW(db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1}), SqlError);
    // PostgreSQL would quietly turn this COMMIT into a ROLLBACK.
    const std::string message = sqlErrorOf([&] { transaction.commit(); });
    EXPECT_NE(message.find("rolled it back"), std::string::npos) << message;
    EXPECT_TRUE(db->query(QStringLiteral("SELECT id FROM t")).empty());
}

TEST_F(PostgresConnectionTest, NestedBeginIsRefusedLikeSqlite)
{
    SqlTransaction transaction(*db);
    EXPECT_THROW(db->begin(), SqlError);
}

TEST_F(PostgresConnectionTest, ErrorsThrowSqlErrorWithServerMessageAndSql)
{
    db->executeScript(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));

    std::string message = sqlErrorOf([&] { db->query(QStringLiteral("SELECT nope FROM t")); });
    EXPECT_NE(message.find("column \"nope\" does not exist"), std::string::npos) << message;
    EXPECT_NE(message.find("SELECT nope FROM t"), std::string::npos) << message;
    EXPECT_NE(message.find("42703"), std::string::npos) << message;

    db->execute(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), {1, QStringLiteral("a")});
    message = sqlErrorOf([&] {
        db->execute(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), {1, QStringLiteral("b")});
    });
    EXPECT_NE(message.find("duplicate key value violates unique constraint"), std::string::npos) << message;
    EXPECT_NE(message.find("23505"), std::string::npos) << message;

    message = sqlErrorOf([&] { db->execute(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), {2, QVariant()}); });
    EXPECT_NE(message.find("null value in column \"name\""), std::string::npos) << message;

    message = sqlErrorOf([&] { db->execute(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), {3}); });
    EXPECT_NE(message.find("expects 2 parameters, got 1"), std::string::npos) << message;

    message = sqlErrorOf([&] { db->executeScript(QStringLiteral("CREATE TABLE ok (a INTEGER); SELEC 1;")); });
    EXPECT_NE(message.find("syntax error"), std::string::npos) << message;
    // The script ran as one implicit transaction: its first statement is gone too.
    EXPECT_TRUE(db->query(QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_name = 'ok'")).empty());

    message = sqlErrorOf([&] {
        db->execute(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), {4, QString::fromUtf8("a\0b", 3)});
    });
    EXPECT_NE(message.find("NUL character"), std::string::npos) << message;

    // The password in the URL never appears in an error.
    QUrl bad(database->url());
    bad.setPassword(QStringLiteral("wrong-secret"));
    message = sqlErrorOf([&] { PostgresConnection connection(bad.toString()); });
    EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
    EXPECT_EQ(message.find("wrong-secret"), std::string::npos) << message;

    // Nothing above broke the connection.
    EXPECT_EQ(db->query(QStringLiteral("SELECT count(*) FROM t"))[0][0].toLongLong(), 1);
}

TEST_F(PostgresConnectionTest, ConnectionDroppedInsideTransactionThrowsInsteadOfCrashing)
{
    db->executeScript(QStringLiteral("CREATE TABLE t (id INTEGER)"));
    const qlonglong pid = db->query(QStringLiteral("SELECT pg_backend_pid()"))[0][0].toLongLong();
    const std::string message = sqlErrorOf([&] {
        SqlTransaction transaction(*db);
        db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1});
        // The timeout makes the call wait until the backend has really gone.
        const auto killed = database->connect()->query(QStringLiteral("SELECT pg_terminate_backend(?, 5000)"), {pid});
        EXPECT_TRUE(killed[0][0].toBool());
        db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {2});
        transaction.commit(); // not reached; the destructor's rollback must not throw
    });
    EXPECT_NE(message.find("INSERT INTO t"), std::string::npos) << message;
    EXPECT_NE(message.find("connection to the server lost"), std::string::npos) << message;
    // The half-done transaction died with the session.
    EXPECT_TRUE(database->connect()->query(QStringLiteral("SELECT id FROM t")).empty());
}

TEST_F(PostgresConnectionTest, DroppedConnectionThrowsOnEveryLaterCall)
{
    db->executeScript(QStringLiteral("CREATE TABLE t (id INTEGER)"));
    const qlonglong pid = db->query(QStringLiteral("SELECT pg_backend_pid()"))[0][0].toLongLong();
    database->connect()->query(QStringLiteral("SELECT pg_terminate_backend(?, 5000)"), {pid});

    const std::string first = sqlErrorOf([&] { db->execute(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1}); });
    EXPECT_FALSE(first.empty());
    const std::string later = sqlErrorOf([&] { db->query(QStringLiteral("SELECT id FROM t")); });
    EXPECT_NE(later.find("connection to the server was lost"), std::string::npos) << later;
    EXPECT_THROW(db->executeScript(QStringLiteral("SELECT 1")), SqlError);
    EXPECT_THROW(db->begin(), SqlError);
    EXPECT_THROW(db->commit(), SqlError);
    EXPECT_THROW(db->rollback(), SqlError);
    // A new connection works and sees the table.
    EXPECT_TRUE(database->connect()->query(QStringLiteral("SELECT id FROM t")).empty());
}

TEST(PostgresConnect, UnreachableServerThrows)
{
    // Port 1 on loopback: nothing listens, so the refusal is immediate.
    EXPECT_THROW(PostgresConnection(QStringLiteral("postgresql://onsite:onsite@127.0.0.1:1/postgres")), SqlError);
}
