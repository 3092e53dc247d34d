#include "recordid.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace onsite {

namespace {

constexpr quint64 kHighLimit = quint64(1) << 12;
constexpr quint64 kLowLimit = quint64(1) << 62;
constexpr qint64 kMaxMsecs = (qint64(1) << 48) - 1;

QString formatId(qint64 unixMsecs, quint64 high, quint64 low)
{
    std::array<unsigned char, 16> bytes{};
    const auto ms = quint64(std::clamp<qint64>(unixMsecs, 0, kMaxMsecs));
    for (int i = 0; i < 6; ++i)
        bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    bytes[6] = static_cast<unsigned char>(0x70 | ((high >> 8) & 0x0f));
    bytes[7] = static_cast<unsigned char>(high);
    bytes[8] = static_cast<unsigned char>(0x80 | ((low >> 56) & 0x3f));
    for (int i = 9; i < 16; ++i)
        bytes[i] = static_cast<unsigned char>(low >> (8 * (15 - i)));

    static constexpr char kHex[] = "0123456789abcdef";
    QString text(36, Qt::Uninitialized);
    QChar *out = text.data();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = QLatin1Char('-');
        *out++ = QLatin1Char(kHex[bytes[i] >> 4]);
        *out++ = QLatin1Char(kHex[bytes[i] & 0x0f]);
    }
    return text;
}

} // namespace

QString newRecordId()
{
    static RecordIdGenerator generator;
    return generator.next();
}

QString recordIdAt(qint64 unixMsecs, QByteArrayView randomBytes)
{
    std::array<unsigned char, 10> r{};
    for (qsizetype i = 0; i < std::min<qsizetype>(randomBytes.size(), 10); ++i)
        r[i] = static_cast<unsigned char>(randomBytes[i]);
    const quint64 high = (quint64(r[0]) << 8 | r[1]) % kHighLimit;
    quint64 low = 0;
    for (int i = 2; i < 10; ++i)
        low = low << 8 | r[i];
    return formatId(unixMsecs, high, low % kLowLimit);
}

qint64 recordIdMsecs(const QString &id)
{
    const auto hexValue = [](QChar c) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            return c.unicode() - '0';
        if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
            return c.unicode() - 'a' + 10;
        return -1;
    };
    if (id.size() != 36)
        return -1;
    for (int dash : {8, 13, 18, 23}) {
        if (id.at(dash) != QLatin1Char('-'))
            return -1;
    }
    for (int i = 0; i < 36; ++i) {
        if (i != 8 && i != 13 && i != 18 && i != 23 && hexValue(id.at(i)) < 0)
            return -1;
    }
    if (id.at(14) != QLatin1Char('7') || hexValue(id.at(19)) < 8 || hexValue(id.at(19)) > 11)
        return -1;
    qint64 ms = 0;
    for (int i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12})
        ms = ms << 4 | hexValue(id.at(i));
    return ms;
}

RecordIdGenerator::RecordIdGenerator()
    : RecordIdGenerator([] { return QDateTime::currentMSecsSinceEpoch(); },
                        [] { return QRandomGenerator::system()->generate64(); })
{
}

RecordIdGenerator::RecordIdGenerator(Clock clock, Random random)
    : m_clock(std::move(clock)), m_random(std::move(random))
{
}

QString RecordIdGenerator::next()
{
    const qint64 now = m_clock();
    std::lock_guard lock(m_mutex);
    if (now > m_lastMsecs) {
        m_lastMsecs = now;
        m_high = m_random() >> 52;
        m_low = m_random() >> 2;
    } else {
        // Same millisecond or a clock set back: stay at the last time and step the random
        // part on by 1 to 2^32, so ids of one burst cannot be told from each other.
        m_low += 1 + (m_random() >> 32);
        if (m_low >= kLowLimit) {
            m_low -= kLowLimit;
            if (++m_high == kHighLimit) {
                m_high = 0;
                ++m_lastMsecs;
            }
        }
    }
    return formatId(m_lastMsecs, m_high, m_low);
}

} // namespace onsite
