#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <mutex>

namespace onsite {

// Ids of new records are UUID version 7 (RFC 9562): the first 48 bits are the creation
// time in Unix milliseconds, the other 74 free bits random. Ids made one after another sort
// one after another, so each index keyed by id (HQ's scores and record clocks, the
// device's own tables) grows at one end instead of every new record dirtying a page of
// its own, as random (version 4) ids did. Their text sorts by time, too.
QString newRecordId();

// The id of a record made at `unixMsecs`, its 74 random bits taken from the first ten
// bytes of `randomBytes` (padded with zeros): stable ids for benchmarks and tests.
QString recordIdAt(qint64 unixMsecs, QByteArrayView randomBytes);

// The creation time a version 7 id carries, or -1 for any other text.
qint64 recordIdMsecs(const QString &id);

// Makes ids that never go backwards within one generator, even when the clock does (a
// tablet's clock set back) or several come in one millisecond: the random part then grows
// by a random step (RFC 9562, 6.2, method 2). Safe from several threads.
class RecordIdGenerator
{
public:
    using Clock = std::function<qint64()>;   // Unix milliseconds
    using Random = std::function<quint64()>; // 64 random bits

    RecordIdGenerator(); // the system's clock and its cryptographic random source
    RecordIdGenerator(Clock clock, Random random);

    QString next();

private:
    Clock m_clock;
    Random m_random;
    std::mutex m_mutex;
    qint64 m_lastMsecs = -1;
    quint64 m_high = 0; // rand_a, 12 bits
    quint64 m_low = 0;  // rand_b, 62 bits
};

} // namespace onsite
