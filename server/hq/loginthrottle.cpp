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

int LoginThrottle::admit(const QString &account, const QString &peer, const QDateTime &now)
{
    std::lock_guard lock(m_mutex);
    // Looks up without inserting (operator[] would keep an entry for every name ever
    // tried, even in refused attempts), and forgets entries whose failures expired.
    auto wait = [&](QHash<QString, QList<QDateTime>> &table, const QString &key, int limit) {
        const auto it = table.find(key);
        if (it == table.end())
            return 0;
        const int seconds = waitFor(*it, now, limit);
        if (it->isEmpty())
            table.erase(it);
        return seconds;
    };
    // Per-address limit is wider: a whole group may sign in from one office router.
    const int byAccount = wait(m_byAccount, account, m_maxFailures);
    const int byPeer = wait(m_byPeer, peer, m_maxFailures * 4);
    if (const int seconds = qMax(byAccount, byPeer); seconds > 0)
        return seconds;

    // Drop accounts and addresses whose failures all left the window, so what is kept is
    // bounded by the attempts of the last window, not by every name ever guessed.
    const QDateTime windowStart = now.addSecs(-m_windowSeconds);
    for (auto *table : {&m_byAccount, &m_byPeer}) {
        for (auto it = table->begin(); it != table->end();)
            it = (it->isEmpty() || it->back() <= windowStart) ? table->erase(it) : std::next(it);
    }
    m_byAccount[account].append(now);
    m_byPeer[peer].append(now);
    return 0;
}

void LoginThrottle::succeeded(const QString &account, const QString &peer, const QDateTime &admittedAt)
{
    std::lock_guard lock(m_mutex);
    m_byAccount.remove(account);
    const auto it = m_byPeer.find(peer);
    if (it != m_byPeer.end()) {
        it->removeOne(admittedAt);
        if (it->isEmpty())
            m_byPeer.erase(it);
    }
}

} // namespace onsite::hq
