#pragma once

#include "client/store/hybridclock.h"
#include "protocol/protocol.h"
#include "store/sqlconnection.h"

#include <QDateTime>

#include <functional>
#include <vector>

namespace onsite::sync {

namespace outboxstate {
inline const QString kPending = QStringLiteral("pending");
inline const QString kApplied = QStringLiteral("applied");
inline const QString kRejected = QStringLiteral("rejected");
inline const QString kConflict = QStringLiteral("conflict");
} // namespace outboxstate

struct OutboxEntry
{
    protocol::Mutation mutation;
    QDateTime createdAt;
    QString state;
    QString reason;  // code from the server, e.g. "conflict_of_interest"
    QString message; // for people
};

// The queue of local changes waiting for the server. Rows are written in the same
// transaction as the change they describe and stay after the server answered, marked
// applied, rejected or conflict, so nothing the person did disappears unseen.
class Outbox
{
public:
    explicit Outbox(SqlConnection &db, HybridClock clock = HybridClock()) : m_db(db), m_clock(std::move(clock)) {}

    // Numbers and stamps a mutation and queues it. Call inside the transaction that
    // writes the change itself.
    protocol::Mutation append(const QString &entity, const QString &id, const QString &op, const QJsonObject &data);

    // Up to `limit` pending mutations that `isReady` lets go, ascending seq. A row held
    // back below the highest seq of the batch is renumbered first: the server takes
    // everything at or below the last seq it processed as a replay, so a held-back row
    // must never be left behind a sent one. It was never sent, so the new number is safe.
    std::vector<protocol::Mutation> nextBatch(int limit, const std::function<bool(const protocol::Mutation &)> &isReady);

    void resolve(qint64 seq, const QString &state, const QString &reason = {}, const QString &message = {});

    // HQ already processed `seq` of this device with other content (the folder was
    // restored from a backup or copied): give the pending row a number above both ours
    // and HQ's, so it is pushed again as new. Returns the new number.
    qint64 renumberAbove(qint64 seq, qint64 serverLastSeq);

    // After HQ was restored from a backup (HqRestore): queues `mutation` again, as it was
    // (same record, content and clock), under a new number; or gives a pending row a new
    // number. Both mark the row `kResendReason` (until HQ answers it) and return the new
    // number. Call inside the caller's transaction.
    static inline const QString kResendReason = QStringLiteral("resend");
    qint64 requeue(const protocol::Mutation &mutation);
    qint64 renumberForResend(qint64 seq);
    // Whether a row marked for re-sending still waits: pushes then carry `resend`.
    bool isResending() const;
    // Every row from `seq` on, whatever its state, ascending seq.
    std::vector<OutboxEntry> entriesFrom(qint64 seq) const;

    // Drops the changes never sent (signing out with "discard"); answered rows stay.
    // Call inside the caller's transaction.
    void discardPending();

    bool hasPending(const QString &entity, const QString &id) const;
    std::vector<OutboxEntry> entries(const QString &state) const;
    int count(const QString &state) const;
    int pendingCount() const { return count(outboxstate::kPending); }
    qint64 lastSeq() const;

private:
    qint64 takeSeq();

    SqlConnection &m_db;
    HybridClock m_clock;
};

} // namespace onsite::sync
