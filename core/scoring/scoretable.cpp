#include "scoretable.h"

#include <QDateTime>

namespace onsite {

namespace {

// Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<qint64>(era) * 146097 + doe - 719468;
}

bool digits(const QChar *text, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c - u'0');
    }
    *value = v;
    return true;
}

// Read for each of millions of stored times: a template, so each count unrolls inline.
template<int Count>
inline bool asciiDigits(const char *text, int *value)
{
    int v = 0;
    for (int i = 0; i < Count; ++i) {
        const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned('0');
        if (digit > 9)
            return false;
        v = v * 10 + static_cast<int>(digit);
    }
    *value = v;
    return true;
}

int daysInMonth(int y, int m)
{
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

} // namespace

qint32 ScoreTable::Pool::intern(const QString &name)
{
    const auto it = ids.constFind(name);
    if (it != ids.constEnd())
        return it.value();
    const auto id = static_cast<qint32>(names.size());
    names << name;
    ids.insert(name, id);
    return id;
}

qint32 ScoreTable::Pool::intern(QByteArrayView utf8)
{
    ShortTextIds::Key packed;
    if (ShortTextIds::pack(utf8, packed)) {
        if (lastShortId >= 0 && packed == lastShort)
            return lastShortId;
        qint32 id = shortIds.find(packed);
        if (id < 0) {
            id = intern(QString::fromUtf8(utf8));
            shortIds.insert(packed, id);
        }
        lastShort = packed;
        lastShortId = id;
        return id;
    }
    if (lastId >= 0 && last == utf8)
        return lastId;
    const std::string_view key(utf8.data(), static_cast<std::size_t>(utf8.size()));
    auto it = byBytes.find(key);
    if (it == byBytes.end()) {
        const QByteArray &stored = bytes.emplace_back(utf8.toByteArray());
        it = byBytes.emplace(std::string_view(stored.constData(), static_cast<std::size_t>(stored.size())),
                             intern(QString::fromUtf8(stored)))
                 .first;
    }
    last = QByteArrayView(it->first.data(), static_cast<qsizetype>(it->first.size()));
    lastId = it->second;
    return lastId;
}

ScoreTable ScoreTable::fromEntries(const std::vector<ScoreEntry> &entries)
{
    ScoreTable table;
    table.reserve(entries.size());
    for (const ScoreEntry &e : entries) {
        table.add(e.unitCode, e.indicatorCode, e.account, e.kind, e.input,
                  e.recordedAt.isValid() ? e.recordedAt.toMSecsSinceEpoch() : kInvalidTime);
    }
    return table;
}

void ScoreTable::append(const ScoreTable &other)
{
    auto idsIn = [](Pool &mine, const Pool &theirs) {
        std::vector<qint32> ids;
        ids.reserve(static_cast<std::size_t>(theirs.names.size()));
        for (const QString &name : theirs.names)
            ids.push_back(mine.intern(name));
        return ids;
    };
    const std::vector<qint32> units = idsIn(m_units, other.m_units);
    const std::vector<qint32> indicators = idsIn(m_indicators, other.m_indicators);
    const std::vector<qint32> accounts = idsIn(m_accounts, other.m_accounts);
    const std::vector<qint32> inputs = idsIn(m_inputs, other.m_inputs);
    reserve(m_rows.size() + other.m_rows.size());
    for (std::size_t p = 0; p < other.m_rows.size(); ++p) {
        const Row &row = other.m_rows[p];
        m_rows.push_back(Row{units[row.unit], indicators[row.indicator], accounts[row.account], inputs[row.input],
                             row.recordedAt});
        m_kinds.push_back(other.m_kinds[p]);
    }
}

void ScoreTable::reserve(std::size_t rows)
{
    m_rows.reserve(rows);
    m_kinds.reserve(rows);
}

void ScoreTable::add(const QString &unitCode, const QString &indicatorCode, const QString &account, ScoreKind kind,
                     const QString &input, qint64 recordedAtMs)
{
    m_rows.push_back(Row{m_units.intern(unitCode), m_indicators.intern(indicatorCode), m_accounts.intern(account),
                         m_inputs.intern(input), recordedAtMs});
    m_kinds.push_back(kind == ScoreKind::Final);
}

void ScoreTable::add(QByteArrayView unitCode, QByteArrayView indicatorCode, QByteArrayView account, ScoreKind kind,
                     QByteArrayView input, qint64 recordedAtMs)
{
    m_rows.push_back(Row{m_units.intern(unitCode), m_indicators.intern(indicatorCode), m_accounts.intern(account),
                         m_inputs.intern(input), recordedAtMs});
    m_kinds.push_back(kind == ScoreKind::Final);
}

qint64 ScoreTable::parseTimestamp(QByteArrayView t)
{
    // The form the store writes, in ASCII; anything else through the QString reader.
    const char *p = t.data();
    int y, mo, d, h, mi, s, ms;
    if (t.size() == 24 && p[4] == '-' && p[7] == '-' && p[10] == 'T' && p[13] == ':' && p[16] == ':' && p[19] == '.'
        && p[23] == 'Z' && asciiDigits<4>(p, &y) && asciiDigits<2>(p + 5, &mo) && asciiDigits<2>(p + 8, &d)
        && asciiDigits<2>(p + 11, &h) && asciiDigits<2>(p + 14, &mi) && asciiDigits<2>(p + 17, &s)
        && asciiDigits<3>(p + 20, &ms) && y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
        && h <= 23 && mi <= 59 && s <= 59) {
        return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + ms;
    }
    return parseTimestamp(QString::fromUtf8(t));
}

qint64 ScoreTable::parseTimestamp(const QString &text)
{
    // yyyy-MM-ddTHH:mm:ss.zzzZ, as CampaignStore and the HQ writers store it.
    const QChar *t = text.constData();
    int y, mo, d, h, mi, s, ms;
    if (text.size() == 24 && t[4] == u'-' && t[7] == u'-' && t[10] == u'T' && t[13] == u':' && t[16] == u':'
        && t[19] == u'.' && t[23] == u'Z' && digits(t, 4, &y) && digits(t + 5, 2, &mo) && digits(t + 8, 2, &d)
        && digits(t + 11, 2, &h) && digits(t + 14, 2, &mi) && digits(t + 17, 2, &s) && digits(t + 20, 3, &ms)
        && y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59) {
        return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + ms;
    }
    // Anything else as before.
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : kInvalidTime;
}

} // namespace onsite
