#include "client/store/hqrestore.h"

#include "client/photos/photouploads.h"
#include "client/store/outbox.h"
#include "client/store/syncstate.h"

#include <QHash>

#include <algorithm>
#include <utility>

namespace onsite::sync {

namespace {

const QString kIncarnation = QStringLiteral("hq_incarnation");
const QString kResendFrom = QStringLiteral("resend_from_seq");   // rows before it belong to an earlier identity
const QString kNoticedAt = QStringLiteral("hq_restored_at");
const QString kResentCount = QStringLiteral("hq_restored_resent");

QString key(const protocol::Mutation &m) { return m.entity + QLatin1Char('\n') + m.id; }

} // namespace

QString HqRestore::incarnation() const { return SyncState(m_db).value(kIncarnation); }

QDateTime HqRestore::noticedAt() const
{
    const QString text = SyncState(m_db).value(kNoticedAt);
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

int HqRestore::resentCount() const { return SyncState(m_db).value(kResentCount, QStringLiteral("0")).toInt(); }

int HqRestore::resendPending() const
{
    return m_db.query(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND reason = ?"),
                      {Outbox::kResendReason})
        .front()
        .value(0)
        .toInt();
}

void HqRestore::forgetForNewIdentity()
{
    SyncState state(m_db);
    state.remove(kIncarnation);
    state.setValue(kResendFrom, QString::number(Outbox(m_db).lastSeq() + 1));
}

bool HqRestore::adopt(const QString &seen, HqRestoreOutcome *outcome)
{
    if (seen.isEmpty())
        return false; // an HQ from before incarnations: nothing to compare
    const QString known = incarnation();
    if (known == seen)
        return false;
    if (known.isEmpty()) { // the first answer with an id: remember it
        SyncState(m_db).setValue(kIncarnation, seen);
        return false;
    }
    const HqRestoreOutcome done = recover(seen);
    if (outcome)
        *outcome = done;
    return true;
}

HqRestoreOutcome HqRestore::recover(const QString &incarnation)
{
    HqRestoreOutcome outcome;
    SqlTransaction transaction(m_db);
    SyncState state(m_db);
    const QString account = state.account();
    Outbox outbox(m_db);
    const std::vector<OutboxEntry> rows = outbox.entriesFrom(state.value(kResendFrom, QStringLiteral("0")).toLongLong());

    // Per record, its last answered row: applied is what HQ acknowledged and may have
    // lost; a conflict means a later edit from elsewhere won, which its own device
    // re-sends; a refusal changed nothing at HQ, so the row before it still stands.
    QHash<QString, size_t> lastAnswered;
    std::vector<size_t> order; // rows to send: re-sent copies and waiting rows, in the order they were made
    for (size_t i = 0; i < rows.size(); ++i) {
        const OutboxEntry &e = rows[i];
        if (e.state == outboxstate::kApplied || e.state == outboxstate::kConflict)
            lastAnswered.insert(key(e.mutation), i);
        else if (e.state == outboxstate::kPending)
            order.push_back(i);
    }
    for (const size_t i : std::as_const(lastAnswered)) {
        const OutboxEntry &e = rows[i];
        const QString author = e.mutation.data.value(QStringLiteral("account")).toString();
        if (e.state == outboxstate::kApplied && (author.isEmpty() || author == account))
            order.push_back(i);
    }
    std::sort(order.begin(), order.end()); // rows are in seq order, so indices are too

    PhotoUploads uploads(m_db);
    for (const size_t i : order) {
        const OutboxEntry &e = rows[i];
        if (e.state == outboxstate::kPending) {
            outbox.renumberForResend(e.mutation.seq);
            continue;
        }
        outbox.requeue(e.mutation);
        ++outcome.resent;
        if (e.mutation.entity == protocol::entity::kPhoto && e.mutation.op == protocol::op::kUpsert) {
            const QJsonObject &d = e.mutation.data;
            const QString sha = d.value(QStringLiteral("sha256")).toString();
            if (sha.isEmpty())
                continue;
            // Ask HQ again: it answers what it holds, and only the rest is sent.
            if (!uploads.find(sha))
                uploads.add(sha, d.value(QStringLiteral("size_bytes")).toInteger(),
                            d.value(QStringLiteral("mime_type")).toString());
            m_db.execute(QStringLiteral("UPDATE photo_uploads SET received = 0, complete = 0, failure = '' "
                                        "WHERE sha256 = ?"),
                         {sha});
            ++outcome.photos;
        }
    }
    state.setCursor(0);
    state.setValue(kIncarnation, incarnation);
    state.setValue(kNoticedAt, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    state.setValue(kResentCount, QString::number(outcome.resent));
    transaction.commit();
    return outcome;
}

} // namespace onsite::sync
