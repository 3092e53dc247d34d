// Reports, workbooks and the follow-up's "today" read Beijing time, whatever HQ's own
// clock is set to (servers often run on UTC).
#include "system/beijingtime.h"

#include <gtest/gtest.h>

namespace onsite {
namespace {

TEST(BeijingTime, IsEightHoursAheadOfUtcAcrossTheDateLine)
{
    const QDateTime evening = QDateTime::fromString(QStringLiteral("2026-12-04T21:41:00Z"), Qt::ISODate);
    EXPECT_EQ(beijingMinutes(evening), QStringLiteral("2026-12-05 05:41"));
    EXPECT_EQ(beijingDate(evening), QDate(2026, 12, 5));
    const QDateTime morning = QDateTime::fromString(QStringLiteral("2026-07-16T02:00:00Z"), Qt::ISODate);
    EXPECT_EQ(beijingMinutes(morning), QStringLiteral("2026-07-16 10:00"));
    EXPECT_EQ(beijingTime(morning).time().hour(), 10);
    EXPECT_TRUE(beijingMinutes(QDateTime()).isEmpty());
}

} // namespace
} // namespace onsite
