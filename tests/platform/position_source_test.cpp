// Position sources: the desktop one (no GPS, or a position fixed by environment for
// demos) and the fake, both answering asynchronously as a real receiver would.
#include "platform/desktoppositionsource.h"
#include "platform/fakepositionsource.h"
#include "platformtesting.h"

#include <QElapsedTimer>

#include <gtest/gtest.h>

#include <chrono>

using namespace onsite;
using namespace onsite::platform;
using onsite::test::ScopedEnvironment;
using onsite::test::waitFor;

namespace {

struct Answer
{
    int count = 0;
    std::optional<Position> fix;
    QString error;
};

// Records every fixReady() of `source` into `answer`.
void record(PositionSource &source, Answer &answer)
{
    QObject::connect(&source, &PositionSource::fixReady, &source,
                     [&answer](const std::optional<Position> &fix, const QString &error) {
                         ++answer.count;
                         answer.fix = fix;
                         answer.error = error;
                     });
}

} // namespace

TEST(PlatformPosition, DesktopWithoutConfigurationHasNoFixAndSaysWhy)
{
    ScopedEnvironment env(DesktopPositionSource::kFixedPositionVariable, std::nullopt);
    DesktopPositionSource source;
    EXPECT_FALSE(source.hasPositioning());

    Answer answer;
    record(source, answer);
    source.requestFix();
    EXPECT_EQ(answer.count, 0) << "answered from inside requestFix()";
    ASSERT_TRUE(waitFor([&] { return answer.count == 1; }));
    EXPECT_FALSE(answer.fix.has_value());
    EXPECT_EQ(answer.error, QStringLiteral("此设备没有定位功能"));
}

TEST(PlatformPosition, DesktopAnswersWithConfiguredFixedPosition)
{
    ScopedEnvironment env(DesktopPositionSource::kFixedPositionVariable, QByteArray("31.2304, 121.4737, 15.5"));
    DesktopPositionSource source;
    EXPECT_TRUE(source.hasPositioning());

    Answer answer;
    record(source, answer);
    source.requestFix();
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return answer.count == 2; }));
    ASSERT_TRUE(answer.fix.has_value());
    EXPECT_DOUBLE_EQ(answer.fix->latitude, 31.2304);
    EXPECT_DOUBLE_EQ(answer.fix->longitude, 121.4737);
    ASSERT_TRUE(answer.fix->accuracyMeters.has_value());
    EXPECT_DOUBLE_EQ(*answer.fix->accuracyMeters, 15.5);
    EXPECT_TRUE(answer.error.isEmpty());
}

TEST(PlatformPosition, DesktopFixedPositionWithoutAccuracyLeavesItUnknown)
{
    ScopedEnvironment env(DesktopPositionSource::kFixedPositionVariable, QByteArray("-33.8688,151.2093"));
    DesktopPositionSource source;
    Answer answer;
    record(source, answer);
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return answer.count == 1; }));
    ASSERT_TRUE(answer.fix.has_value());
    EXPECT_DOUBLE_EQ(answer.fix->latitude, -33.8688);
    EXPECT_FALSE(answer.fix->accuracyMeters.has_value());
}

TEST(PlatformPosition, DesktopMalformedFixedPositionGivesNoFixWithTheReason)
{
    ScopedEnvironment env(DesktopPositionSource::kFixedPositionVariable, QByteArray("north,121.4"));
    DesktopPositionSource source;
    EXPECT_FALSE(source.hasPositioning());

    Answer answer;
    record(source, answer);
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return answer.count == 1; }));
    EXPECT_FALSE(answer.fix.has_value());
    EXPECT_TRUE(answer.error.contains(QStringLiteral("ONSITE_FIXED_POSITION"))) << answer.error.toStdString();
    EXPECT_TRUE(answer.error.contains(QStringLiteral("纬度“north”"))) << answer.error.toStdString();
}

TEST(PlatformPosition, FixedPositionParserRejectsOutOfRangeAndIncompleteValues)
{
    QString error;
    EXPECT_FALSE(DesktopPositionSource::parseFixedPosition(QStringLiteral("91,10"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("纬度")));
    EXPECT_FALSE(DesktopPositionSource::parseFixedPosition(QStringLiteral("10,-181"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("经度")));
    EXPECT_FALSE(DesktopPositionSource::parseFixedPosition(QStringLiteral("10,20,-1"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("精度")));
    EXPECT_FALSE(DesktopPositionSource::parseFixedPosition(QStringLiteral("10"), &error));
    EXPECT_FALSE(DesktopPositionSource::parseFixedPosition(QStringLiteral("10,20,5,1"), &error));
    EXPECT_FALSE(DesktopPositionSource::parseFixedPosition(QStringLiteral("nan,20"), &error));
    EXPECT_TRUE(DesktopPositionSource::parseFixedPosition(QStringLiteral("90,-180,0"), &error).has_value());
}

TEST(PlatformPosition, FakeAnswersTheSetResultAfterItsDelay)
{
    FakePositionSource source;
    Answer answer;
    record(source, answer);
    source.setNextResult(Position{22.5431, 114.0579, 3.0});
    source.setDelay(std::chrono::milliseconds(150));
    QElapsedTimer clock;
    clock.start();
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return answer.count == 1; }));
    EXPECT_GE(clock.elapsed(), 140);
    ASSERT_TRUE(answer.fix.has_value());
    EXPECT_DOUBLE_EQ(answer.fix->longitude, 114.0579);

    source.setNextResult(std::nullopt, QStringLiteral("定位超时"));
    source.setDelay(std::chrono::milliseconds(0));
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return answer.count == 2; }));
    EXPECT_FALSE(answer.fix.has_value());
    EXPECT_EQ(answer.error, QStringLiteral("定位超时"));
    EXPECT_EQ(source.requestCount(), 2);
}

TEST(PlatformPosition, FakeWithoutPositioningNeverGivesAFix)
{
    FakePositionSource source;
    int changes = 0;
    QObject::connect(&source, &PositionSource::hasPositioningChanged, [&changes](bool) { ++changes; });
    source.setHasPositioning(false);
    source.setHasPositioning(false);
    EXPECT_EQ(changes, 1);

    Answer answer;
    record(source, answer);
    source.requestFix();
    ASSERT_TRUE(waitFor([&] { return answer.count == 1; }));
    EXPECT_FALSE(answer.fix.has_value());
    EXPECT_FALSE(answer.error.isEmpty());
}
