#pragma once

#include "store/sqlconnection.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace onsite::hq {

struct DeviceSession
{
    QString account;
    QString deviceId;
};

enum class AuthFailure { InvalidToken, Revoked, Expired };

struct AuthResult
{
    std::optional<DeviceSession> session;
    AuthFailure failure = AuthFailure::InvalidToken;
};

// Passwords and per-device tokens. Tokens live long (a group works offline for days)
// but each device has its own, so one lost tablet is revoked without the others.
class AccountStore
{
public:
    static constexpr int kTokenLifetimeDays = 180;

    explicit AccountStore(SqlConnection &connection) : m_db(connection) {}

    bool accountExists(const QString &account);
    // Throws std::runtime_error for an unknown account or a password that is too short.
    void setPassword(const QString &account, const QString &password);
    // Returns a new token for the device, or nothing for a wrong account or password.
    std::optional<QString> login(const QString &account, const QString &password, const QString &deviceId,
                                 const QString &deviceName, const QDateTime &now);
    AuthResult authenticate(const QString &token, const QDateTime &now);
    // Revokes every device of the account, or the one named. Returns how many.
    int revoke(const QString &account, const QString &deviceId, const QDateTime &now);

private:
    SqlConnection &m_db;
};

} // namespace onsite::hq
