#include "scoring/decimal.h"

#include <gtest/gtest.h>

using onsite::Decimal;

TEST(Decimal, ParsesPlainDecimals)
{
    EXPECT_EQ(Decimal::parse(QStringLiteral("15.4"))->toString(2), QStringLiteral("15.40"));
    EXPECT_EQ(Decimal::parse(QStringLiteral(" -3 "))->toString(0), QStringLiteral("-3"));
    EXPECT_EQ(*Decimal::parse(QStringLiteral("0.50")), Decimal::fraction(1, 2));
}

TEST(Decimal, RejectsMalformedText)
{
    for (const char *bad : {"", "abc", "1e3", "1,5", "1.", ".5", "--1", "1.2.3"})
        EXPECT_FALSE(Decimal::parse(QString::fromLatin1(bad))) << bad;
}

TEST(Decimal, RoundsHalfAwayFromZero)
{
    EXPECT_EQ(Decimal::parse(QStringLiteral("2.675"))->toString(2), QStringLiteral("2.68"));
    EXPECT_EQ(Decimal::parse(QStringLiteral("-2.675"))->toString(2), QStringLiteral("-2.68"));
    EXPECT_EQ(Decimal::parse(QStringLiteral("2.674999"))->toString(2), QStringLiteral("2.67"));
    EXPECT_EQ(Decimal::fraction(1, 8).toString(2), QStringLiteral("0.13"));
    EXPECT_EQ(Decimal::fraction(1, 3).toString(2), QStringLiteral("0.33"));
    EXPECT_EQ(Decimal::fraction(2, 3).toString(2), QStringLiteral("0.67"));
}

TEST(Decimal, ExactWhereDoubleIsNot)
{
    // 1.005 is 1.00499999999999989... as a double and rounds down there.
    const Decimal value = *Decimal::parse(QStringLiteral("1.005"));
    EXPECT_EQ(value.toString(2), QStringLiteral("1.01"));
    const Decimal sum = *Decimal::parse(QStringLiteral("0.1")) + *Decimal::parse(QStringLiteral("0.2"));
    EXPECT_EQ(sum, *Decimal::parse(QStringLiteral("0.3")));
}

namespace {

// The rounding and printing rule written out with arbitrary-precision integers, as
// the reference for the 128-bit path that prints ordinary values.
QString referenceText(const Decimal &value, int places)
{
    using boost::multiprecision::cpp_int;
    cpp_int scale = 1;
    for (int i = 0; i < places; ++i)
        scale *= 10;
    const Decimal::Rational scaled = value.value() * scale;
    const cpp_int num = boost::multiprecision::numerator(scaled);
    const cpp_int den = boost::multiprecision::denominator(scaled);
    const bool negative = num < 0;
    const cpp_int units = ((negative ? cpp_int(-num) : num) * 2 + den) / (den * 2);
    QString digits = QString::fromStdString(units.str());
    while (places > 0 && digits.size() <= places)
        digits.prepend(QLatin1Char('0'));
    if (places > 0)
        digits.insert(digits.size() - places, QLatin1Char('.'));
    return negative && units != 0 ? QLatin1Char('-') + digits : digits;
}

} // namespace

TEST(Decimal, PrintsAndRoundsEveryOrdinaryValueAsTheExactRule)
{
    for (const long long den : {1LL, 2LL, 3LL, 7LL, 8LL, 40LL, 1000LL, 999983LL, 4611686018427387903LL}) {
        for (long long num = -2005; num <= 2005; num += 1) {
            const Decimal value = Decimal::fraction(num, den);
            for (const int places : {0, 1, 2, 6}) {
                ASSERT_EQ(value.toString(places), referenceText(value, places)) << num << "/" << den << " @" << places;
                ASSERT_EQ(value.rounded(places).toString(places), value.toString(places)) << num << "/" << den;
            }
        }
    }
}

TEST(Decimal, NeverPrintsNegativeZero)
{
    EXPECT_EQ(Decimal::fraction(-1, 1000).toString(2), QStringLiteral("0.00"));
    EXPECT_EQ(Decimal::fraction(-5, 1000).toString(2), QStringLiteral("-0.01"));
    EXPECT_EQ(Decimal::fraction(-4, 1000).rounded(2), Decimal(0));
}

TEST(Decimal, ValuesBeyondSixtyTwoBitsRoundExactlyToo)
{
    const Decimal huge = *Decimal::parse(QStringLiteral("123456789012345678901234.565"));
    EXPECT_EQ(huge.toString(2), QStringLiteral("123456789012345678901234.57"));
    EXPECT_EQ((Decimal(0) - huge).toString(2), QStringLiteral("-123456789012345678901234.57"));
    EXPECT_EQ(huge.rounded(2), *Decimal::parse(QStringLiteral("123456789012345678901234.57")));
    // A numerator that fits while numerator × 10^places does not.
    const Decimal near = Decimal::fraction(4611686018427387903LL, 3);
    EXPECT_EQ(near.toString(6), referenceText(near, 6));
    EXPECT_EQ(near.rounded(9).toString(9), referenceText(near, 9));
    EXPECT_EQ(Decimal::fraction(1, 3).toString(12), QStringLiteral("0.333333333333"));
}
