#pragma once

#include "accountstore.h"
#include "changefeed.h"
#include "protocol/protocol.h"
#include "scope.h"
#include "scorehistory.h"

#include "domain/scoreentry.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <optional>

namespace onsite::hq {

// Applies one device mutation to the domain tables and the change feed, after
// checking shape, ownership, scope, 回避 and the item's input rules. Concurrent edits
// of one record are ordered by (hlc, device id); the later one wins and the other is
// kept in hq_conflicts. Every applied change of a score or submission is also appended
// to the keyed score history, in the same transaction. HQ's own writes (paper scores,
// changes made at HQ) come through here too, via HqWriter, with an HQ clock.
class RecordWriter
{
public:
    // `historyKey`: the data folder's history.key; by default the one `serve` installed.
    RecordWriter(SqlConnection &connection, const CampaignSetup &setup, ChangeFeed &feed,
                 QByteArray historyKey = installedHistoryKey())
        : m_db(connection), m_setup(setup), m_feed(feed), m_historyKey(std::move(historyKey))
    {
    }

    // A score upsert read ahead of its apply, off the writer's thread (PushProcessor): the
    // score as protocol::scoreFromJson reads it, or why not, and the feed's text of it.
    struct ParsedScore
    {
        std::optional<ScoreEntry> score;
        QString error;
        QString feedText; // protocol::scoreJsonText
    };
    static ParsedScore parseScore(const protocol::Mutation &mutation);

    // `parsed`: the mutation's parseScore(), when it was read ahead.
    protocol::MutationResult apply(const protocol::Mutation &mutation, const DeviceSession &session,
                                   const Scope &scope, const QDateTime &now, const ParsedScore *parsed = nullptr);
    // Writes what apply() queued: the history rows, then the feed's changes and clocks.
    // Call once, right before the commit; the serial part of a write (the history's head
    // and the feed's counter) runs from here to the commit.
    void flush();

private:
    protocol::MutationResult applyScore(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                        const QDateTime &now, const ParsedScore *parsed);
    protocol::MutationResult applyFieldRecord(const protocol::Mutation &m, const DeviceSession &session,
                                              const Scope &scope, const QDateTime &now);
    protocol::MutationResult applySubmission(const protocol::Mutation &m, const DeviceSession &session,
                                             const Scope &scope, const QDateTime &now);
    // 回头看: an assignment only HQ writes, and the results of the group it names.
    protocol::MutationResult applyRecheck(const protocol::Mutation &m, const DeviceSession &session,
                                          const Scope &scope, const QDateTime &now);
    protocol::MutationResult applyRecheckResult(const protocol::Mutation &m, const DeviceSession &session,
                                                const Scope &scope, const QDateTime &now);
    protocol::MutationResult applyDelete(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                         const QDateTime &now);

    // Conflict result when the stored clock is later than the mutation's.
    std::optional<protocol::MutationResult> losesTo(const protocol::Mutation &m, const QString &id,
                                                    const QString &unitCode, const DeviceSession &session,
                                                    const QDateTime &now);
    // Queues the change for the feed and the record's clock (the mutation's hlc and device),
    // stamped with the change's number at flush().
    void publish(const protocol::Mutation &m, const QString &id, const QString &unitCode, const QString &op,
                 const QJsonObject &data, const DeviceSession &session, const QDateTime &now);
    void publishJson(const protocol::Mutation &m, const QString &id, const QString &unitCode, const QString &op,
                     const QString &dataJson, const DeviceSession &session, const QDateTime &now);
    ScoreHistory &history();
    bool unitLocked(const QString &unitCode); // read once per unit and writer, until a submission changes
    const QString &nowText(const QDateTime &now); // a push has one time: formatted once

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
    ChangeFeed &m_feed;
    QByteArray m_historyKey;
    std::optional<ScoreHistory> m_history; // made on first use: field records need no key
    QHash<QString, QSet<QString>> m_groupUnits; // account -> the units its group assesses
    QHash<QString, bool> m_unitLocked;
    QDateTime m_now;
    QString m_nowText;
};

protocol::MutationResult rejection(qint64 seq, const QString &reason, const QString &message);

} // namespace onsite::hq
