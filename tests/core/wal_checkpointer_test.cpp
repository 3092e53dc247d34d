// WalCheckpointer: serve's SQLite commits leave the WAL's pages to a thread of their own
// (wal_autocheckpoint = 0), which copies them into the database file.
#include "store/sqliteconnection.h"
#include "store/walcheckpointer.h"

#include <gtest/gtest.h>

#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <thread>

namespace onsite {
namespace {

using namespace std::chrono_literals;

// Writes about 4 MB through a connection that never checkpoints itself.
void writeWithoutCheckpoints(SqliteConnection &db)
{
    db.executeScript(QStringLiteral("PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"));
    SqlTransaction transaction(db);
    const QString value(1000, QLatin1Char('x'));
    for (int i = 0; i < 4000; ++i)
        db.execute(QStringLiteral("INSERT INTO t (v) VALUES (?)"), {value});
    transaction.commit();
}

TEST(WalCheckpointer, CopiesCommittedPagesIntoTheDatabaseFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hq.sqlite"));
    SqliteConnection writer(path);
    writeWithoutCheckpoints(writer);
    // Nothing copied yet: the rows live in the WAL only.
    ASSERT_LT(QFileInfo(path).size(), 1'000'000);
    ASSERT_GT(QFileInfo(path + QStringLiteral("-wal")).size(), 3'000'000);

    WalCheckpointer checkpointer(std::make_unique<SqliteConnection>(path), 10ms);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    // The file grows while a checkpoint runs, before the thread counts it: wait for both.
    while ((checkpointer.copyingRuns() < 1 || QFileInfo(path).size() < 4'000'000)
           && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    EXPECT_GE(QFileInfo(path).size(), 4'000'000);
    EXPECT_GE(checkpointer.copyingRuns(), 1);
    // The writer's data is intact and the writer goes on beside it.
    writer.execute(QStringLiteral("INSERT INTO t (v) VALUES ('after')"));
    EXPECT_EQ(writer.query(QStringLiteral("SELECT COUNT(*) FROM t")).front()[0].toInt(), 4001);
}

TEST(WalCheckpointer, CopiesWhatWasCommittedLastWhenItStops)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hq.sqlite"));
    SqliteConnection writer(path);
    {
        // A period far longer than the test: only the last checkpoint at stop can copy.
        WalCheckpointer checkpointer(std::make_unique<SqliteConnection>(path), 1h);
        writeWithoutCheckpoints(writer);
        ASSERT_LT(QFileInfo(path).size(), 1'000'000);
    }
    EXPECT_GE(QFileInfo(path).size(), 4'000'000);
}

} // namespace
} // namespace onsite
