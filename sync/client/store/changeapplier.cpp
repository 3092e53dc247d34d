#include "client/store/changeapplier.h"

#include "client/store/recordrows.h"
#include "store/unitsubmissions.h"
#include "client/store/syncstate.h"

#include <QCoreApplication>
#include <QHash>

namespace onsite::sync {

namespace {

const QString kFromServer = QStringLiteral("hq");

} // namespace

bool ChangeApplier::hasLocalEdit(const protocol::Change &change) const
{
    const Outbox outbox(m_db);
    if (outbox.hasPending(change.entity, change.id))
        return true;
    if (change.op != protocol::op::kUpsert)
        return false;
    if (change.entity == protocol::entity::kSubmission) {
        // One submission per unit: a pending local one under another id is the same record.
        const auto local = UnitSubmissions(m_db).find(change.data.value(QStringLiteral("unit")).toString());
        return local && local->id != change.id && outbox.hasPending(change.entity, local->id);
    }
    if (change.entity != protocol::entity::kScore)
        return false;
    // The same score may carry another id here (recorded on this device before the
    // other copy arrived); it is still the same (unit, indicator, account, kind).
    const QJsonObject &d = change.data;
    const QString localId = RecordRows(m_db).scoreIdFor(
        d.value(QStringLiteral("unit")).toString(), d.value(QStringLiteral("indicator")).toString(),
        d.value(QStringLiteral("account")).toString(), d.value(QStringLiteral("kind")).toString());
    return !localId.isEmpty() && localId != change.id && outbox.hasPending(change.entity, localId);
}

PullOutcome ChangeApplier::applyPull(const protocol::PullResponse &page)
{
    PullOutcome outcome;
    SqlTransaction transaction(m_db);
    RecordRows rows(m_db);
    for (const protocol::Change &change : page.changes) {
        if (!RecordRows::knows(change.entity)) {
            ++outcome.ignored;
            continue;
        }
        if (hasLocalEdit(change)) {
            ++outcome.keptLocal;
            continue;
        }
        if (change.op == protocol::op::kDelete) {
            rows.remove(change.entity, change.id);
            ++outcome.deleted;
        } else if (change.op == protocol::op::kUpsert) {
            rows.upsert(change.entity, change.id, change.data, kFromServer);
            ++outcome.applied;
        } else {
            throw SqlError(QStringLiteral("change %1 has unknown op \"%2\"").arg(change.seq).arg(change.op).toStdString());
        }
    }
    SyncState state(m_db);
    if (page.cursor > state.cursor())
        state.setCursor(page.cursor);
    transaction.commit();
    return outcome;
}

PushOutcome ChangeApplier::applyPush(const std::vector<protocol::Mutation> &sent, const protocol::PushResponse &response)
{
    PushOutcome outcome;
    QHash<qint64, const protocol::Mutation *> bySeq;
    for (const protocol::Mutation &m : sent)
        bySeq.insert(m.seq, &m);

    SqlTransaction transaction(m_db);
    Outbox outbox(m_db);
    auto problem = [&](const protocol::Mutation &m, const QString &state, const QString &reason, const QString &message) {
        outbox.resolve(m.seq, state, reason, message);
        outcome.problems.push_back({m, {}, state, reason, message});
    };
    for (const protocol::MutationResult &result : response.results) {
        const protocol::Mutation *m = bySeq.take(result.seq);
        if (!m)
            continue; // not from this batch: nothing to settle here
        switch (result.status) {
        case protocol::MutationStatus::Applied:
            outbox.resolve(m->seq, outboxstate::kApplied);
            ++outcome.applied;
            break;
        case protocol::MutationStatus::Duplicate:
            // A bare "duplicate" proves nothing about this content: send it again under
            // a new number rather than take it as stored.
            outbox.renumberAbove(m->seq, response.lastProcessedSeq);
            ++outcome.renumbered;
            break;
        case protocol::MutationStatus::Rejected:
            if (result.reason == protocol::kSequenceReused) {
                outbox.renumberAbove(m->seq, response.lastProcessedSeq);
                ++outcome.renumbered;
                break;
            }
            // The local record stays as the person entered it, visibly marked refused.
            problem(*m, outboxstate::kRejected, result.reason, result.message);
            ++outcome.rejected;
            break;
        case protocol::MutationStatus::Conflict: {
            problem(*m, outboxstate::kConflict,
                    result.reason.isEmpty() ? QStringLiteral("conflict") : result.reason,
                    result.message.isEmpty()
                        ? QCoreApplication::translate("ChangeApplier",
                                                      "与他人的修改冲突，已采用服务器上的版本")
                        : result.message);
            ++outcome.conflicts;
            // Show the winner, unless the person edited the record again meanwhile:
            // that newer edit goes to the server next and is decided there.
            const QString id = result.current.value(QStringLiteral("id")).toString(m->id);
            if (!result.current.isEmpty() && !outbox.hasPending(m->entity, id) && !outbox.hasPending(m->entity, m->id))
                RecordRows(m_db).upsert(m->entity, id, result.current, kFromServer);
            break;
        }
        }
    }
    // A mutation without its own result stays pending: the retry gets its stored
    // outcome, proven by content, instead of being taken as done on a number alone.
    transaction.commit();
    return outcome;
}

} // namespace onsite::sync
