#include "client/store/outbox.h"

#include "client/store/syncstate.h"

#include <QJsonDocument>

namespace onsite::sync {

namespace {

const QString kLastSeqKey = QStringLiteral("last_seq");
const QString kHlcKey = QStringLiteral("last_hlc");

QString nowText() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

OutboxEntry entryFromRow(const SqlRow &r)
{
    OutboxEntry e;
    e.mutation.seq = r[0].toLongLong();
    e.mutation.entity = r[1].toString();
    e.mutation.id = r[2].toString();
    e.mutation.op = r[3].toString();
    e.mutation.hlc = r[4].toString();
    e.mutation.data = QJsonDocument::fromJson(r[5].toString().toUtf8()).object();
    e.createdAt = QDateTime::fromString(r[6].toString(), Qt::ISODateWithMs);
    e.state = r[7].toString();
    e.reason = r[8].toString();
    e.message = r[9].toString();
    return e;
}

const QString kColumns =
    QStringLiteral("seq, entity, entity_id, op, hlc, data, created_at, state, reason, message");

} // namespace

qint64 Outbox::lastSeq() const
{
    return SyncState(m_db).value(kLastSeqKey, QStringLiteral("0")).toLongLong();
}

// A counter of its own rather than MAX(seq): numbers must never be reused, even after
// old rows are pruned, or the server would take a new change for a replay.
qint64 Outbox::takeSeq()
{
    SyncState state(m_db);
    const qint64 seq = lastSeq() + 1;
    state.setValue(kLastSeqKey, QString::number(seq));
    return seq;
}

protocol::Mutation Outbox::append(const QString &entity, const QString &id, const QString &op, const QJsonObject &data)
{
    SyncState state(m_db);
    protocol::Mutation m;
    m.seq = takeSeq();
    m.entity = entity;
    m.id = id;
    m.op = op;
    m.hlc = m_clock.next(state.value(kHlcKey));
    m.data = data;
    state.setValue(kHlcKey, m.hlc);
    m_db.execute(QStringLiteral("INSERT INTO outbox (seq, entity, entity_id, op, hlc, data, created_at, state) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')"),
                 {m.seq, entity, id, op, m.hlc, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
                  nowText()});
    return m;
}

std::vector<protocol::Mutation> Outbox::nextBatch(int limit,
                                                  const std::function<bool(const protocol::Mutation &)> &isReady)
{
    std::vector<protocol::Mutation> batch;
    std::vector<qint64> heldBack;
    for (const OutboxEntry &e : entries(outboxstate::kPending)) {
        if (static_cast<int>(batch.size()) >= limit)
            break;
        if (isReady(e.mutation))
            batch.push_back(e.mutation);
        else
            heldBack.push_back(e.mutation.seq);
    }
    if (batch.empty())
        return batch;
    const qint64 highest = batch.back().seq;
    SqlTransaction transaction(m_db);
    for (const qint64 seq : heldBack) {
        if (seq < highest)
            m_db.execute(QStringLiteral("UPDATE outbox SET seq = ? WHERE seq = ?"), {takeSeq(), seq});
    }
    transaction.commit();
    return batch;
}

void Outbox::resolve(qint64 seq, const QString &state, const QString &reason, const QString &message)
{
    m_db.execute(QStringLiteral("UPDATE outbox SET state = ?, reason = ?, message = ?, resolved_at = ? WHERE seq = ?"),
                 {state, reason, message, nowText(), seq});
}

qint64 Outbox::renumberAbove(qint64 seq, qint64 serverLastSeq)
{
    if (serverLastSeq > lastSeq())
        SyncState(m_db).setValue(kLastSeqKey, QString::number(serverLastSeq));
    const qint64 renumbered = takeSeq();
    m_db.execute(QStringLiteral("UPDATE outbox SET seq = ? WHERE seq = ?"), {renumbered, seq});
    return renumbered;
}

qint64 Outbox::requeue(const protocol::Mutation &mutation)
{
    const qint64 seq = takeSeq();
    m_db.execute(QStringLiteral("INSERT INTO outbox (seq, entity, entity_id, op, hlc, data, created_at, state, reason) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)"),
                 {seq, mutation.entity, mutation.id, mutation.op, mutation.hlc,
                  QString::fromUtf8(QJsonDocument(mutation.data).toJson(QJsonDocument::Compact)), nowText(),
                  kResendReason});
    return seq;
}

qint64 Outbox::renumberForResend(qint64 seq)
{
    const qint64 renumbered = takeSeq();
    m_db.execute(QStringLiteral("UPDATE outbox SET seq = ?, reason = ? WHERE seq = ?"), {renumbered, kResendReason, seq});
    return renumbered;
}

bool Outbox::isResending() const
{
    return !m_db.query(QStringLiteral("SELECT 1 FROM outbox WHERE state = 'pending' AND reason = ? LIMIT 1"),
                       {kResendReason})
                .empty();
}

std::vector<OutboxEntry> Outbox::entriesFrom(qint64 seq) const
{
    std::vector<OutboxEntry> result;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT ") + kColumns +
                                          QStringLiteral(" FROM outbox WHERE seq >= ? ORDER BY seq"),
                                      {seq}))
        result.push_back(entryFromRow(r));
    return result;
}

bool Outbox::hasPending(const QString &entity, const QString &id) const
{
    return !m_db.query(QStringLiteral("SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' "
                                      "LIMIT 1"),
                       {entity, id})
                .empty();
}

std::vector<OutboxEntry> Outbox::entries(const QString &state) const
{
    std::vector<OutboxEntry> result;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT ") + kColumns +
                                          QStringLiteral(" FROM outbox WHERE state = ? ORDER BY seq"),
                                      {state}))
        result.push_back(entryFromRow(r));
    return result;
}

void Outbox::discardPending()
{
    m_db.execute(QStringLiteral("DELETE FROM outbox WHERE state = ?"), {outboxstate::kPending});
}

int Outbox::count(const QString &state) const
{
    return m_db.query(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = ?"), {state}).front().value(0).toInt();
}

} // namespace onsite::sync
