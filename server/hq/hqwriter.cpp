#include "hqwriter.h"

#include "changefeed.h"
#include "protocol/records.h"
#include "recordwriter.h"

#include <algorithm>
#include <map>

namespace onsite::hq {

QString HqWriter::clock(qint64 milliseconds, qsizetype counter)
{
    return QStringLiteral("%1-%2")
        .arg(milliseconds, 13, 10, QLatin1Char('0'))
        .arg(counter % 100000, 5, 10, QLatin1Char('0'));
}

std::vector<HqChange> HqWriter::scoreChanges(const std::vector<ScoreEntry> &entries)
{
    std::vector<HqChange> changes;
    changes.reserve(entries.size());
    for (const ScoreEntry &entry : entries)
        changes.push_back({entry.account, protocol::entity::kScore, entry.id, protocol::op::kUpsert,
                           protocol::scoreToJson(entry)});
    return changes;
}

std::optional<HqWriter::Refusal> HqWriter::write(const std::vector<HqChange> &changes, const QDateTime &now,
                                                 const Guard &guard)
{
    bool given = false;
    return write(
        [&](std::vector<HqChange> &chunk) {
            if (given)
                return false;
            chunk = changes;
            given = true;
            return true;
        },
        now, guard);
}

std::optional<HqWriter::Refusal> HqWriter::write(const ChangeSource &next, const QDateTime &now, const Guard &guard)
{
    SqlTransaction transaction(m_db);
    if (guard)
        guard();
    ChangeFeed feed(m_db);
    RecordWriter writer(m_db, m_setup, feed, m_historyKey);
    qint64 clockMs = now.toMSecsSinceEpoch();
    if (m_origin == kHqOrigin) {
        // HQ's own actions (a correction, a reopening) are never outvoted by a device
        // clock: they are stamped after every clock HQ holds. Device clocks are at most
        // an hour ahead (protocol::kMaxClockAheadMs), so this stays close to now. Paper
        // scores keep the time of their import and meet the rules as a device would.
        const auto latest = m_db.query(QStringLiteral("SELECT MAX(hlc) FROM hq_record_clocks"));
        if (const auto stamp = latest.empty() ? std::nullopt : protocol::parseHlc(latest.front().value(0).toString()))
            clockMs = std::max(clockMs, stamp->milliseconds + 1);
    }
    std::map<QString, Scope> scopes; // one per account of the batch
    std::vector<HqChange> changes;
    qsizetype i = 0;
    while (next(changes)) {
        for (const HqChange &change : changes) {
            const Person *person = m_setup.person(change.account);
            const qint64 seq = i + 1;
            if (!person)
                return Refusal{i, rejection(seq, QStringLiteral("unknown_account"),
                                            QStringLiteral("账号“%1”不在当前考评活动中").arg(change.account))};
            auto scope = scopes.find(change.account);
            if (scope == scopes.end())
                scope = scopes.emplace(change.account, Scope(m_setup, *person)).first;
            const protocol::Mutation mutation{seq, change.entity, change.id, change.op, clock(clockMs, i), change.data};
            protocol::MutationResult result =
                writer.apply(mutation, DeviceSession{change.account, m_origin}, scope->second, now);
            if (result.status != protocol::MutationStatus::Applied)
                return Refusal{i, std::move(result)};
            ++i;
        }
        changes.clear();
        // Each chunk's history rows and changes are written before the next is read, so an
        // import holds one chunk in memory, not the whole file (2M paper lines held 4.8 GB).
        // The price: the history's head and the feed's counter are held from the first
        // chunk's flush to the commit, so on PostgreSQL pushes made meanwhile wait at their
        // own flush until the import ends (on SQLite the import holds the one writer anyway).
        writer.flush();
    }
    transaction.commit();
    return std::nullopt;
}

} // namespace onsite::hq
