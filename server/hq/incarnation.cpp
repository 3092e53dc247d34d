#include "incarnation.h"

#include <QUuid>

namespace onsite::hq {

namespace {

QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

QString timeText(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

} // namespace

QString Incarnation::current(SqlConnection &db)
{
    const auto rows = db.query(QStringLiteral("SELECT incarnation FROM hq_incarnation WHERE id = 1"));
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

QString Incarnation::ensure(SqlConnection &db)
{
    if (QString id = current(db); !id.isEmpty())
        return id;
    // Another process may insert first: keep whichever row won.
    db.execute(QStringLiteral("INSERT INTO hq_incarnation (id, incarnation, started_at) VALUES (1, ?, ?) "
                              "ON CONFLICT (id) DO NOTHING"),
               {newId(), timeText(QDateTime::currentDateTimeUtc())});
    return current(db);
}

QString Incarnation::renew(SqlConnection &db, const QDateTime &now)
{
    const QString id = newId();
    db.execute(QStringLiteral("INSERT INTO hq_incarnation (id, incarnation, started_at) VALUES (1, ?, ?) "
                              "ON CONFLICT (id) DO UPDATE SET incarnation = excluded.incarnation, "
                              "started_at = excluded.started_at"),
               {id, timeText(now)});
    return id;
}

QDateTime Incarnation::startedAt(SqlConnection &db)
{
    const auto rows = db.query(QStringLiteral("SELECT started_at FROM hq_incarnation WHERE id = 1"));
    return rows.empty() ? QDateTime() : QDateTime::fromString(rows.front().value(0).toString(), Qt::ISODateWithMs);
}

} // namespace onsite::hq
