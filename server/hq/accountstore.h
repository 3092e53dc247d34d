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

enum class AuthFailure { InvalidToken, Revoked, Expired, Disabled };
enum class PasswordCheck { Valid, Invalid, Disabled };

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
    // A new password ends every sign-in of the account (devices and browser sessions):
    // whoever knew the old one is out.
    void setPassword(const QString &account, const QString &password);
    // Valid only for a known, enabled account with this password; an unknown account
    // takes as long as a known one. Disabled is said only to the right password.
    PasswordCheck checkPassword(const QString &account, const QString &password);
    // Returns a new token for the device, or nothing for a wrong account or password
    // (`*check` says why).
    std::optional<QString> login(const QString &account, const QString &password, const QString &deviceId,
                                 const QString &deviceName, const QDateTime &now, PasswordCheck *check = nullptr);
    // A disabled account cannot sign in, and disabling ends all its sign-ins.
    // Throws std::runtime_error for an account without a password.
    void setDisabled(const QString &account, bool disabled, const QDateTime &now);
    bool isDisabled(const QString &account);
    AuthResult authenticate(const QString &token, const QDateTime &now);
    // Revokes every device of the account, or the one named. Returns how many.
    int revoke(const QString &account, const QString &deviceId, const QDateTime &now);

private:
    void endAllSignIns(const QString &account, const QDateTime &now);

    SqlConnection &m_db;
};

} // namespace onsite::hq
