// PasswordGate: a bounded number of sign-in password checks at once, a few more waiting
// for a turn, the rest refused at once (HqApi answers them 503 busy) so the workers stay
// free for syncs.
#include "api/passwordgate.h"

#include <gtest/gtest.h>

#include <atomic>
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

} // namespace
} // namespace onsite::hq
