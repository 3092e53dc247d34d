// WriterQueue: serve's SQLite writers take turns in the process instead of sleeping in
// SQLite's busy handler; a writer from outside the process still meets the busy handler.
#include "store/sqliteconnection.h"
#include "store/writerqueue.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace onsite {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<SqlConnection> queued(const QString &path, const std::shared_ptr<WriterQueue> &queue)
{
    return std::make_unique<QueuedWriterConnection>(std::make_unique<SqliteConnection>(path), queue);
}

TEST(WriterQueue, ServesWritersInTheOrderTheyCame)
{
    WriterQueue queue;
    ASSERT_TRUE(queue.enter(1s));
    std::vector<int> order;
    std::mutex orderMutex;
    std::vector<std::thread> writers;
    for (int i = 0; i < 4; ++i) {
        writers.emplace_back([&, i] {
            ASSERT_TRUE(queue.enter(10s));
            {
                std::lock_guard lock(orderMutex);
                order.push_back(i);
            }
            queue.leave();
        });
        std::this_thread::sleep_for(30ms); // each one in line before the next comes
    }
    EXPECT_TRUE(order.empty()) << "a writer went in while the turn was taken";
    queue.leave();
    for (auto &writer : writers)
        writer.join();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

TEST(WriterQueue, AWaitEndsInTimeAndTheNextInLineStillGetsItsTurn)
{
    WriterQueue queue;
    ASSERT_TRUE(queue.enter(1s));
    std::atomic<bool> secondEntered{false};
    std::thread first([&] { EXPECT_FALSE(queue.enter(100ms)); }); // gives up
    std::this_thread::sleep_for(20ms);
    std::thread second([&] {
        secondEntered = queue.enter(10s);
        if (secondEntered)
            queue.leave();
    });
    first.join();
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(secondEntered.load());
    queue.leave();
    second.join();
    EXPECT_TRUE(secondEntered.load());
}

TEST(WriterQueue, ManyWritersOnOneDatabaseLoseNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hq.sqlite"));
    auto queue = std::make_shared<WriterQueue>();
    {
        auto db = queued(path, queue);
        db->executeScript(QStringLiteral("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
                                         "INSERT INTO counter VALUES (1, 0);"));
    }
    constexpr int kThreads = 8;
    constexpr int kWrites = 50;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            try {
                auto db = queued(path, queue);
                for (int i = 0; i < kWrites; ++i) {
                    SqlTransaction transaction(*db);
                    const int n = db->query(QStringLiteral("SELECT n FROM counter WHERE id = 1")).front().value(0).toInt();
                    db->execute(QStringLiteral("UPDATE counter SET n = ? WHERE id = 1"), {n + 1});
                    if (i % 5 == 0) { // a write on its own takes a turn too
                        transaction.commit();
                        db->execute(QStringLiteral("UPDATE counter SET n = n + 1 WHERE id = 1"));
                        continue;
                    }
                    transaction.commit();
                }
            } catch (const std::exception &) {
                ++failures;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0);
    SqliteConnection check(path);
    EXPECT_EQ(check.query(QStringLiteral("SELECT n FROM counter")).front().value(0).toInt(),
              kThreads * (kWrites + kWrites / 5));
}

TEST(WriterQueue, ARolledBackOrFailedTransactionGivesTheTurnBack)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hq.sqlite"));
    auto queue = std::make_shared<WriterQueue>();
    auto db = queued(path, queue);
    db->executeScript(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY);"));
    {
        SqlTransaction transaction(*db);
        db->execute(QStringLiteral("INSERT INTO t VALUES (1)"));
    } // rolled back
    EXPECT_THROW(db->execute(QStringLiteral("INSERT INTO nowhere VALUES (1)")), SqlError);
    // Another process holds SQLite's write lock: BEGIN IMMEDIATE fails after the busy
    // handler's wait, and the turn is given back.
    SqliteConnection outsider(path);
    outsider.execute(QStringLiteral("PRAGMA busy_timeout = 0"));
    outsider.begin();
    auto impatient = queued(path, queue);
    impatient->execute(QStringLiteral("PRAGMA busy_timeout = 50"));
    EXPECT_THROW(impatient->begin(), SqlError);
    outsider.rollback();
    EXPECT_TRUE(queue->enter(100ms)) << "a turn was kept after a rollback or a failure";
    queue->leave();
    SqlTransaction transaction(*db);
    db->execute(QStringLiteral("INSERT INTO t VALUES (2)"));
    transaction.commit();
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM t")).front().value(0).toInt(), 1);
}

} // namespace
} // namespace onsite
