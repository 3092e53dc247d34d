#include "walcheckpointer.h"

#include <QDebug>

#include <exception>

namespace onsite {

WalCheckpointer::WalCheckpointer(std::unique_ptr<SqlConnection> connection, std::chrono::milliseconds period)
    : m_db(std::move(connection)), m_period(period), m_thread([this] { run(); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stopRequested.notify_all();
    m_thread.join();
}

int WalCheckpointer::copyingRuns() const
{
    std::lock_guard lock(m_mutex);
    return m_copyingRuns;
}

void WalCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_stopRequested.wait_for(lock, m_period, [this] { return m_stopping; }))
            break;
        lock.unlock();
        checkpoint();
        lock.lock();
    }
    lock.unlock();
    // After the stop was asked for, so it copies every commit made before it, even when a
    // round was already under way then.
    checkpoint();
}

void WalCheckpointer::checkpoint()
{
    try {
        // (busy, frames in the WAL, frames copied); nothing new to copy costs a look at the
        // WAL index only.
        const auto rows = m_db->query(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        if (rows.empty() || rows.front().size() < 3)
            return;
        const qint64 frames = rows.front()[1].toLongLong();
        const qint64 copied = rows.front()[2].toLongLong();
        if (copied > 0 && (frames != m_lastFrames || copied != m_lastCopied)) {
            std::lock_guard lock(m_mutex);
            ++m_copyingRuns;
        }
        m_lastFrames = frames;
        m_lastCopied = copied;
    } catch (const std::exception &error) { // the next round tries again; SQLite keeps the WAL
        qWarning().noquote() << "onsite-hq: WAL checkpoint failed:" << error.what();
    }
}

} // namespace onsite
