#pragma once

#include "protocol/protocol.h"
#include "scope.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>

#include <optional>
#include <utility>
#include <vector>

namespace onsite::hq {

// The server-wide, gap-free sequence of committed changes that devices pull, and each
// record's clock (the hlc and device of its last write, and the number of its change).
class ChangeFeed
{
public:
    static constexpr int kDefaultPageSize = 500;
    static constexpr int kMaxPageSize = 5000;

    explicit ChangeFeed(SqlConnection &connection);

    struct Clock
    {
        QString hlc;
        QString deviceId;
    };

    // The record's clock as this transaction sees it (its own writes first). On
    // PostgreSQL the clock row is locked to the end of the transaction (created empty if
    // the record is new), so two pushes writing one record decide and write one after the
    // other; SQLite admits one writer at a time anyway.
    std::optional<Clock> clockOf(const QString &entity, const QString &id);

    // Queues a change inside the caller's transaction; flush() numbers and writes it, with
    // the record's clock naming it. Numbers are taken only in flush(): the counter row every
    // writer updates is held from there to the commit, a few statements instead of the
    // whole push, and numbers still become visible in commit order (a cursor never passes a
    // change that commits later). An object that appends belongs to one transaction.
    void append(const QString &entity, const QString &id, const QString &unitCode, const QString &op,
                const QJsonObject &data, const QString &account, const QDateTime &now, const QString &hlc,
                const QString &deviceId);
    // The same with the record already as compact JSON text (protocol::scoreJsonText).
    void appendJson(const QString &entity, const QString &id, const QString &unitCode, const QString &op,
                    const QString &dataJson, const QString &account, const QDateTime &now, const QString &hlc,
                    const QString &deviceId);
    // Takes the counter row, writes the queued changes and clocks. Call right before the
    // commit (after ScoreHistory::flush: writers take the history's head, then the counter).
    // Returns the number of the last change written (0 if none was queued).
    qint64 flush();

    // A page of the feed as stored: each change's record is the compact JSON HQ wrote
    // (QJsonDocument's), so an answer can carry it without parsing and writing it again.
    struct Page
    {
        struct Entry
        {
            qint64 seq = 0;
            QByteArray entity;
            QByteArray id;
            QByteArray op;
            QByteArray data;
        };
        std::vector<Entry> changes;
        qint64 cursor = 0;
        bool more = false;

        protocol::PullResponse toResponse() const;
    };
    Page page(const Scope &scope, qint64 since, int limit);
    protocol::PullResponse pull(const Scope &scope, qint64 since, int limit) { return page(scope, since, limit).toResponse(); }
    // The record as the feed last carried it (empty for unknown or deleted), queued
    // changes included; found through the record's clock row, so its cost does not grow
    // with the feed.
    QJsonObject latest(const QString &entity, const QString &id);
    // The unit the feed last filed the record under (empty for unknown): what scopes a
    // delete of a record whose JSON names no unit (a visit names its site).
    QString unitOf(const QString &entity, const QString &id);
    qint64 head();

private:
    struct Pending
    {
        QString entity;
        QString id;
        QString unitCode;
        QString op;
        QString dataJson;
        QString account;
        QString changedAt;
        QString hlc;
        QString deviceId;
    };
    const Pending *pendingOf(const QString &entity, const QString &id) const;
    void writeChanges(qint64 firstSeq);
    void writeClocks(qint64 firstSeq);

    SqlConnection &m_db;
    bool m_rowLocks = false; // PostgreSQL: clock rows are locked when read
    std::vector<Pending> m_pending;
    QHash<QString, qsizetype> m_latestPending; // "entity\x1fid" -> index of its last queued change
    QHash<QString, std::pair<QString, QString>> m_placeholders; // empty clock rows this object created
    QDateTime m_changedAt; // a push stamps all its changes with one time: format it once
    QString m_changedAtText;
};

} // namespace onsite::hq
