#include "isotime.h"

namespace onsite {

namespace {

constexpr qint64 kMsecsPerDay = 86'400'000;

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
void civilFromDays(qint64 days, qint64 &year, int &month, int &day)
{
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const qint64 dayOfEra = days - era * 146'097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1'460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

QChar *putDigits(QChar *out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = QChar(u'0' + char16_t(value % 10));
        value /= 10;
    }
    return out + width;
}

} // namespace

QString isoUtcText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const qint64 msecs = time.toMSecsSinceEpoch();
    const qint64 days =
        msecs >= 0 ? msecs / kMsecsPerDay : (msecs - (kMsecsPerDay - 1)) / kMsecsPerDay;
    qint64 ofDay = msecs - days * kMsecsPerDay;
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, year, month, day);
    if (year < 1 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);

    QString text(24, Qt::Uninitialized);
    QChar *out = text.data();
    out = putDigits(out, year, 4);
    *out++ = u'-';
    out = putDigits(out, month, 2);
    *out++ = u'-';
    out = putDigits(out, day, 2);
    *out++ = u'T';
    out = putDigits(out, ofDay / 3'600'000, 2);
    ofDay %= 3'600'000;
    *out++ = u':';
    out = putDigits(out, ofDay / 60'000, 2);
    ofDay %= 60'000;
    *out++ = u':';
    out = putDigits(out, ofDay / 1'000, 2);
    *out++ = u'.';
    out = putDigits(out, ofDay % 1'000, 3);
    *out = u'Z';
    return text;
}

} // namespace onsite
