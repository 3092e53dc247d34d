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
