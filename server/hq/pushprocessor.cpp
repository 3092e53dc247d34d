#include "pushprocessor.h"

#include "recordwriter.h"

namespace onsite::hq {

using protocol::MutationResult;
using protocol::MutationStatus;

MutationResult PushProcessor::replayResult(const DeviceSession &session, const protocol::Mutation &mutation,
                                           const QString &digest)
{
    const auto stored = m_db.query(QStringLiteral("SELECT digest, status, reason, message FROM hq_push_results "
                                                  "WHERE account = ? AND device_id = ? AND seq = ?"),
                                   {session.account, session.deviceId, mutation.seq});
    // Results stored before digests were kept (empty digest) are trusted as they were.
    const bool proven = !stored.empty() && (stored.front()[0].toString().isEmpty() || stored.front()[0].toString() == digest);
    if (!proven) {
        // Never answer "done" for content HQ does not hold: the device renumbers and resends.
        return {mutation.seq, MutationStatus::Rejected, protocol::kSequenceReused,
                QStringLiteral("修改编号 %1 已被此设备的另一项修改使用过（设备数据可能从备份恢复或被复制），"
                               "将重新编号后再次上传")
                    .arg(mutation.seq),
                {}};
    }
    // A replay (the device did not hear our answer): repeat the original outcome.
    const SqlRow &row = stored.front();
    return {mutation.seq, protocol::statusFromName(row[1].toString()).value_or(MutationStatus::Applied),
            row[2].toString(), row[3].toString(), {}};
}

std::optional<MutationResult> PushProcessor::clockRefusal(const protocol::Mutation &mutation, const QDateTime &now)
{
    const auto stamp = protocol::parseHlc(mutation.hlc);
    if (!stamp)
        return MutationResult{mutation.seq, MutationStatus::Rejected, QStringLiteral("invalid_clock"),
                              QStringLiteral("修改的时间戳“%1”格式不正确").arg(mutation.hlc.left(40)), {}};
    if (stamp->milliseconds > now.toMSecsSinceEpoch() + protocol::kMaxClockAheadMs)
        return MutationResult{mutation.seq, MutationStatus::Rejected, QStringLiteral("clock_ahead"),
                              QStringLiteral("设备时间比总部快了 1 小时以上（%1），请校准设备时间后重新录入")
                                  .arg(QDateTime::fromMSecsSinceEpoch(stamp->milliseconds, Qt::UTC).toString(Qt::ISODate)),
                              {}};
    return std::nullopt;
}

protocol::PushResponse PushProcessor::process(const DeviceSession &session, const Scope &scope,
                                              const protocol::PushRequest &request, const QDateTime &now)
{
    protocol::PushResponse response;
    SqlTransaction transaction(m_db);
    // Take the feed's counter row first. SQLite already admits one writer at a time;
    // on PostgreSQL this row lock makes two pushes of one device (a retry racing the
    // original) run one after the other, so the second sees the first's last_seq.
    m_db.execute(QStringLiteral("UPDATE hq_sync_counter SET last_seq = last_seq WHERE id = 1"));
    const QVariantList owner{session.account, session.deviceId};
    const auto state = m_db.query(QStringLiteral("SELECT last_seq FROM hq_push_state WHERE account = ? AND device_id = ?"),
                                  owner);
    qint64 lastSeq = state.empty() ? 0 : state.front().value(0).toLongLong();
    const qint64 lastBefore = lastSeq;

    ChangeFeed feed(m_db);
    RecordWriter writer(m_db, m_setup, feed);
    for (const protocol::Mutation &mutation : request.mutations) {
        const QString digest = mutation.digest();
        if (mutation.seq <= lastSeq) {
            response.results.push_back(replayResult(session, mutation, digest));
            continue;
        }
        const auto refused = clockRefusal(mutation, now);
        MutationResult result = refused ? *refused : writer.apply(mutation, session, scope, now);
        m_db.execute(QStringLiteral("INSERT INTO hq_push_results (account, device_id, seq, digest, status, reason, message) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                     {session.account, session.deviceId, mutation.seq, digest, protocol::statusName(result.status),
                      result.reason, result.message});
        response.results.push_back(std::move(result));
        lastSeq = mutation.seq;
    }
    if (lastSeq != lastBefore) {
        if (state.empty())
            m_db.execute(QStringLiteral("INSERT INTO hq_push_state (account, device_id, last_seq) VALUES (?, ?, ?)"),
                         {session.account, session.deviceId, lastSeq});
        else
            m_db.execute(QStringLiteral("UPDATE hq_push_state SET last_seq = ? WHERE account = ? AND device_id = ?"),
                         {lastSeq, session.account, session.deviceId});
    }
    transaction.commit();
    response.lastProcessedSeq = lastSeq;
    return response;
}

} // namespace onsite::hq
