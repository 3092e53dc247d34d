#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <mutex>

namespace onsite::hq {

// Limits failed logins per account and per remote address, so passwords cannot be
// guessed at speed. After `maxFailures` within `window`, attempts are refused until
// the oldest failure leaves the window.
class LoginThrottle
{
public:
    explicit LoginThrottle(int maxFailures = 5, int windowSeconds = 300)
        : m_maxFailures(maxFailures), m_windowSeconds(windowSeconds)
    {
    }

    // Seconds to wait before another attempt, or 0 when one is allowed now.
    int retryAfter(const QString &account, const QString &peer, const QDateTime &now);
    void recordFailure(const QString &account, const QString &peer, const QDateTime &now);
    void recordSuccess(const QString &account);

private:
    int waitFor(QList<QDateTime> &failures, const QDateTime &now, int limit) const;

    std::mutex m_mutex;
    int m_maxFailures;
    int m_windowSeconds;
    QHash<QString, QList<QDateTime>> m_byAccount;
    QHash<QString, QList<QDateTime>> m_byPeer;
};

} // namespace onsite::hq
