#include "client/store/syncstate.h"

#include <QUuid>

namespace onsite::sync {

namespace {

QDateTime parseTime(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QString timeText(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

} // namespace

QString SyncState::value(const QString &key, const QString &fallback) const
{
    const auto rows = m_db.query(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"), {key});
    return rows.empty() ? fallback : rows.front().value(0).toString();
}

void SyncState::setValue(const QString &key, const QString &value)
{
    m_db.execute(QStringLiteral("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                 {key, value});
}

void SyncState::remove(const QString &key)
{
    m_db.execute(QStringLiteral("DELETE FROM sync_state WHERE key = ?"), {key});
}

QString SyncState::deviceId()
{
    QString id = value(QStringLiteral("device_id"));
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        setValue(QStringLiteral("device_id"), id);
    }
    return id;
}

qint64 SyncState::cursor() const { return value(QStringLiteral("cursor"), QStringLiteral("0")).toLongLong(); }

void SyncState::setCursor(qint64 cursor) { setValue(QStringLiteral("cursor"), QString::number(cursor)); }

QDateTime SyncState::lastSuccess() const { return parseTime(value(QStringLiteral("last_success_at"))); }

void SyncState::setLastSuccess(const QDateTime &time) { setValue(QStringLiteral("last_success_at"), timeText(time)); }

QDateTime SyncState::lastBootstrap() const { return parseTime(value(QStringLiteral("last_bootstrap_at"))); }

void SyncState::setLastBootstrap(const QDateTime &time)
{
    setValue(QStringLiteral("last_bootstrap_at"), timeText(time));
}

QStringList SyncState::scopeUnits() const
{
    QStringList units;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT unit_code FROM scope_units ORDER BY unit_code")))
        units << row.value(0).toString();
    return units;
}

void SyncState::setScopeUnits(const QStringList &units)
{
    m_db.execute(QStringLiteral("DELETE FROM scope_units"));
    for (const QString &unit : units)
        m_db.execute(QStringLiteral("INSERT INTO scope_units (unit_code) VALUES (?) ON CONFLICT DO NOTHING"), {unit});
}

} // namespace onsite::sync
