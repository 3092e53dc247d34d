#include "accountstore.h"

#include "passwordhash.h"

#include <stdexcept>

namespace onsite::hq {

namespace {

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

// Verifying against a fixed hash when the account has none keeps the answer time the
// same, so timing does not reveal which accounts exist.
const QString &decoyHash()
{
    static const QString hash = hashPassword(QStringLiteral("onsite-decoy-password"));
    return hash;
}

} // namespace

bool AccountStore::accountExists(const QString &account)
{
    return !m_db.query(QStringLiteral("SELECT account FROM people WHERE account = ?"), {account}).empty();
}

void AccountStore::setPassword(const QString &account, const QString &password)
{
    if (!accountExists(account))
        throw std::runtime_error(QStringLiteral("账号“%1”不在考评活动的人员名单中").arg(account).toStdString());
    if (password.size() < 8)
        throw std::runtime_error("密码至少需要 8 个字符");
    const QString hash = hashPassword(password);
    const QString now = iso(QDateTime::currentDateTimeUtc());
    SqlTransaction transaction(m_db);
    m_db.execute(QStringLiteral("DELETE FROM hq_accounts WHERE account = ?"), {account});
    m_db.execute(QStringLiteral("INSERT INTO hq_accounts (account, password_hash, updated_at) VALUES (?, ?, ?)"),
                 {account, hash, now});
    transaction.commit();
}

std::optional<QString> AccountStore::login(const QString &account, const QString &password, const QString &deviceId,
                                           const QString &deviceName, const QDateTime &now)
{
    const auto rows = m_db.query(QStringLiteral("SELECT password_hash FROM hq_accounts WHERE account = ?"), {account});
    const bool known = !rows.empty();
    const bool valid = verifyPassword(known ? rows.front().value(0).toString() : decoyHash(), password);
    if (!known || !valid)
        return std::nullopt;

    const QString token = randomToken();
    SqlTransaction transaction(m_db);
    // Only this account's own entry for the device: another account that happens to use
    // (or pretends to use) the same device id keeps its session and its push state.
    m_db.execute(QStringLiteral("DELETE FROM hq_devices WHERE account = ? AND device_id = ?"), {account, deviceId});
    m_db.execute(QStringLiteral("INSERT INTO hq_devices (device_id, account, device_name, token_hash, created_at, "
                                "expires_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)"),
                 {deviceId, account, deviceName, tokenDigest(token), iso(now), iso(now.addDays(kTokenLifetimeDays)),
                  iso(now)});
    transaction.commit();
    return token;
}

AuthResult AccountStore::authenticate(const QString &token, const QDateTime &now)
{
    const auto rows = m_db.query(QStringLiteral("SELECT account, device_id, expires_at, revoked_at FROM hq_devices "
                                                "WHERE token_hash = ?"),
                                 {tokenDigest(token)});
    if (rows.empty())
        return {std::nullopt, AuthFailure::InvalidToken};
    const SqlRow &row = rows.front();
    if (!row[3].isNull())
        return {std::nullopt, AuthFailure::Revoked};
    if (QDateTime::fromString(row[2].toString(), Qt::ISODateWithMs) <= now)
        return {std::nullopt, AuthFailure::Expired};
    return {DeviceSession{row[0].toString(), row[1].toString()}, AuthFailure::InvalidToken};
}

int AccountStore::revoke(const QString &account, const QString &deviceId, const QDateTime &now)
{
    SqlTransaction transaction(m_db);
    const QString filter = deviceId.isEmpty() ? QStringLiteral("account = ?") : QStringLiteral("account = ? AND device_id = ?");
    QVariantList params{account};
    if (!deviceId.isEmpty())
        params << deviceId;
    const auto count = m_db.query(QStringLiteral("SELECT COUNT(*) FROM hq_devices WHERE revoked_at IS NULL AND ") + filter,
                                  params);
    m_db.execute(QStringLiteral("UPDATE hq_devices SET revoked_at = ? WHERE revoked_at IS NULL AND ") + filter,
                 QVariantList{iso(now)} + params);
    transaction.commit();
    return count.front().value(0).toInt();
}

} // namespace onsite::hq
