#pragma once

#include "protocol/protocol.h"
#include "scope.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace onsite::hq {

// The server-wide, gap-free sequence of committed changes that devices pull.
class ChangeFeed
{
public:
    static constexpr int kDefaultPageSize = 500;
    static constexpr int kMaxPageSize = 5000;

    explicit ChangeFeed(SqlConnection &connection) : m_db(connection) {}

    // Appends a change inside the caller's transaction. The number comes from one
    // counter row that every writer updates, so writers serialize on it and numbers
    // become visible in commit order: a cursor never passes a change that commits later.
    // The caller keeps the number on the record's hq_record_clocks row (RecordWriter
    // stamps the clock with it), which is how latest() finds the change. An object that
    // appends belongs to one transaction: it counts on from its own last number.
    qint64 append(const QString &entity, const QString &id, const QString &unitCode, const QString &op,
                  const QJsonObject &data, const QString &account, const QDateTime &now);

    protocol::PullResponse pull(const Scope &scope, qint64 since, int limit);
    // The record as the feed last carried it (empty for unknown or deleted); found through
    // the record's clock row, so its cost does not grow with the feed.
    QJsonObject latest(const QString &entity, const QString &id);
    // The unit the feed last filed the record under (empty for unknown): what scopes a
    // delete of a record whose JSON names no unit (a visit names its site).
    QString unitOf(const QString &entity, const QString &id);
    qint64 head();

private:
    SqlConnection &m_db;
    std::optional<qint64> m_lastAppended;
    QDateTime m_changedAt; // a push stamps all its changes with one time: format it once
    QString m_changedAtText;
};

} // namespace onsite::hq
