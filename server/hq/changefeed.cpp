#include "changefeed.h"

#include "rowbatch.h"
#include "store/postgresconnection.h"
#include "system/isotime.h"

#include <QJsonDocument>

namespace onsite::hq {

namespace {

QString recordKey(const QString &entity, const QString &id) { return entity + QChar(0x1F) + id; }

} // namespace

ChangeFeed::ChangeFeed(SqlConnection &connection)
    : m_db(connection), m_rowLocks(dynamic_cast<PostgresConnection *>(&connection) != nullptr)
{
}

const ChangeFeed::Pending *ChangeFeed::pendingOf(const QString &entity, const QString &id) const
{
    const auto found = m_latestPending.constFind(recordKey(entity, id));
    return found == m_latestPending.constEnd() ? nullptr : &m_pending[std::size_t(*found)];
}

std::optional<ChangeFeed::Clock> ChangeFeed::clockOf(const QString &entity, const QString &id)
{
    if (const Pending *pending = pendingOf(entity, id))
        return Clock{pending->hlc, pending->deviceId};
    std::vector<SqlRow> rows;
    if (m_rowLocks) {
        // An empty row to lock when the record is new: a second writer of the same new
        // record waits here for the first one's commit and then sees its clock. flush()
        // fills the row in, or removes it when nothing was written after all.
        m_db.execute(QStringLiteral("INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id) "
                                    "VALUES (?, ?, '', '') ON CONFLICT (entity, entity_id) DO NOTHING"),
                     {entity, id});
        rows = m_db.query(QStringLiteral("SELECT hlc, device_id FROM hq_record_clocks "
                                         "WHERE entity = ? AND entity_id = ? FOR UPDATE"),
                          {entity, id});
        if (!rows.empty() && rows.front()[0].toString().isEmpty())
            m_placeholders.insert(recordKey(entity, id), {entity, id});
    } else {
        rows = m_db.query(QStringLiteral("SELECT hlc, device_id FROM hq_record_clocks WHERE entity = ? AND entity_id = ?"),
                          {entity, id});
    }
    if (rows.empty() || rows.front()[0].toString().isEmpty())
        return std::nullopt;
    return Clock{rows.front()[0].toString(), rows.front()[1].toString()};
}

void ChangeFeed::append(const QString &entity, const QString &id, const QString &unitCode, const QString &op,
                        const QJsonObject &data, const QString &account, const QDateTime &now, const QString &hlc,
                        const QString &deviceId)
{
    appendJson(entity, id, unitCode, op, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
               account, now, hlc, deviceId);
}

void ChangeFeed::appendJson(const QString &entity, const QString &id, const QString &unitCode, const QString &op,
                            const QString &dataJson, const QString &account, const QDateTime &now,
                            const QString &hlc, const QString &deviceId)
{
    if (now != m_changedAt) {
        m_changedAt = now;
        m_changedAtText = isoUtcText(now);
    }
    m_latestPending.insert(recordKey(entity, id), qsizetype(m_pending.size()));
    m_pending.push_back({entity, id, unitCode, op, dataJson, account, m_changedAtText, hlc, deviceId});
}

qint64 ChangeFeed::flush()
{
    // Placeholders locked for records that were not written after all (a refused delete).
    for (auto it = m_placeholders.cbegin(); it != m_placeholders.cend(); ++it) {
        if (!m_latestPending.contains(it.key()))
            m_db.execute(QStringLiteral("DELETE FROM hq_record_clocks WHERE entity = ? AND entity_id = ? AND hlc = ''"),
                         {it->first, it->second});
    }
    m_placeholders.clear();
    if (m_pending.empty())
        return 0;
    // From here to the commit this transaction holds the counter row: the serial part of
    // every write at HQ is these few statements and the commit.
    const qint64 count = qint64(m_pending.size());
    m_db.execute(QStringLiteral("UPDATE hq_sync_counter SET last_seq = last_seq + ? WHERE id = 1"), {count});
    const qint64 last = head();
    const qint64 first = last - count + 1;
    writeChanges(first);
    writeClocks(first);
    m_pending.clear();
    m_latestPending.clear();
    return last;
}

void ChangeFeed::writeChanges(qint64 firstSeq)
{
    QVariantList values;
    values.reserve(qsizetype(m_pending.size()) * 8);
    qint64 seq = firstSeq;
    for (const Pending &change : m_pending) {
        values << seq++ << change.entity << change.id << change.unitCode << change.op << change.dataJson
               << change.account << change.changedAt;
    }
    insertRows(m_db,
               QStringLiteral("INSERT INTO hq_changes (seq, entity, entity_id, unit_code, op, data, account, changed_at)"),
               8, values);
}

void ChangeFeed::writeClocks(qint64 firstSeq)
{
    // One row per record (its last change of the batch): one statement must not upsert a
    // row twice (PostgreSQL refuses).
    QVariantList values;
    values.reserve(m_latestPending.size() * 5);
    for (qsizetype i = 0; i < qsizetype(m_pending.size()); ++i) {
        const Pending &change = m_pending[std::size_t(i)];
        if (m_latestPending.value(recordKey(change.entity, change.id)) != i)
            continue;
        values << change.entity << change.id << change.hlc << change.deviceId << firstSeq + i;
    }
    insertRows(m_db, QStringLiteral("INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id, change_seq)"), 5,
               values,
               QStringLiteral("ON CONFLICT (entity, entity_id) DO UPDATE SET hlc = excluded.hlc, "
                              "device_id = excluded.device_id, change_seq = excluded.change_seq"));
}

qint64 ChangeFeed::head()
{
    return m_db.query(QStringLiteral("SELECT last_seq FROM hq_sync_counter WHERE id = 1")).front().value(0).toLongLong();
}

ChangeFeed::Page ChangeFeed::page(const Scope &scope, qint64 since, int limit)
{
    limit = qBound(1, limit, kMaxPageSize);
    // Read the committed head first: every change numbered up to it has committed
    // (its writer held the counter row from numbering to commit), so the page below has
    // no holes.
    const qint64 committedHead = head();
    Page response;
    response.cursor = qMax(since, committedHead);
    if (scope.units().isEmpty() || !scope.pullsRecords() || since >= committedHead)
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
    }
    sql += QStringLiteral(" ORDER BY seq LIMIT ?");
    params << limit + 1;

    // Read as text: the record's JSON goes to the answer as its bytes.
    m_db.queryEachText(sql, params, [&](const SqlTextRow &row) {
        if (static_cast<int>(response.changes.size()) == limit) {
            response.more = true;
            response.cursor = response.changes.back().seq;
            return;
        }
        response.changes.push_back({row[0].toLongLong(), row[1].toByteArray(), row[2].toByteArray(),
                                    row[3].toByteArray(), row[4].toByteArray()});
    });
    return response;
}

protocol::PullResponse ChangeFeed::Page::toResponse() const
{
    protocol::PullResponse response;
    response.cursor = cursor;
    response.more = more;
    response.changes.reserve(changes.size());
    for (const Entry &change : changes)
        response.changes.push_back({change.seq, QString::fromUtf8(change.entity), QString::fromUtf8(change.id),
                                    QString::fromUtf8(change.op), QJsonDocument::fromJson(change.data).object()});
    return response;
}

QJsonObject ChangeFeed::latest(const QString &entity, const QString &id)
{
    if (const Pending *pending = pendingOf(entity, id))
        return pending->op == protocol::op::kDelete ? QJsonObject()
                                                    : QJsonDocument::fromJson(pending->dataJson.toUtf8()).object();
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
    if (const Pending *pending = pendingOf(entity, id))
        return pending->unitCode;
    // By the record's clock row, as latest(): the feed has no index by record.
    const auto rows = m_db.query(QStringLiteral("SELECT c.unit_code FROM hq_record_clocks k "
                                                "JOIN hq_changes c ON c.seq = k.change_seq "
                                                "WHERE k.entity = ? AND k.entity_id = ?"),
                                 {entity, id});
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

} // namespace onsite::hq
