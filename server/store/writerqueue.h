#pragma once

#include "store/sqlconnection.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

namespace onsite {

// One SQLite database's writers in this process, served first come, first served.
// SQLite lets one writer in at a time; a connection that finds the write lock taken
// sleeps in the busy handler (1, 2, 5 … 100 ms steps) and may miss the moment it frees,
// so under load HQ's workers slept while the lock stood free (docs/BENCHMARKS.md, "Many
// tablets at once"). Waiting here wakes the next writer as the previous one commits.
// Other processes (the admin commands, a second serve) still meet the busy handler.
class WriterQueue
{
public:
    // True once it is the caller's turn; false when `longest` passed first (the caller
    // then goes on without a turn and meets the busy handler, as before).
    bool enter(std::chrono::milliseconds longest);
    void leave();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::uint64_t> m_waiting;
    std::uint64_t m_nextTicket = 0;
    bool m_taken = false;
};

// A connection whose write transactions (and writes outside one) take their turn in a
// WriterQueue shared by every connection to the same database in this process. Reads
// outside a transaction go straight through: WAL readers do not wait for the writer.
class QueuedWriterConnection : public SqlConnection
{
public:
    QueuedWriterConnection(std::unique_ptr<SqlConnection> inner, std::shared_ptr<WriterQueue> queue,
                           std::chrono::milliseconds longestWait = std::chrono::seconds(30));
    ~QueuedWriterConnection() override;

    void execute(const QString &sql, const QVariantList &params = {}) override;
    void executeSlice(const QString &sql, const QVariantList &params, qsizetype from, qsizetype count) override;
    std::vector<SqlRow> query(const QString &sql, const QVariantList &params = {}) override;
    void queryEach(const QString &sql, const QVariantList &params,
                   const std::function<void(const SqlRow &)> &each) override;
    void queryEachText(const QString &sql, const QVariantList &params,
                       const std::function<void(const SqlTextRow &)> &each) override;
    void executeScript(const QString &sql) override;
    std::vector<std::unique_ptr<SqlConnection>> openSnapshotReaders(int count) override; // reads need no turn
    bool hasSnapshotReaders() const override { return m_inner->hasSnapshotReaders(); }
    void begin() override;
    void commit() override;
    void rollback() override;

private:
    void leaveQueue();

    std::unique_ptr<SqlConnection> m_inner;
    std::shared_ptr<WriterQueue> m_queue;
    std::chrono::milliseconds m_longestWait;
    bool m_inTransaction = false;
    bool m_holdsTurn = false;
};

} // namespace onsite
