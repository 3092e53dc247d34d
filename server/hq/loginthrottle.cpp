#include "loginthrottle.h"

namespace onsite::hq {

int LoginThrottle::waitFor(QList<QDateTime> &failures, const QDateTime &now, int limit) const
{
    const QDateTime windowStart = now.addSecs(-m_windowSeconds);
    while (!failures.isEmpty() && failures.front() <= windowStart)
        failures.removeFirst();
    if (failures.size() < limit)
        return 0;
    return static_cast<int>(qMax<qint64>(1, now.secsTo(failures.front().addSecs(m_windowSeconds))));
}

int LoginThrottle::retryAfter(const QString &account, const QString &peer, const QDateTime &now)
{
    std::lock_guard lock(m_mutex);
    // Per-address limit is wider: a whole group may sign in from one office router.
    const int byAccount = waitFor(m_byAccount[account], now, m_maxFailures);
    const int byPeer = waitFor(m_byPeer[peer], now, m_maxFailures * 4);
    return qMax(byAccount, byPeer);
}

void LoginThrottle::recordFailure(const QString &account, const QString &peer, const QDateTime &now)
{
    std::lock_guard lock(m_mutex);
    m_byAccount[account].append(now);
    m_byPeer[peer].append(now);
}

void LoginThrottle::recordSuccess(const QString &account)
{
    std::lock_guard lock(m_mutex);
    m_byAccount.remove(account);
}

} // namespace onsite::hq
