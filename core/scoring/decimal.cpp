#include "decimal.h"

#include <QRegularExpression>

namespace onsite {

using boost::multiprecision::cpp_int;

namespace {

// Nearly every score is a fraction whose numerator and denominator fit in 62 bits
// (means of a few decimal inputs). Rounding and printing those with 128-bit integers
// is an order of magnitude cheaper than through cpp_rational, and HQ prints 200,000
// item points for one results document.
__extension__ typedef unsigned __int128 Wide; // GCC and Clang have it; -Wpedantic does not know it
__extension__ typedef __int128 SignedWide;
constexpr int kFastPlaces = 9;
constexpr qint64 kPow10[kFastPlaces + 1] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

bool smallParts(const Decimal::Rational &value, qint64 *num, qint64 *den)
{
    static const cpp_int kLimit = cpp_int(1) << 62;
    const cpp_int &n = boost::multiprecision::numerator(value);
    const cpp_int &d = boost::multiprecision::denominator(value);
    if (n >= kLimit || n <= -kLimit || d >= kLimit)
        return false;
    *num = n.convert_to<qint64>();
    *den = d.convert_to<qint64>();
    return true;
}

// |value| × 10^places rounded half away from zero, and whether value is negative.
Wide roundedUnits(qint64 num, qint64 den, int places, bool *negative)
{
    *negative = num < 0;
    const auto magnitude = static_cast<Wide>(*negative ? -static_cast<SignedWide>(num) : num);
    const auto scaled = magnitude * static_cast<Wide>(kPow10[places]);
    const auto d = static_cast<Wide>(den);
    return (scaled * 2 + d) / (d * 2);
}

QString unitsText(Wide units, int places, bool negative)
{
    char digits[48];
    int length = 0;
    do {
        digits[length++] = static_cast<char>('0' + static_cast<int>(units % 10));
        units /= 10;
    } while (units != 0);
    while (length <= places)
        digits[length++] = '0';
    char text[52];
    int at = 0;
    if (negative)
        text[at++] = '-';
    for (int i = length - 1; i >= 0; --i) {
        text[at++] = digits[i];
        if (i == places && places > 0)
            text[at++] = '.';
    }
    return QString::fromLatin1(text, at);
}

} // namespace

std::optional<Decimal> Decimal::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^([+-]?)(\d+)(?:\.(\d+))?$)"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    QString digits = match.captured(2) + match.captured(3);
    if (digits.size() > 60)
        return std::nullopt;
    // cpp_int reads a leading 0 as octal.
    while (digits.size() > 1 && digits.front() == QLatin1Char('0'))
        digits.remove(0, 1);
    cpp_int numerator(digits.toStdString());
    cpp_int denominator = 1;
    for (qsizetype i = 0; i < match.captured(3).size(); ++i)
        denominator *= 10;
    if (match.captured(1) == QLatin1String("-"))
        numerator = -numerator;
    return Decimal(Rational(numerator, denominator));
}

Decimal Decimal::fraction(long long numerator, long long denominator)
{
    return Decimal(Rational(cpp_int(numerator), cpp_int(denominator)));
}

Decimal Decimal::rounded(int places) const
{
    qint64 smallNum = 0;
    qint64 smallDen = 0;
    if (places >= 0 && places <= kFastPlaces && smallParts(m_value, &smallNum, &smallDen)) {
        bool negative = false;
        const Wide units = roundedUnits(smallNum, smallDen, places, &negative);
        if (units < (static_cast<Wide>(1) << 62)) {
            const auto signedUnits = static_cast<qint64>(units);
            return fraction(negative ? -signedUnits : signedUnits, kPow10[places]);
        }
    }
    cpp_int scale = 1;
    for (int i = 0; i < places; ++i)
        scale *= 10;
    const Rational scaled = m_value * scale;
    const cpp_int num = boost::multiprecision::numerator(scaled);
    const cpp_int den = boost::multiprecision::denominator(scaled); // always positive
    const bool negative = num < 0;
    const cpp_int magnitude = negative ? cpp_int(-num) : num;
    // half away from zero: floor((|n| * 2 + d) / (2 d))
    cpp_int units = (magnitude * 2 + den) / (den * 2);
    if (negative)
        units = -units;
    return Decimal(Rational(units, scale));
}

QString Decimal::toString(int places) const
{
    qint64 num = 0;
    qint64 den = 0;
    if (places >= 0 && places <= kFastPlaces && smallParts(m_value, &num, &den)) {
        bool negative = false;
        const Wide units = roundedUnits(num, den, places, &negative);
        return unitsText(units, places, negative && units != 0); // never "-0.00"
    }
    cpp_int scale = 1;
    for (int i = 0; i < places; ++i)
        scale *= 10;
    const Rational scaled = rounded(places).m_value * scale;
    cpp_int units = boost::multiprecision::numerator(scaled); // denominator is 1 after rounding
    const bool negative = units < 0;
    if (negative)
        units = -units;
    QString digits = QString::fromStdString(units.str());
    if (places > 0) {
        while (digits.size() <= places)
            digits.prepend(QLatin1Char('0'));
        digits.insert(digits.size() - places, QLatin1Char('.'));
    }
    return negative ? QLatin1Char('-') + digits : digits;
}

QString Decimal::toPlainString() const
{
    for (int places = 0; places <= 6; ++places) {
        if (rounded(places) == *this)
            return toString(places);
    }
    return toString(6);
}

double Decimal::toDouble() const
{
    return m_value.convert_to<double>();
}

} // namespace onsite
