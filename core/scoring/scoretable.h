#pragma once

#include "domain/scoreentry.h"
#include "scoring/shorttextids.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <deque>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace onsite {

// Score entries as the scoring engine reads them: unit and indicator codes, accounts
// and inputs are interned once, so an entry costs 24 bytes and no string is compared
// per entry. HQ holds millions of entries; a vector of ScoreEntry (nine strings and a
// QDateTime each) cost about 1 kB per entry once loaded.
class ScoreTable
{
public:
    struct Row
    {
        qint32 unit = 0;
        qint32 indicator = 0;
        qint32 account = 0;
        qint32 input = 0;
        qint64 recordedAt = 0; // ms since the epoch; kInvalidTime sorts before every valid time
    };
    static constexpr qint64 kInvalidTime = std::numeric_limits<qint64>::min();

    static ScoreTable fromEntries(const std::vector<ScoreEntry> &entries);

    void add(const QString &unitCode, const QString &indicatorCode, const QString &account, ScoreKind kind,
             const QString &input, qint64 recordedAtMs);
    // The same from a store's text row (UTF-8): no QString is made for a value seen before.
    void add(QByteArrayView unitCode, QByteArrayView indicatorCode, QByteArrayView account, ScoreKind kind,
             QByteArrayView input, qint64 recordedAtMs);
    void reserve(std::size_t rows);
    // `other`'s rows after this table's, in their order (a table read in two parts).
    void append(const ScoreTable &other);

    // The first row added is position 0; a later row wins a tie on recordedAt (input order).
    std::size_t size() const { return m_rows.size(); }
    const Row &row(std::size_t position) const { return m_rows[position]; }
    ScoreKind kind(std::size_t position) const { return m_kinds[position] ? ScoreKind::Final : ScoreKind::Rater; }

    const QStringList &units() const { return m_units.names; }
    const QStringList &indicators() const { return m_indicators.names; }
    const QStringList &accounts() const { return m_accounts.names; }
    const QStringList &inputs() const { return m_inputs.names; }

    // ms since the epoch of a stored recorded_at text, read without QDateTime for the
    // form the store writes ("2026-06-20T09:00:00.000Z"); any other text goes through
    // QDateTime::fromString(ISODateWithMs) as ScoreEntry's loader does.
    static qint64 parseTimestamp(const QString &text);
    static qint64 parseTimestamp(QByteArrayView utf8);

private:
    struct Pool
    {
        QStringList names;
        QHash<QString, qint32> ids;
        // By UTF-8 bytes: texts of up to 16 bytes (nearly all) packed into words...
        ShortTextIds shortIds;
        // ...longer ones by their bytes: the keys point into `bytes` (QByteArray data does not move).
        std::unordered_map<std::string_view, qint32> byBytes;
        std::deque<QByteArray> bytes;
        // Rows come in runs of one unit (and often one indicator): the last hit first.
        ShortTextIds::Key lastShort;
        qint32 lastShortId = -1;
        QByteArrayView last;
        qint32 lastId = -1;
        qint32 intern(const QString &name);
        qint32 intern(QByteArrayView utf8);
    };

    std::vector<Row> m_rows;
    std::vector<bool> m_kinds; // true: final value
    Pool m_units;
    Pool m_indicators;
    Pool m_accounts;
    Pool m_inputs;
};

} // namespace onsite
