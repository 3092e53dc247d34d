#include "system/isotime.h"

#include <gtest/gtest.h>

#include <random>

namespace {

using onsite::isoUtcText;

std::string qtText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs).toStdString();
}

TEST(IsoUtcText, WritesWhatQtWritesAcrossTheCalendar)
{
    // Years 1 to 9999 cover every leap rule; times before 1970 need the days rounded down.
    const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 last =
        QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    std::mt19937_64 random(20261204);
    std::uniform_int_distribution<qint64> anyTime(first, last);
    for (int i = 0; i < 200'000; ++i) {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(anyTime(random), Qt::UTC);
        ASSERT_EQ(isoUtcText(time).toStdString(), qtText(time)) << time.toMSecsSinceEpoch();
    }
}

TEST(IsoUtcText, WritesTheEdgesOfDaysYearsAndTheRange)
{
    const QList<QDateTime> times{
        QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
        QDateTime(QDate(2000, 2, 29), QTime(12, 0, 0, 1), Qt::UTC),
        QDateTime(QDate(2100, 3, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(2026, 6, 20), QTime(8, 1, 15), Qt::UTC),
        QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
        // Outside years 1 to 9999 Qt writes them itself.
        QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(-5, 6, 1), QTime(0, 0), Qt::UTC),
    };
    for (const QDateTime &time : times)
        EXPECT_EQ(isoUtcText(time).toStdString(), qtText(time)) << qtText(time);
    EXPECT_EQ(isoUtcText(QDateTime(QDate(2026, 6, 20), QTime(8, 1, 15, 7), Qt::UTC)),
              QStringLiteral("2026-06-20T08:01:15.007Z"));
}

TEST(IsoUtcText, GivesLocalAndOffsetTimesInUtc)
{
    const QDateTime beijing(QDate(2026, 1, 1), QTime(7, 30), Qt::OffsetFromUTC, 8 * 3600);
    EXPECT_EQ(isoUtcText(beijing), QStringLiteral("2025-12-31T23:30:00.000Z"));
    const QDateTime offset(QDate(2026, 6, 20), QTime(0, 0), Qt::OffsetFromUTC, -3600);
    EXPECT_EQ(isoUtcText(offset).toStdString(), qtText(offset));
    const QDateTime local = QDateTime::currentDateTime();
    EXPECT_EQ(isoUtcText(local).toStdString(), qtText(local));
}

TEST(IsoUtcText, AnInvalidTimeIsEmpty)
{
    EXPECT_TRUE(isoUtcText(QDateTime()).isEmpty());
    EXPECT_TRUE(isoUtcText(QDateTime(QDate(2026, 2, 30), QTime(0, 0), Qt::UTC)).isEmpty());
}

} // namespace
