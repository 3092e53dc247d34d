#pragma once

#include "store/sqlconnection.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace onsite::console {

struct ConsoleSession
{
    QString account;
    QString csrfToken;
    QDateTime createdAt;
    QDateTime lastUsedAt;

    // Whichever comes first: 12 hours after the last use, 7 days after sign-in.
    QDateTime expiresAt() const;
};

enum class SessionState { Valid, Unknown, Expired };

struct SessionLookup
{
    SessionState state = SessionState::Unknown;
    std::optional<ConsoleSession> session;
};

// Browser sessions of the HQ console (hq_console_sessions). The id handed to the
// browser is random and known at HQ only as its SHA-256, like device tokens.
class ConsoleSessions
{
public:
    static constexpr qint64 kIdleSeconds = 12 * 3600;
    static constexpr qint64 kLifetimeSeconds = 7 * 24 * 3600;

    explicit ConsoleSessions(SqlConnection &connection) : m_db(connection) {}

    // Whether the password is the account's (argon2id, same as the tablets).
    bool checkPassword(const QString &account, const QString &password);
    // Starts a session; returns the id for the cookie and the session.
    std::pair<QString, ConsoleSession> create(const QString &account, const QString &address, const QDateTime &now);
    // Finds the session behind an id and marks it used; an expired one is removed.
    SessionLookup use(const QString &id, const QDateTime &now);
    void end(const QString &id);
    // Ends every console session of the account (onsite-hq revoke); returns how many.
    int endAllOf(const QString &account);

private:
    void forgetExpired(const QDateTime &now);

    SqlConnection &m_db;
};

} // namespace onsite::console
