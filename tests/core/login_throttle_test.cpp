// Password guessing is limited per account and per address, also when the guesses
// arrive all at once.
#include "hq/loginthrottle.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using onsite::hq::LoginThrottle;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);

TEST(LoginThrottle, ThirtyParallelAttemptsAreFiveChecks)
{
    // Each admitted attempt counts at once: the slow password check of the first five
    // cannot let the other twenty-five through.
    LoginThrottle throttle(5, 300);
    constexpr int kAttempts = 30;
    std::latch start(kAttempts);
    std::atomic<int> admitted{0};
    std::vector<std::thread> attempts;
    for (int i = 0; i < kAttempts; ++i) {
        attempts.emplace_back([&, i] {
            start.arrive_and_wait();
            if (throttle.admit(QStringLiteral("g1.li"), QStringLiteral("10.0.0.%1").arg(i), kNow) == 0)
                ++admitted;
        });
    }
    for (std::thread &t : attempts)
        t.join();
    EXPECT_EQ(admitted.load(), 5);
}

TEST(LoginThrottle, RefusalSaysHowLongToWaitAndTheWindowEnds)
{
    LoginThrottle throttle(5, 300);
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(throttle.admit(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow.addSecs(i)), 0);
    const int wait = throttle.admit(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow.addSecs(10));
    EXPECT_EQ(wait, 290); // the first failure leaves the window at +300 s
    EXPECT_EQ(throttle.admit(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow.addSecs(301)), 0);
}

TEST(LoginThrottle, SuccessesDoNotUseUpAnOfficesAddress)
{
    // Forty people of one office sign in behind one router: successes are not failures.
    LoginThrottle throttle(5, 300);
    for (int i = 0; i < 40; ++i) {
        const QString account = QStringLiteral("person.%1").arg(i);
        const QDateTime at = kNow.addSecs(i);
        ASSERT_EQ(throttle.admit(account, QStringLiteral("office"), at), 0) << i;
        throttle.succeeded(account, QStringLiteral("office"), at);
    }
    // Twenty failed guesses from one address do lock that address.
    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(throttle.admit(QStringLiteral("guess.%1").arg(i), QStringLiteral("attacker"), kNow), 0);
    EXPECT_GT(throttle.admit(QStringLiteral("guess.x"), QStringLiteral("attacker"), kNow), 0);
    EXPECT_EQ(throttle.admit(QStringLiteral("person.1"), QStringLiteral("office"), kNow.addSecs(50)), 0);
}

TEST(LoginThrottle, ASuccessForgetsTheAccountsFailures)
{
    LoginThrottle throttle(5, 300);
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(throttle.admit(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow), 0);
    ASSERT_EQ(throttle.admit(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow), 0);
    throttle.succeeded(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(throttle.admit(QStringLiteral("g1.li"), QStringLiteral("peer"), kNow), 0) << i;
}

} // namespace
