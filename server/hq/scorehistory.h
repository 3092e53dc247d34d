#pragma once

#include "hmacsha256.h"
#include "store/sqlconnection.h"

#include <QByteArray>
#include <QHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace onsite::hq {

// The secret that keys the history chain: `history.key` in the HQ data folder, 32 random
// bytes, created owner-only (0600) the first time it is needed. Throws std::runtime_error
// with a message for people when it cannot be read or created, or has the wrong size.
QByteArray historyKey(const QString &dataFolder);
QString historyKeyPath(const QString &dataFolder);

// The key RecordWriter uses when its caller passes none: `onsite-hq serve` installs the
// data folder's key once at start, before any worker runs.
void installHistoryKey(const QByteArray &key);
QByteArray installedHistoryKey();

// One change of a score (rater score or final value) or of a unit's submission.
struct HistoryChange
{
    QString entity;        // "score" or "submission"
    QString entityId;
    QString unitCode;
    QString indicatorCode; // empty for a submission
    QString kind;          // "rater" / "final"; empty for a submission
    QString action;        // create, update, delete, recreate, submit, reopen (baseline: before keying)
    QString account;       // who made the change (a score's own rater, or the leader or HQ member)
    QString origin;        // the device id, "paper" for 补录, "hq" for a change made at HQ
    QDateTime at;
    std::optional<QString> oldValue; // the input before (empty for a create)
    std::optional<QString> newValue; // the input after (empty for a delete)
    QString reason;
};

// The append-only, tamper-evident score history (DOMAIN.md §Integrity). Each row's MAC is
// HMAC-SHA256(key, row fields ‖ previous row's MAC); the head row holds the last number
// and MAC under the key, so editing, removing, reordering or re-hashing rows without the
// key breaks the chain. See docs/ARCHITECTURE.md §History.
// An object that appends belongs to one transaction: after its first write it chains on
// the tip it wrote itself instead of reading it again (a push appends thousands).
class ScoreHistory
{
public:
    ScoreHistory(SqlConnection &db, const QByteArray &key);

    // Appends inside the caller's transaction. Throws std::runtime_error when the history
    // was written under another key (history.key replaced): nothing more is chained on it.
    void append(const HistoryChange &change);
    // Keeps the change to be written by flush(): the head row, which every writer of the
    // history locks, is then held from flush() to the commit only, not for a whole push.
    // deletedValue() sees queued changes.
    void queue(const HistoryChange &change);
    // Locks the head, chains and writes the queued changes (multi-row inserts), moves the head.
    void flush();
    // {"ok":bool,"entries":N,"first_break":null|{"seq":…,"reason":"…"}}
    QJsonObject verify();
    // [{"seq","at","account","action","entity","old","new","reason", …}] of one unit's
    // item (indicator empty: the whole unit, submissions included), oldest first.
    QJsonArray entries(const QString &unit, const QString &indicator);
    // Every row of one record (a follow-up item, project, …), oldest first, same shape.
    QJsonArray entriesOf(const QString &entity, const QString &entityId);
    // The reason of each record's latest `action` step, by record id (for lists that show
    // HQ's words beside every record, read in one query instead of one per record). Reading
    // needs no key, so exports made without one can call it.
    static QHash<QString, QString> latestReasons(SqlConnection &db, const QString &entity, const QString &action);
    // The value a score had when it was last deleted, if its latest change was a delete.
    std::optional<QString> deletedValue(const QString &unit, const QString &indicator, const QString &account,
                                        const QString &kind);
    // Seals rows written before the chain had a key (schema version 5 migration) after
    // checking their old unkeyed SHA-256 chain. Returns how many were sealed; rows whose
    // old chain is broken are left unsealed, and verify() names the first of them.
    int sealLegacy();

    QString keyId() const;

private:
    QJsonArray rows(const QString &condition, QVariantList params, const QString &unit, const QString &indicator);
    QByteArray mac(const QByteArray &message) const;
    QByteArray rowMac(const QVariantList &row, const QByteArray &previous) const; // row as selected by kColumns
    QByteArray rowMac(const QVariant *row, const QByteArray &previous) const;      // its first kMacFields values
    QByteArray headMac(qint64 seq, const QByteArray &lastMac) const;
    void writeHead(qint64 seq, const QByteArray &lastMac);
    // The first score or submission whose current value is not the one its history ends
    // with (number of that history row, or 0, and a message).
    std::optional<std::pair<qint64, QString>> currentValueMismatch();

    SqlConnection &m_db;
    HmacSha256 m_mac; // keyed by history.key
    mutable QString m_keyId;                          // HMAC of a constant: computed once
    std::optional<std::pair<qint64, QByteArray>> m_tip; // number and MAC of the last row appended
    std::vector<HistoryChange> m_queued;
    // A queued score's latest action and old value, by "unit\x1fitem\x1faccount\x1fkind".
    QHash<QString, std::pair<QString, std::optional<QString>>> m_queuedScores;
    QDateTime m_at;
    QString m_atText;
};

// Seals legacy rows if there are any, loading (or creating) the folder's key only then.
void sealLegacyHistory(SqlConnection &db, const QString &dataFolder);

} // namespace onsite::hq
