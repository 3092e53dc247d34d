#include "consolesessions.h"

#include "hq/passwordhash.h"

namespace onsite::console {

namespace {

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }
QDateTime fromIso(const QVariant &value) { return QDateTime::fromString(value.toString(), Qt::ISODateWithMs); }

// Same decoy as the device sign-in: an unknown account costs one argon2id check too,
// so the answer time does not tell which accounts exist.
const QString &decoyHash()
{
    static const QString hash = hq::hashPassword(QStringLiteral("onsite-console-decoy"));
    return hash;
}

// Writing the last use on every request would make each page load a write; a
// minute's precision is plenty against a 12-hour idle limit.
constexpr qint64 kTouchEverySeconds = 60;

} // namespace

QDateTime ConsoleSession::expiresAt() const
{
    return std::min(lastUsedAt.addSecs(ConsoleSessions::kIdleSeconds),
                    createdAt.addSecs(ConsoleSessions::kLifetimeSeconds));
}

bool ConsoleSessions::checkPassword(const QString &account, const QString &password)
{
    const auto rows = m_db.query(QStringLiteral("SELECT password_hash FROM hq_accounts WHERE account = ?"), {account});
    const bool known = !rows.empty();
    const bool valid = hq::verifyPassword(known ? rows.front().value(0).toString() : decoyHash(), password);
    return known && valid;
}

std::pair<QString, ConsoleSession> ConsoleSessions::create(const QString &account, const QString &address,
                                                           const QDateTime &now)
{
    forgetExpired(now);
    const QString id = hq::randomToken();
    ConsoleSession session{account, hq::randomToken(), now.toUTC(), now.toUTC()};
    m_db.execute(QStringLiteral("INSERT INTO hq_console_sessions (id_hash, account, csrf_token, created_at, "
                                "last_used_at, address) VALUES (?, ?, ?, ?, ?, ?)"),
                 {hq::tokenDigest(id), account, session.csrfToken, iso(now), iso(now), address});
    return {id, session};
}

SessionLookup ConsoleSessions::use(const QString &id, const QDateTime &now)
{
    if (id.isEmpty())
        return {};
    const QString digest = hq::tokenDigest(id);
    const auto rows = m_db.query(QStringLiteral("SELECT account, csrf_token, created_at, last_used_at "
                                                "FROM hq_console_sessions WHERE id_hash = ?"),
                                 {digest});
    if (rows.empty())
        return {};
    const SqlRow &row = rows.front();
    ConsoleSession session{row.value(0).toString(), row.value(1).toString(), fromIso(row.value(2)),
                           fromIso(row.value(3))};
    if (!session.createdAt.isValid() || !session.lastUsedAt.isValid() || now >= session.expiresAt()) {
        m_db.execute(QStringLiteral("DELETE FROM hq_console_sessions WHERE id_hash = ?"), {digest});
        return {SessionState::Expired, std::nullopt};
    }
    if (session.lastUsedAt.secsTo(now) >= kTouchEverySeconds) {
        session.lastUsedAt = now.toUTC();
        m_db.execute(QStringLiteral("UPDATE hq_console_sessions SET last_used_at = ? WHERE id_hash = ?"),
                     {iso(now), digest});
    }
    return {SessionState::Valid, session};
}

void ConsoleSessions::end(const QString &id)
{
    m_db.execute(QStringLiteral("DELETE FROM hq_console_sessions WHERE id_hash = ?"), {hq::tokenDigest(id)});
}

void ConsoleSessions::forgetExpired(const QDateTime &now)
{
    // Kept a day past expiry, so a browser coming back the next morning is told its
    // session expired rather than that it never signed in. ISO-8601 UTC strings of one
    // format sort as the times they name.
    constexpr qint64 kGrace = 24 * 3600;
    m_db.execute(QStringLiteral("DELETE FROM hq_console_sessions WHERE last_used_at <= ? OR created_at <= ?"),
                 {iso(now.addSecs(-kIdleSeconds - kGrace)), iso(now.addSecs(-kLifetimeSeconds - kGrace))});
}

} // namespace onsite::console
