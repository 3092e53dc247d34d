#include "store/sqliteconnection.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <limits>
#include <memory>
#include <stdexcept>

// The fixture takes the class's name for the suite, so the class stays qualified.
using onsite::SqlError;
using onsite::SqlRow;
using onsite::SqlTransaction;

namespace {

class SqliteConnection : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_db = std::make_unique<onsite::SqliteConnection>(path());
        m_db->executeScript(QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                                           "CREATE TABLE child (id INTEGER PRIMARY KEY, "
                                           "parent_id INTEGER NOT NULL REFERENCES parent(id));"
                                           "CREATE TABLE item (value);"));
    }

    QString path() const { return QDir(m_dir.path()).filePath(QStringLiteral("test.sqlite")); }

    qlonglong itemCount()
    {
        return m_db->query(QStringLiteral("SELECT COUNT(*) FROM item")).front().value(0).toLongLong();
    }

    // Stores one value and reads it back through a fresh row.
    QVariant roundTrip(const QVariant &value)
    {
        m_db->execute(QStringLiteral("DELETE FROM item"));
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {value});
        const auto rows = m_db->query(QStringLiteral("SELECT value FROM item"));
        if (rows.size() != 1)
            throw std::logic_error("expected exactly one row");
        return rows.front().value(0);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<onsite::SqliteConnection> m_db;
};

} // namespace

TEST_F(SqliteConnection, FileDatabaseUsesWal)
{
    const auto mode = m_db->query(QStringLiteral("PRAGMA journal_mode"));
    ASSERT_EQ(mode.size(), 1u);
    EXPECT_EQ(mode.front().value(0).toString().toLower(), QStringLiteral("wal"));

    // WAL is recorded in the file itself (header bytes 18 and 19 are 2), so other
    // processes opening the file also use it.
    m_db->execute(QStringLiteral("INSERT INTO parent (id) VALUES (1)"));
    m_db.reset();
    QFile file(path());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray header = file.read(100);
    ASSERT_EQ(header.size(), 100);
    EXPECT_EQ(header.at(18), 2);
    EXPECT_EQ(header.at(19), 2);
}

TEST_F(SqliteConnection, EnforcesForeignKeys)
{
    EXPECT_EQ(m_db->query(QStringLiteral("PRAGMA foreign_keys")).front().value(0).toInt(), 1);
    EXPECT_THROW(m_db->execute(QStringLiteral("INSERT INTO child (id, parent_id) VALUES (?, ?)"), {1, 42}), SqlError);
    EXPECT_TRUE(m_db->query(QStringLiteral("SELECT id FROM child")).empty());

    m_db->execute(QStringLiteral("INSERT INTO parent (id) VALUES (?)"), {42});
    EXPECT_NO_THROW(m_db->execute(QStringLiteral("INSERT INTO child (id, parent_id) VALUES (?, ?)"), {1, 42}));
    // A referenced parent cannot be deleted from under its child either.
    EXPECT_THROW(m_db->execute(QStringLiteral("DELETE FROM parent WHERE id = ?"), {42}), SqlError);
}

TEST_F(SqliteConnection, BindsNullAsNull)
{
    const QVariant value = roundTrip(QVariant());
    EXPECT_TRUE(value.isNull());
    EXPECT_EQ(m_db->query(QStringLiteral("SELECT COUNT(*) FROM item WHERE value IS NULL")).front().value(0).toInt(), 1);
}

TEST_F(SqliteConnection, BindsInt64Exactly)
{
    // 2^53 + 1 does not survive a detour through double.
    const qlonglong big = 9007199254740993LL;
    QVariant value = roundTrip(QVariant::fromValue<qlonglong>(big));
    EXPECT_EQ(value.typeId(), QMetaType::LongLong);
    EXPECT_EQ(value.toLongLong(), big);

    value = roundTrip(QVariant::fromValue<qlonglong>(std::numeric_limits<qlonglong>::min()));
    EXPECT_EQ(value.toLongLong(), std::numeric_limits<qlonglong>::min());
    EXPECT_EQ(roundTrip(-7).toLongLong(), -7);
}

TEST_F(SqliteConnection, BindsDoubleExactly)
{
    const double latitude = 35.562381234567891;
    const QVariant value = roundTrip(latitude);
    EXPECT_EQ(value.typeId(), QMetaType::Double);
    EXPECT_EQ(value.toDouble(), latitude);
    EXPECT_EQ(roundTrip(-0.1).toDouble(), -0.1);
}

TEST_F(SqliteConnection, BindsChineseText)
{
    const QString text = QStringLiteral("2026年上半年全市组织工作量化考评：“两新”党建 ✓ 𠀋");
    const QVariant value = roundTrip(text);
    EXPECT_EQ(value.typeId(), QMetaType::QString);
    EXPECT_EQ(value.toString(), text);
    // Stored as text, so SQL sees the characters, not bytes.
    EXPECT_EQ(m_db->query(QStringLiteral("SELECT length(value) FROM item")).front().value(0).toInt(), text.toUcs4().size());
    EXPECT_EQ(m_db->query(QStringLiteral("SELECT value FROM item WHERE value LIKE ?"), {QStringLiteral("%党建%")}).size(), 1u);
}

TEST_F(SqliteConnection, BindsBlobWithEmbeddedZeros)
{
    const QByteArray blob("\x00\x01\xff\xfe photo\x00tail", 15);
    const QVariant value = roundTrip(blob);
    EXPECT_EQ(value.typeId(), QMetaType::QByteArray);
    EXPECT_EQ(value.toByteArray(), blob);
    EXPECT_EQ(m_db->query(QStringLiteral("SELECT typeof(value), length(value) FROM item")).front(),
              (SqlRow{QStringLiteral("blob"), QVariant::fromValue<qlonglong>(15)}));
}

TEST_F(SqliteConnection, BindsSeveralParametersInOrder)
{
    m_db->executeScript(QStringLiteral("CREATE TABLE triple (a, b, c)"));
    m_db->execute(QStringLiteral("INSERT INTO triple VALUES (?, ?, ?)"), {QStringLiteral("甲"), 2, QVariant()});
    const auto rows = m_db->query(QStringLiteral("SELECT a, b, c FROM triple WHERE b = ?"), {2});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].toString(), QStringLiteral("甲"));
    EXPECT_EQ(rows[0][1].toLongLong(), 2);
    EXPECT_TRUE(rows[0][2].isNull());
}

TEST_F(SqliteConnection, WrongParameterCountThrows)
{
    const QString insert = QStringLiteral("INSERT INTO child (id, parent_id) VALUES (?, ?)");
    m_db->execute(QStringLiteral("INSERT INTO parent (id) VALUES (1)"));
    EXPECT_THROW(m_db->execute(insert, {1}), SqlError);
    EXPECT_THROW(m_db->execute(insert, {1, 1, 1}), SqlError);
    EXPECT_THROW(m_db->query(QStringLiteral("SELECT id FROM parent WHERE id = ?")), SqlError);
    EXPECT_TRUE(m_db->query(QStringLiteral("SELECT id FROM child")).empty());

    // The cached statement is not left half-bound by the failed calls.
    EXPECT_NO_THROW(m_db->execute(insert, {1, 1}));
    EXPECT_EQ(m_db->query(QStringLiteral("SELECT COUNT(*) FROM child")).front().value(0).toInt(), 1);
}

TEST_F(SqliteConnection, TransactionRollsBackUnlessCommitted)
{
    {
        SqlTransaction transaction(*m_db);
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {1});
        EXPECT_EQ(itemCount(), 1);
    }
    EXPECT_EQ(itemCount(), 0);

    {
        SqlTransaction transaction(*m_db);
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {2});
        transaction.commit();
    }
    EXPECT_EQ(itemCount(), 1);
}

TEST_F(SqliteConnection, TransactionRollsBackWhenExceptionUnwinds)
{
    const auto failingWrite = [this] {
        SqlTransaction transaction(*m_db);
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {1});
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {2});
        throw std::runtime_error("validation failed after two writes");
    };
    EXPECT_THROW(failingWrite(), std::runtime_error);
    EXPECT_EQ(itemCount(), 0);

    // An SQL error inside the transaction unwinds the same way.
    const auto failingSql = [this] {
        SqlTransaction transaction(*m_db);
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {3});
        m_db->execute(QStringLiteral("INSERT INTO child (id, parent_id) VALUES (?, ?)"), {1, 999});
        transaction.commit();
    };
    EXPECT_THROW(failingSql(), SqlError);
    EXPECT_EQ(itemCount(), 0);

    // No transaction is left open: a new one can begin and commit.
    SqlTransaction transaction(*m_db);
    m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {4});
    transaction.commit();
    EXPECT_EQ(itemCount(), 1);
}

TEST_F(SqliteConnection, CommittedDataSurvivesReopening)
{
    {
        SqlTransaction transaction(*m_db);
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {QStringLiteral("持久")});
        transaction.commit();
    }
    m_db.reset();
    onsite::SqliteConnection reopened(path());
    const auto rows = reopened.query(QStringLiteral("SELECT value FROM item"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].toString(), QStringLiteral("持久"));
}

TEST_F(SqliteConnection, StatementErrorNamesTheSql)
{
    const QString badInsert = QStringLiteral("INSERT INTO no_such_table (value) VALUES (?)");
    try {
        m_db->execute(badInsert, {1});
        FAIL() << "expected SqlError";
    } catch (const SqlError &e) {
        const QString message = QString::fromUtf8(e.what());
        EXPECT_TRUE(message.contains(badInsert)) << e.what();
        EXPECT_TRUE(message.contains(QStringLiteral("no_such_table"))) << e.what();
    }

    // An error while stepping (not preparing) names the statement too.
    m_db->execute(QStringLiteral("INSERT INTO parent (id) VALUES (?)"), {7});
    const QString duplicate = QStringLiteral("INSERT INTO parent (id) VALUES (?)");
    try {
        m_db->execute(duplicate, {7});
        FAIL() << "expected SqlError";
    } catch (const SqlError &e) {
        const QString message = QString::fromUtf8(e.what());
        EXPECT_TRUE(message.contains(duplicate)) << e.what();
        EXPECT_TRUE(message.contains(QStringLiteral("UNIQUE"), Qt::CaseInsensitive)) << e.what();
    }

    const QString badQuery = QStringLiteral("SELECT missing_column FROM item");
    try {
        m_db->query(badQuery);
        FAIL() << "expected SqlError";
    } catch (const SqlError &e) {
        EXPECT_TRUE(QString::fromUtf8(e.what()).contains(badQuery)) << e.what();
    }
}

TEST_F(SqliteConnection, UnopenablePathThrows)
{
    const QString inMissingFolder = QDir(m_dir.path()).filePath(QStringLiteral("missing/sub/db.sqlite"));
    EXPECT_THROW(onsite::SqliteConnection{inMissingFolder}, SqlError);
    EXPECT_FALSE(QFile::exists(inMissingFolder));
}

TEST_F(SqliteConnection, SnapshotReadersSeeOneMomentAndNoLaterCommit)
{
    for (int i = 0; i < 3; ++i)
        m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (?)"), {i});
    auto readers = m_db->openSnapshotReaders(2);
    ASSERT_EQ(readers.size(), 2u);
    m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (99)")); // commits after the readers opened
    for (const auto &reader : readers)
        EXPECT_EQ(reader->query(QStringLiteral("SELECT COUNT(*) FROM item")).front().value(0).toLongLong(), 3);
    EXPECT_EQ(itemCount(), 4);
    readers.clear(); // the snapshots end with their connections
    auto later = m_db->openSnapshotReaders(1);
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0]->query(QStringLiteral("SELECT COUNT(*) FROM item")).front().value(0).toLongLong(), 4);
}

TEST_F(SqliteConnection, NoSnapshotReadersInsideATransactionInMemoryOrWhileAWriterHoldsTheDatabase)
{
    m_db->begin(); // another connection would not see this transaction's writes
    m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES (1)"));
    EXPECT_TRUE(m_db->openSnapshotReaders(2).empty());
    m_db->rollback();

    onsite::SqliteConnection memory(QStringLiteral(":memory:"));
    EXPECT_FALSE(memory.hasSnapshotReaders());
    EXPECT_TRUE(memory.openSnapshotReaders(2).empty());
    EXPECT_TRUE(m_db->hasSnapshotReaders()) << "a plain file: only not now, inside the transaction";

    onsite::SqliteConnection writer(path());
    writer.begin();
    EXPECT_TRUE(m_db->openSnapshotReaders(2).empty()) << "no reader waits behind a long write";
    writer.rollback();
    EXPECT_EQ(m_db->openSnapshotReaders(2).size(), 2u);
}

// Text parameters share one UTF-8 buffer per statement (ASCII written directly, anything
// else through Qt's encoder): each value must come back exactly, byte length included.
TEST_F(SqliteConnection, TextParametersOfOneStatementComeBackEachAsBound)
{
    const QStringList texts{QString(), QStringLiteral("plain"), QStringLiteral("较好"), QStringLiteral("a较"),
                            QStringLiteral("较a"), QString::fromUcs4(U"\U0001F600 ok"), QStringLiteral("x\ny\"z"),
                            QString(300, QLatin1Char('q')), QStringLiteral("末尾")};
    QVariantList params;
    for (const QString &text : texts)
        params << text << 7;
    QStringList marks;
    for (qsizetype i = 0; i < texts.size(); ++i)
        marks << QStringLiteral("(?), (?)");
    m_db->execute(QStringLiteral("INSERT INTO item (value) VALUES %1").arg(marks.join(QLatin1Char(','))), params);
    const auto rows = m_db->query(QStringLiteral("SELECT value, length(CAST(value AS BLOB)) FROM item "
                                                 "WHERE typeof(value) = 'text' ORDER BY rowid"));
    ASSERT_EQ(rows.size(), std::size_t(texts.size()));
    for (qsizetype i = 0; i < texts.size(); ++i) {
        EXPECT_EQ(rows[i][0].toString(), texts[i]) << i;
        EXPECT_EQ(rows[i][1].toLongLong(), texts[i].toUtf8().size()) << i;
    }
}

// A multi-row insert binds its chunks as slices of one list (hq::insertRows).
TEST_F(SqliteConnection, ExecuteSliceBindsOnlyThatPartOfTheList)
{
    const QVariantList values{QStringLiteral("a"), QStringLiteral("较"), 3, QStringLiteral("d"), QStringLiteral("e")};
    m_db->executeSlice(QStringLiteral("INSERT INTO item (value) VALUES (?), (?)"), values, 1, 2);
    m_db->executeSlice(QStringLiteral("INSERT INTO item (value) VALUES (?)"), values, 4, 1);
    const auto rows = m_db->query(QStringLiteral("SELECT value FROM item ORDER BY rowid"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0].toString(), QStringLiteral("较"));
    EXPECT_EQ(rows[1][0].toLongLong(), 3);
    EXPECT_EQ(rows[2][0].toString(), QStringLiteral("e"));
    // Outside the list, or a count the statement does not take: refused, nothing written.
    EXPECT_THROW(m_db->executeSlice(QStringLiteral("INSERT INTO item (value) VALUES (?)"), values, 5, 1), SqlError);
    EXPECT_THROW(m_db->executeSlice(QStringLiteral("INSERT INTO item (value) VALUES (?)"), values, -1, 1), SqlError);
    EXPECT_THROW(m_db->executeSlice(QStringLiteral("INSERT INTO item (value) VALUES (?)"), values, 0, 2), SqlError);
    EXPECT_EQ(itemCount(), 3);
}
