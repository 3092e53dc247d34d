#include "writerqueue.h"

#include <algorithm>

namespace onsite {

bool WriterQueue::enter(std::chrono::milliseconds longest)
{
    std::unique_lock lock(m_mutex);
    const std::uint64_t ticket = m_nextTicket++;
    m_waiting.push_back(ticket);
    const bool turn = m_changed.wait_for(lock, longest, [&] { return !m_taken && m_waiting.front() == ticket; });
    if (!turn) {
        m_waiting.erase(std::find(m_waiting.begin(), m_waiting.end(), ticket));
        lock.unlock();
        m_changed.notify_all(); // the next in line may have been waiting behind this one
        return false;
    }
    m_waiting.pop_front();
    m_taken = true;
    return true;
}

void WriterQueue::leave()
{
    {
        std::lock_guard lock(m_mutex);
        m_taken = false;
    }
    m_changed.notify_all(); // a handful of workers: waking all is cheaper than tracking one
}

QueuedWriterConnection::QueuedWriterConnection(std::unique_ptr<SqlConnection> inner, std::shared_ptr<WriterQueue> queue,
                                               std::chrono::milliseconds longestWait)
    : m_inner(std::move(inner)), m_queue(std::move(queue)), m_longestWait(longestWait)
{
}

QueuedWriterConnection::~QueuedWriterConnection() { leaveQueue(); }

void QueuedWriterConnection::leaveQueue()
{
    if (m_holdsTurn) {
        m_holdsTurn = false;
        m_queue->leave();
    }
}

void QueuedWriterConnection::execute(const QString &sql, const QVariantList &params)
{
    if (m_inTransaction) {
        m_inner->execute(sql, params);
        return;
    }
    // A statement on its own is a transaction of its own, and may write.
    m_holdsTurn = m_queue->enter(m_longestWait);
    try {
        m_inner->execute(sql, params);
    } catch (...) {
        leaveQueue();
        throw;
    }
    leaveQueue();
}

std::vector<SqlRow> QueuedWriterConnection::query(const QString &sql, const QVariantList &params)
{
    return m_inner->query(sql, params);
}

void QueuedWriterConnection::queryEach(const QString &sql, const QVariantList &params,
                                       const std::function<void(const SqlRow &)> &each)
{
    m_inner->queryEach(sql, params, each);
}

// Passed through so the score table's text rows keep SQLite's own fast path.
void QueuedWriterConnection::queryEachText(const QString &sql, const QVariantList &params,
                                           const std::function<void(const SqlTextRow &)> &each)
{
    m_inner->queryEachText(sql, params, each);
}

void QueuedWriterConnection::executeSlice(const QString &sql, const QVariantList &params, qsizetype from,
                                          qsizetype count)
{
    if (m_inTransaction)
        return m_inner->executeSlice(sql, params, from, count); // a push's multi-row inserts
    execute(sql, params.mid(from, count));
}

void QueuedWriterConnection::executeScript(const QString &sql) { m_inner->executeScript(sql); }

std::vector<std::unique_ptr<SqlConnection>> QueuedWriterConnection::openSnapshotReaders(int count)
{
    if (m_inTransaction)
        return {};
    return m_inner->openSnapshotReaders(count);
}

void QueuedWriterConnection::begin()
{
    if (!m_holdsTurn)
        m_holdsTurn = m_queue->enter(m_longestWait);
    try {
        m_inner->begin();
    } catch (...) {
        leaveQueue();
        throw;
    }
    m_inTransaction = true;
}

void QueuedWriterConnection::commit()
{
    m_inner->commit(); // a failed commit leaves the transaction open for rollback()
    m_inTransaction = false;
    leaveQueue();
}

void QueuedWriterConnection::rollback()
{
    m_inTransaction = false;
    try {
        m_inner->rollback();
    } catch (...) {
        leaveQueue();
        throw;
    }
    leaveQueue();
}

} // namespace onsite
