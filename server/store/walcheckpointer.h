#pragma once

#include "store/sqlconnection.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace onsite {

// Copies committed WAL pages into an SQLite database file on a thread of its own.
// serve's connections run with `wal_autocheckpoint = 0`: otherwise the commit that takes
// the WAL past 1,000 pages copies them all (with the file's fsync) while its client, and
// every writer queued behind it, waits. A PASSIVE checkpoint takes no writer's lock, so
// pushes go on beside it.
class WalCheckpointer
{
public:
    // `connection`: one of its own to the same database, used only by the thread.
    WalCheckpointer(std::unique_ptr<SqlConnection> connection, std::chrono::milliseconds period);
    // Stops the thread after a last checkpoint.
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // How many checkpoints copied pages so far.
    int copyingRuns() const;

private:
    void run();
    void checkpoint();

    std::unique_ptr<SqlConnection> m_db;
    std::chrono::milliseconds m_period;
    mutable std::mutex m_mutex;
    std::condition_variable m_stopRequested;
    bool m_stopping = false;
    int m_copyingRuns = 0;
    qint64 m_lastFrames = 0; // the thread's own
    qint64 m_lastCopied = 0;
    std::thread m_thread;
};

} // namespace onsite
