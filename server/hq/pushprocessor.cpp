#include "pushprocessor.h"

#include "recordwriter.h"
#include "rowbatch.h"
#include "protocol/records.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace onsite::hq {

using protocol::MutationResult;
using protocol::MutationStatus;

namespace {

constexpr int kDigestsPerQuery = 200;
// From this many mutations a push checks them on a second thread (below: in place, as a
// thread would cost more than it saves).
constexpr size_t kPrecheckThreadFrom = 64;

using Refusal = std::optional<MutationResult>;

// The part of each mutation that needs no database (its digest and the checks of its
// clock, times and id) runs on a second thread, in order and ahead of the apply loop that
// reads it: about a tenth of a large push's CPU off the writer's path, which is the part
// that holds the transaction.
class Prechecks
{
public:
    Prechecks(const std::vector<protocol::Mutation> &mutations, const QDateTime &now,
              Refusal (*check)(const protocol::Mutation &, const QDateTime &))
        : m_mutations(mutations), m_now(now), m_check(check), m_digests(mutations.size()),
          m_refusals(mutations.size()), m_scores(mutations.size()), m_scoreRead(mutations.size(), 0)
    {
        if (mutations.size() >= kPrecheckThreadFrom)
            m_thread = std::thread([this] { run(); });
        else
            run();
    }
    ~Prechecks()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    Prechecks(const Prechecks &) = delete;
    Prechecks &operator=(const Prechecks &) = delete;

    const QString &digest(size_t i)
    {
        waitFor(i);
        return m_digests[i];
    }
    const Refusal &refusal(size_t i)
    {
        waitFor(i);
        return m_refusals[i];
    }
    // A score upsert's record, read ahead; null for other mutations.
    const RecordWriter::ParsedScore *score(size_t i)
    {
        waitFor(i);
        return m_scoreRead[i] ? &m_scores[i] : nullptr;
    }
    const std::vector<QString> &digests()
    {
        if (!m_mutations.empty())
            waitFor(m_mutations.size() - 1);
        return m_digests;
    }

private:
    void run()
    {
        try {
            for (size_t i = 0; i < m_mutations.size(); ++i) {
                m_digests[i] = m_mutations[i].digest();
                m_refusals[i] = m_check(m_mutations[i], m_now);
                const protocol::Mutation &m = m_mutations[i];
                if (!m_refusals[i] && m.entity == protocol::entity::kScore && m.op == protocol::op::kUpsert) {
                    m_scores[i] = RecordWriter::parseScore(m);
                    m_scoreRead[i] = 1;
                }
                m_done.store(i + 1, std::memory_order_release);
            }
        } catch (...) {
            m_error = std::current_exception();
            m_done.store(m_mutations.size() + 1, std::memory_order_release);
        }
    }
    void waitFor(size_t i)
    {
        // The thread does a few µs per mutation, the writer tens: it rarely waits here.
        size_t done;
        while ((done = m_done.load(std::memory_order_acquire)) <= i)
            std::this_thread::yield();
        // Past the end only after a failure: m_error was written before that store.
        if (done > m_mutations.size())
            std::rethrow_exception(m_error);
    }

    const std::vector<protocol::Mutation> &m_mutations;
    const QDateTime m_now;
    Refusal (*m_check)(const protocol::Mutation &, const QDateTime &);
    std::vector<QString> m_digests;
    std::vector<Refusal> m_refusals;
    std::vector<RecordWriter::ParsedScore> m_scores;
    std::vector<char> m_scoreRead; // not vector<bool>: written on one thread, read on another
    std::atomic<size_t> m_done{0};
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace

QHash<QString, PushProcessor::StoredResult> PushProcessor::heldOutcomes(const DeviceSession &session,
                                                                        const std::vector<QString> &digests)
{
    // Looked up a few hundred at a time within the device's own results (the key's prefix).
    QHash<QString, StoredResult> held;
    for (size_t from = 0; from < digests.size(); from += kDigestsPerQuery) {
        const size_t to = std::min(digests.size(), from + kDigestsPerQuery);
        QStringList marks;
        QVariantList params{session.account, session.deviceId};
        for (size_t i = from; i < to; ++i) {
            marks << QStringLiteral("?");
            params << digests[i];
        }
        const auto rows = m_db.query(QStringLiteral("SELECT digest, status, reason, message FROM hq_push_results "
                                                    "WHERE account = ? AND device_id = ? AND digest IN (%1)")
                                         .arg(marks.join(QLatin1Char(','))),
                                     params);
        for (const SqlRow &row : rows) {
            if (const auto status = protocol::statusFromName(row[1].toString()))
                held.insert(row[0].toString(), {row[0].toString(), {0, *status, row[2].toString(), row[3].toString(), {}}});
        }
    }
    return held;
}

MutationResult PushProcessor::replayResult(const DeviceSession &session, const protocol::Mutation &mutation,
                                           const QString &digest, const StoredResult *earlierInPush)
{
    std::optional<StoredResult> stored;
    if (earlierInPush) {
        stored = *earlierInPush;
    } else {
        const auto rows = m_db.query(QStringLiteral("SELECT digest, status, reason, message FROM hq_push_results "
                                                    "WHERE account = ? AND device_id = ? AND seq = ?"),
                                     {session.account, session.deviceId, mutation.seq});
        if (!rows.empty())
            stored = StoredResult{rows.front()[0].toString(),
                                  {mutation.seq,
                                   protocol::statusFromName(rows.front()[1].toString()).value_or(MutationStatus::Applied),
                                   rows.front()[2].toString(), rows.front()[3].toString(), {}}};
    }
    // Results stored before digests were kept (empty digest) are trusted as they were.
    const bool proven = stored && (stored->digest.isEmpty() || stored->digest == digest);
    if (!proven) {
        // Never answer "done" for content HQ does not hold: the device renumbers and resends.
        return {mutation.seq, MutationStatus::Rejected, protocol::kSequenceReused,
                QStringLiteral("修改编号 %1 已被此设备的另一项修改使用过（设备数据可能从备份恢复或被复制），"
                               "将重新编号后再次上传")
                    .arg(mutation.seq),
                {}};
    }
    // A replay (the device did not hear our answer): repeat the original outcome.
    return {mutation.seq, stored->result.status, stored->result.reason, stored->result.message, {}};
}

std::optional<MutationResult> PushProcessor::refusalBeforeApply(const protocol::Mutation &mutation, const QDateTime &now)
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
    // The record's own times obey the same bound: a photo "taken" in 9999 would sit at the
    // end of every timeline and make a visit thousands of years long.
    // Parsing a time costs about a microsecond; one of an earlier year (as nearly all are)
    // is skipped on its text.
    const QDateTime latest = now.addMSecs(protocol::kMaxClockAheadMs);
    const QString latestYear = QString::number(latest.date().year());
    for (const QString &key : protocol::recordTimeKeys()) {
        const QString text = mutation.data.value(key).toString();
        if (text.isEmpty() || QStringView(text).left(4) < latestYear)
            continue;
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (time.isValid() && time > latest)
            return MutationResult{mutation.seq, MutationStatus::Rejected, QStringLiteral("clock_ahead"),
                                  QStringLiteral("记录时间 %1（%2）晚于总部当前时间，请校准设备时间后重新录入")
                                      .arg(key, time.toUTC().toString(Qt::ISODate)),
                                  {}};
    }
    if (mutation.id.isEmpty() || mutation.id.size() > protocol::kMaxRecordIdLength)
        return MutationResult{mutation.seq, MutationStatus::Rejected, QStringLiteral("bad_record"),
                              QStringLiteral("记录编号应为 1 到 %1 个字符").arg(protocol::kMaxRecordIdLength), {}};
    return std::nullopt;
}

protocol::PushResponse PushProcessor::process(const DeviceSession &session, const Scope &scope,
                                              const protocol::PushRequest &request, const QDateTime &now)
{
    protocol::PushResponse response;
    SqlTransaction transaction(m_db);
    // Lock the device's own state row first (created if new): two pushes of one device (a
    // retry racing the original) run one after the other, so the second sees the first's
    // last_seq and answers its mutations as replays. Pushes of other devices go on beside
    // it; they meet only at the history's head and the feed's counter, which
    // RecordWriter::flush takes right before the commit.
    const QVariantList owner{session.account, session.deviceId};
    m_db.execute(QStringLiteral("INSERT INTO hq_push_state (account, device_id, last_seq) VALUES (?, ?, 0) "
                                "ON CONFLICT (account, device_id) DO UPDATE SET last_seq = hq_push_state.last_seq"),
                 owner);
    const auto state = m_db.query(QStringLiteral("SELECT last_seq FROM hq_push_state WHERE account = ? AND device_id = ?"),
                                  owner);
    qint64 lastSeq = state.empty() ? 0 : state.front().value(0).toLongLong();
    const qint64 lastBefore = lastSeq;

    Prechecks prechecks(request.mutations, now, &PushProcessor::refusalBeforeApply);
    const QHash<QString, StoredResult> held =
        request.resend ? heldOutcomes(session, prechecks.digests()) : QHash<QString, StoredResult>{};

    ChangeFeed feed(m_db);
    RecordWriter writer(m_db, m_setup, feed);
    // Outcomes are written together after the loop (multi-row inserts); a number repeated
    // within this push is answered from here.
    QHash<qint64, StoredResult> answered;
    QVariantList resultRows;
    for (size_t i = 0; i < request.mutations.size(); ++i) {
        const protocol::Mutation &mutation = request.mutations[i];
        const QString &digest = prechecks.digest(i);
        if (mutation.seq <= lastSeq) {
            const auto earlier = answered.constFind(mutation.seq);
            response.results.push_back(
                replayResult(session, mutation, digest, earlier == answered.constEnd() ? nullptr : &*earlier));
            continue;
        }
        MutationResult result;
        if (const auto kept = held.constFind(digest); kept != held.constEnd()) {
            result = kept->result;
            result.seq = mutation.seq;
        } else if (const Refusal &refused = prechecks.refusal(i)) {
            result = *refused;
        } else {
            result = writer.apply(mutation, session, scope, now, prechecks.score(i));
        }
        resultRows << session.account << session.deviceId << mutation.seq << digest
                   << protocol::statusName(result.status) << result.reason << result.message;
        answered.insert(mutation.seq, {digest, {mutation.seq, result.status, result.reason, result.message, {}}});
        response.results.push_back(std::move(result));
        lastSeq = mutation.seq;
    }
    insertRows(m_db,
               QStringLiteral("INSERT INTO hq_push_results (account, device_id, seq, digest, status, reason, message)"), 7,
               resultRows);
    if (lastSeq != lastBefore)
        m_db.execute(QStringLiteral("UPDATE hq_push_state SET last_seq = ? WHERE account = ? AND device_id = ?"),
                     {lastSeq, session.account, session.deviceId});
    writer.flush();
    transaction.commit();
    response.lastProcessedSeq = lastSeq;
    return response;
}

} // namespace onsite::hq
