#include "consolesessions.h"

#include "hq/accountstore.h"
#include "hq/passwordhash.h"

namespace onsite::console {

namespace {

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }
QDateTime fromIso(const QVariant &value) { return QDateTime::fromString(value.toString(), Qt::ISODateWithMs); }

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
    return hq::AccountStore(m_db).checkPassword(account, password) == hq::PasswordCheck::Valid;
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

int ConsoleSessions::endAllOf(const QString &account)
{
    const auto rows =
        m_db.query(QStringLiteral("SELECT COUNT(*) FROM hq_console_sessions WHERE account = ?"), {account});
    m_db.execute(QStringLiteral("DELETE FROM hq_console_sessions WHERE account = ?"), {account});
    return rows.empty() ? 0 : rows.front().value(0).toInt();
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
