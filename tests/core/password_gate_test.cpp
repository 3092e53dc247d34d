// PasswordGate: a bounded number of sign-in password checks at once, a few more waiting
// for a turn, the rest refused at once (HqApi answers them 503 busy) so the workers stay
// free for syncs.
#include "api/passwordgate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <chrono>
#include <thread>
#include <vector>

namespace onsite::hq {
namespace {

using namespace std::chrono_literals;

TEST(PasswordGate, LetsInAsManyAsItHasSlotsAndRefusesTheRestWithoutAWaitingRoom)
{
    PasswordGate gate(2, 0);
    auto first = gate.tryEnter();
    auto second = gate.tryEnter();
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(second.has_value());
    EXPECT_FALSE(gate.tryEnter().has_value());
    first.reset(); // a finished check frees its slot
    auto third = gate.tryEnter();
    EXPECT_TRUE(third.has_value());
    EXPECT_FALSE(gate.tryEnter().has_value());
}

TEST(PasswordGate, AWaiterGetsTheNextFreeSlot)
{
    PasswordGate gate(1, 1, 10s);
    auto holder = std::make_optional(*gate.tryEnter());
    std::atomic<bool> entered{false};
    std::thread waiter([&] {
        auto pass = gate.tryEnter();
        entered = pass.has_value();
    });
    std::this_thread::sleep_for(100ms);
    EXPECT_FALSE(entered.load()) << "entered while the only slot was taken";
    holder.reset();
    waiter.join();
    EXPECT_TRUE(entered.load());
}

TEST(PasswordGate, AFullWaitingRoomRefusesAtOnceAndAWaitEndsInTime)
{
    PasswordGate gate(1, 1, 300ms);
    auto holder = gate.tryEnter();
    ASSERT_TRUE(holder.has_value());
    std::atomic<bool> waiterEntered{true};
    std::thread waiter([&] { waiterEntered = gate.tryEnter().has_value(); });
    std::this_thread::sleep_for(50ms); // the waiter takes the one waiting place
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(gate.tryEnter().has_value());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 200ms)
        << "a caller beyond the waiting room was made to wait";
    waiter.join();
    EXPECT_FALSE(waiterEntered.load()) << "the wait did not end when its time ran out";
}

TEST(PasswordGate, AMovedPassFreesItsSlotOnce)
{
    PasswordGate gate(1, 0);
    {
        auto pass = gate.tryEnter();
        ASSERT_TRUE(pass.has_value());
        PasswordGate::Pass moved(std::move(*pass));
        pass.reset(); // the moved-from pass must not give the slot back
        EXPECT_FALSE(gate.tryEnter().has_value());
    }
    auto again = gate.tryEnter();
    EXPECT_TRUE(again.has_value());
    EXPECT_FALSE(gate.tryEnter().has_value()) << "a slot was given back twice";
}

TEST(PasswordGate, ZeroOrNegativeSlotsStillLetOneIn)
{
    PasswordGate gate(0, -1);
    auto pass = gate.tryEnter();
    EXPECT_TRUE(pass.has_value());
    EXPECT_FALSE(gate.tryEnter().has_value());
}

TEST(PasswordGate, NeverMoreThanItsSlotsUnderContention)
{
    constexpr int kSlots = 3;
    PasswordGate gate(kSlots, 2, 50ms);
    std::atomic<int> inside{0}, most{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5000; ++i) {
                auto pass = gate.tryEnter();
                if (!pass)
                    continue;
                const int now = ++inside;
                int seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {
                }
                --inside;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    EXPECT_LE(most.load(), kSlots);
    EXPECT_GE(most.load(), 1);
    // Every slot is free again afterwards.
    std::vector<PasswordGate::Pass> passes;
    for (int i = 0; i < kSlots; ++i) {
        auto pass = gate.tryEnter();
        ASSERT_TRUE(pass.has_value()) << "slot " << i << " was lost";
        passes.push_back(std::move(*pass));
    }
    PasswordGate quick(1, 0);
    auto only = quick.tryEnter();
    EXPECT_FALSE(quick.tryEnter().has_value());
}

TEST(PasswordGate, RetryAfterGrowsWithTheCrowdAndFollowsTheOrderOfRefusal)
{
    PasswordGate gate(2, 0);
    auto a = gate.tryEnter("a");
    auto b = gate.tryEnter("b");
    ASSERT_TRUE(a && b);
    std::vector<int> told;
    for (int i = 0; i < 400; ++i) {
        const std::string who = "tablet" + std::to_string(i);
        ASSERT_FALSE(gate.tryEnter(who).has_value());
        told.push_back(gate.retryAfterSeconds(who));
    }
    EXPECT_EQ(told.front(), PasswordGate::kRetryAfterSeconds) << "the first in line waits the least";
    // 400 in line, 2 checks at once of about 0.25 s each: the last one's turn is ~50 s away.
    EXPECT_GE(told.back(), 30);
    EXPECT_LE(told.back(), PasswordGate::kLongestRetryAfterSeconds);
    EXPECT_TRUE(std::is_sorted(told.begin(), told.end()));
    // Asking again keeps one's place; the line shrinks as callers get in.
    EXPECT_EQ(gate.retryAfterSeconds("tablet399"), told.back());
    EXPECT_EQ(gate.crowd(), 400u);
    a.reset();
    auto first = gate.tryEnter("tablet0");
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(gate.crowd(), 399u);
    EXPECT_LE(gate.retryAfterSeconds("tablet399"), told.back());
}

TEST(PasswordGate, ACallerThatNeverComesBackLeavesTheLine)
{
    PasswordGate gate(1, 0);
    auto holder = gate.tryEnter("holder");
    ASSERT_TRUE(holder.has_value());
    const auto start = PasswordGate::Clock::now();
    for (int i = 0; i < 100; ++i)
        gate.retryAfterSeconds("gone" + std::to_string(i), start);
    EXPECT_EQ(gate.crowd(), 100u);
    const int late = gate.retryAfterSeconds("late", start + std::chrono::hours(1));
    EXPECT_EQ(gate.crowd(), 1u) << "callers that did not come back within three times their wait were kept";
    EXPECT_EQ(late, PasswordGate::kRetryAfterSeconds);
}

} // namespace
} // namespace onsite::hq
