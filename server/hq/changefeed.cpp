#include "changefeed.h"

#include <QJsonDocument>

namespace onsite::hq {

qint64 ChangeFeed::append(const QString &entity, const QString &id, const QString &unitCode, const QString &op,
                          const QJsonObject &data, const QString &account, const QDateTime &now)
{
    // The first append takes the next number from the row; later ones in this object
    // (one transaction, holding the row's lock) count on from it. SQLite's RETURNING
    // would save the read but builds a temporary table per statement: slower.
    qint64 seq = 0;
    if (m_lastAppended) {
        seq = *m_lastAppended + 1;
        m_db.execute(QStringLiteral("UPDATE hq_sync_counter SET last_seq = ? WHERE id = 1"), {seq});
    } else {
        m_db.execute(QStringLiteral("UPDATE hq_sync_counter SET last_seq = last_seq + 1 WHERE id = 1"));
        seq = head();
    }
    m_lastAppended = seq;
    if (now != m_changedAt) {
        m_changedAt = now;
        m_changedAtText = now.toUTC().toString(Qt::ISODateWithMs);
    }
    m_db.execute(QStringLiteral("INSERT INTO hq_changes (seq, entity, entity_id, unit_code, op, data, account, changed_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {seq, entity, id, unitCode, op, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
                  account, m_changedAtText});
    return seq;
}

qint64 ChangeFeed::head()
{
    return m_db.query(QStringLiteral("SELECT last_seq FROM hq_sync_counter WHERE id = 1")).front().value(0).toLongLong();
}

protocol::PullResponse ChangeFeed::pull(const Scope &scope, qint64 since, int limit)
{
    limit = qBound(1, limit, kMaxPageSize);
    // Read the committed head first: every change numbered up to it has committed
    // (its writer held the counter row until commit), so the page below has no holes.
    const qint64 committedHead = head();
    protocol::PullResponse response;
    response.cursor = qMax(since, committedHead);
    if (scope.units().isEmpty() || since >= committedHead)
        return response;

    QString sql = QStringLiteral("SELECT seq, entity, entity_id, op, data FROM hq_changes WHERE seq > ? AND seq <= ?");
    QVariantList params{since, committedHead};
    if (!scope.seesAllUnits()) {
        QStringList marks;
        for (const QString &unit : scope.units()) {
            if (!scope.readsUnit(unit))
                continue;
            marks << QStringLiteral("?");
            params << unit;
        }
        if (marks.isEmpty())
            return response;
        sql += QStringLiteral(" AND unit_code IN (%1)").arg(marks.join(QLatin1Char(',')));
        if (scope.person().role == Role::Liaison) {
            sql += QStringLiteral(" AND entity = ?");
            params << protocol::entity::kFinding;
        }
    }
    sql += QStringLiteral(" ORDER BY seq LIMIT ?");
    params << limit + 1;

    const auto rows = m_db.query(sql, params);
    for (const SqlRow &row : rows) {
        if (static_cast<int>(response.changes.size()) == limit) {
            response.more = true;
            response.cursor = response.changes.back().seq;
            break;
        }
        response.changes.push_back({row[0].toLongLong(), row[1].toString(), row[2].toString(), row[3].toString(),
                                    QJsonDocument::fromJson(row[4].toString().toUtf8()).object()});
    }
    return response;
}

QJsonObject ChangeFeed::latest(const QString &entity, const QString &id)
{
    auto rows = m_db.query(QStringLiteral("SELECT c.data FROM hq_record_clocks k JOIN hq_changes c ON c.seq = k.change_seq "
                                          "WHERE k.entity = ? AND k.entity_id = ?"),
                           {entity, id});
    if (rows.empty()) {
        // No clock row naming a change (a record HQ never took, or one stamped after its
        // change): walk the feed, slow but right.
        rows = m_db.query(QStringLiteral("SELECT data FROM hq_changes WHERE entity = ? AND entity_id = ? "
                                         "ORDER BY seq DESC LIMIT 1"),
                          {entity, id});
    }
    if (rows.empty())
        return {};
    return QJsonDocument::fromJson(rows.front().value(0).toString().toUtf8()).object();
}

QString ChangeFeed::unitOf(const QString &entity, const QString &id)
{
    // By the record's clock row, as latest(): the feed has no index by record.
    const auto rows = m_db.query(QStringLiteral("SELECT c.unit_code FROM hq_record_clocks k "
                                                "JOIN hq_changes c ON c.seq = k.change_seq "
                                                "WHERE k.entity = ? AND k.entity_id = ?"),
                                 {entity, id});
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

} // namespace onsite::hq
