#pragma once

#include <QString>

#include <boost/multiprecision/cpp_int.hpp>

#include <optional>

namespace onsite {

// An exact rational number. Scores are means of ratios of decimal inputs, and the
// binding rules demand results equal to the cent at half-cent boundaries, so no
// floating point is used anywhere between an input and a rounded total.
class Decimal
{
public:
    using Rational = boost::multiprecision::cpp_rational;

    Decimal() = default;
    Decimal(int value) : m_value(value) {} // NOLINT(google-explicit-constructor)
    explicit Decimal(Rational value) : m_value(std::move(value)) {}

    // Parses a plain decimal such as "15.4", "-3", "0.50" or "+2". No exponent,
    // no thousands separators; surrounding whitespace is ignored.
    static std::optional<Decimal> parse(const QString &text);
    static Decimal fraction(long long numerator, long long denominator);

    const Rational &value() const { return m_value; }

    // Rounds half away from zero to `places` decimals.
    Decimal rounded(int places) const;
    // Fixed-point text with exactly `places` decimals, rounding half away from zero.
    QString toString(int places) const;
    // Shortest exact text if the value is a finite decimal, else rounded to 6 places.
    QString toPlainString() const;
    double toDouble() const;

    bool isZero() const { return m_value == 0; }

    friend Decimal operator+(const Decimal &a, const Decimal &b) { return Decimal(a.m_value + b.m_value); }
    friend Decimal operator-(const Decimal &a, const Decimal &b) { return Decimal(a.m_value - b.m_value); }
    friend Decimal operator*(const Decimal &a, const Decimal &b) { return Decimal(a.m_value * b.m_value); }
    friend Decimal operator/(const Decimal &a, const Decimal &b) { return Decimal(a.m_value / b.m_value); }
    Decimal &operator+=(const Decimal &other)
    {
        m_value += other.m_value;
        return *this;
    }
    friend auto operator<=>(const Decimal &a, const Decimal &b)
    {
        if (a.m_value < b.m_value)
            return std::strong_ordering::less;
        if (a.m_value > b.m_value)
            return std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }
    friend bool operator==(const Decimal &a, const Decimal &b) { return a.m_value == b.m_value; }

    static Decimal min(const Decimal &a, const Decimal &b) { return a < b ? a : b; }
    static Decimal max(const Decimal &a, const Decimal &b) { return a < b ? b : a; }
    static Decimal clamp(const Decimal &v, const Decimal &lo, const Decimal &hi) { return max(lo, min(v, hi)); }

private:
    Rational m_value{0};
};

} // namespace onsite
