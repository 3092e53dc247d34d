#include "pushprocessor.h"

#include "recordwriter.h"

namespace onsite::hq {

using protocol::MutationResult;
using protocol::MutationStatus;

protocol::PushResponse PushProcessor::process(const DeviceSession &session, const Scope &scope,
                                              const protocol::PushRequest &request, const QDateTime &now)
{
    protocol::PushResponse response;
    SqlTransaction transaction(m_db);
    // Take the feed's counter row first. SQLite already admits one writer at a time;
    // on PostgreSQL this row lock makes two pushes of one device (a retry racing the
    // original) run one after the other, so the second sees the first's last_seq.
    m_db.execute(QStringLiteral("UPDATE hq_sync_counter SET last_seq = last_seq WHERE id = 1"));
    const auto state = m_db.query(QStringLiteral("SELECT last_seq FROM hq_push_state WHERE device_id = ?"),
                                  {session.deviceId});
    qint64 lastSeq = state.empty() ? 0 : state.front().value(0).toLongLong();
    const qint64 lastBefore = lastSeq;

    ChangeFeed feed(m_db);
    RecordWriter writer(m_db, m_setup, feed);
    for (const protocol::Mutation &mutation : request.mutations) {
        if (mutation.seq <= lastSeq) {
            // A replay (the device did not hear our answer): repeat the original outcome.
            const auto stored = m_db.query(QStringLiteral("SELECT status, reason, message FROM hq_push_results "
                                                          "WHERE device_id = ? AND seq = ?"),
                                           {session.deviceId, mutation.seq});
            MutationResult result{mutation.seq, MutationStatus::Duplicate, {}, {}, {}};
            if (!stored.empty()) {
                result.status = protocol::statusFromName(stored.front()[0].toString()).value_or(MutationStatus::Duplicate);
                result.reason = stored.front()[1].toString();
                result.message = stored.front()[2].toString();
            }
            response.results.push_back(result);
            continue;
        }
        MutationResult result = writer.apply(mutation, session, scope, now);
        m_db.execute(QStringLiteral("INSERT INTO hq_push_results (device_id, seq, status, reason, message) "
                                    "VALUES (?, ?, ?, ?, ?)"),
                     {session.deviceId, mutation.seq, protocol::statusName(result.status), result.reason, result.message});
        response.results.push_back(std::move(result));
        lastSeq = mutation.seq;
    }
    if (lastSeq != lastBefore) {
        if (state.empty())
            m_db.execute(QStringLiteral("INSERT INTO hq_push_state (device_id, last_seq) VALUES (?, ?)"),
                         {session.deviceId, lastSeq});
        else
            m_db.execute(QStringLiteral("UPDATE hq_push_state SET last_seq = ? WHERE device_id = ?"),
                         {lastSeq, session.deviceId});
    }
    transaction.commit();
    response.lastProcessedSeq = lastSeq;
    return response;
}

} // namespace onsite::hq
