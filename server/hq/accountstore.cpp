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
    const auto disabled = m_db.query(QStringLiteral("SELECT disabled_at FROM hq_accounts WHERE account = ?"), {account});
    m_db.execute(QStringLiteral("DELETE FROM hq_accounts WHERE account = ?"), {account});
    m_db.execute(QStringLiteral("INSERT INTO hq_accounts (account, password_hash, updated_at, disabled_at) VALUES (?, ?, ?, ?)"),
                 {account, hash, now, disabled.empty() ? QVariant() : disabled.front().value(0)});
    endAllSignIns(account, QDateTime::currentDateTimeUtc());
    transaction.commit();
}

void AccountStore::endAllSignIns(const QString &account, const QDateTime &now)
{
    m_db.execute(QStringLiteral("UPDATE hq_devices SET revoked_at = ? WHERE account = ? AND revoked_at IS NULL"),
                 {iso(now), account});
    m_db.execute(QStringLiteral("DELETE FROM hq_console_sessions WHERE account = ?"), {account});
}

PasswordCheck AccountStore::checkPassword(const QString &account, const QString &password)
{
    const auto rows =
        m_db.query(QStringLiteral("SELECT password_hash, disabled_at FROM hq_accounts WHERE account = ?"), {account});
    const bool known = !rows.empty();
    const bool valid = verifyPassword(known ? rows.front().value(0).toString() : decoyHash(), password);
    if (!known || !valid)
        return PasswordCheck::Invalid;
    return rows.front()[1].isNull() ? PasswordCheck::Valid : PasswordCheck::Disabled;
}

void AccountStore::setDisabled(const QString &account, bool disabled, const QDateTime &now)
{
    SqlTransaction transaction(m_db);
    if (m_db.query(QStringLiteral("SELECT account FROM hq_accounts WHERE account = ?"), {account}).empty())
        throw std::runtime_error(QStringLiteral("账号“%1”尚未设置密码").arg(account).toStdString());
    m_db.execute(QStringLiteral("UPDATE hq_accounts SET disabled_at = ? WHERE account = ?"),
                 {disabled ? QVariant(iso(now)) : QVariant(), account});
    if (disabled)
        endAllSignIns(account, now);
    transaction.commit();
}

bool AccountStore::isDisabled(const QString &account)
{
    const auto rows = m_db.query(QStringLiteral("SELECT disabled_at FROM hq_accounts WHERE account = ?"), {account});
    return !rows.empty() && !rows.front()[0].isNull();
}

std::optional<QString> AccountStore::login(const QString &account, const QString &password, const QString &deviceId,
                                           const QString &deviceName, const QDateTime &now, PasswordCheck *check)
{
    const PasswordCheck result = checkPassword(account, password);
    if (check)
        *check = result;
    if (result != PasswordCheck::Valid)
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
    const auto rows = m_db.query(QStringLiteral("SELECT d.account, d.device_id, d.expires_at, d.revoked_at, a.disabled_at "
                                                "FROM hq_devices d LEFT JOIN hq_accounts a ON a.account = d.account "
                                                "WHERE d.token_hash = ?"),
                                 {tokenDigest(token)});
    if (rows.empty())
        return {std::nullopt, AuthFailure::InvalidToken};
    const SqlRow &row = rows.front();
    if (!row[4].isNull())
        return {std::nullopt, AuthFailure::Disabled};
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
