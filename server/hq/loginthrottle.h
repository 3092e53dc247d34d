#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <mutex>

namespace onsite::hq {

// Limits failed logins per account and per remote address, so passwords cannot be
// guessed at speed. After `maxFailures` within `window`, attempts are refused until
// the oldest failure leaves the window.
//
// An admitted attempt counts as a failure from the moment it is admitted until it
// succeeds: checking a password takes long (argon2id), and thirty attempts sent at once
// must not all pass the check before the first of them has failed.
class LoginThrottle
{
public:
    explicit LoginThrottle(int maxFailures = 5, int windowSeconds = 300)
        : m_maxFailures(maxFailures), m_windowSeconds(windowSeconds)
    {
    }

    // 0 when the attempt may go on (it now counts as a failure), else the seconds to wait.
    int admit(const QString &account, const QString &peer, const QDateTime &now);
    // The attempt admitted at `admittedAt` succeeded: the account's failures are
    // forgotten and the attempt no longer counts against the address.
    void succeeded(const QString &account, const QString &peer, const QDateTime &admittedAt);

private:
    int waitFor(QList<QDateTime> &failures, const QDateTime &now, int limit) const;

    std::mutex m_mutex;
    int m_maxFailures;
    int m_windowSeconds;
    QHash<QString, QList<QDateTime>> m_byAccount;
    QHash<QString, QList<QDateTime>> m_byPeer;
};

} // namespace onsite::hq
