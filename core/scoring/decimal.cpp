#include "decimal.h"

#include <QRegularExpression>

namespace onsite {

using boost::multiprecision::cpp_int;

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
