#include "system/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

using onsite::forEachSlice;
using onsite::sliceCount;

TEST(Parallel, EveryPositionIsWorkedOnExactlyOnceInContiguousSlices)
{
    const std::size_t count = 1001;
    std::vector<std::atomic<int>> visits(count);
    std::mutex mutex;
    std::vector<std::pair<std::size_t, std::size_t>> slices;
    forEachSlice(count, 10, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            ++visits[i];
        const std::lock_guard lock(mutex);
        slices.emplace_back(begin, end);
    });
    for (std::size_t i = 0; i < count; ++i)
        ASSERT_EQ(visits[i], 1) << "position " << i;
    EXPECT_EQ(slices.size(), sliceCount(count, 10));
    std::size_t covered = 0;
    for (const auto &[begin, end] : slices) {
        EXPECT_LT(begin, end) << "no empty slice";
        covered += end - begin;
    }
    EXPECT_EQ(covered, count);
}

TEST(Parallel, SmallWorkRunsAsOneSliceOnTheCallingThread)
{
    const std::thread::id caller = std::this_thread::get_id();
    int calls = 0;
    forEachSlice(19, 10, [&](std::size_t begin, std::size_t end) {
        ++calls;
        EXPECT_EQ(begin, 0u);
        EXPECT_EQ(end, 19u);
        EXPECT_EQ(std::this_thread::get_id(), caller);
    });
    EXPECT_EQ(calls, 1);
    forEachSlice(0, 1, [&](std::size_t, std::size_t) { ++calls; });
    EXPECT_EQ(calls, 1) << "nothing to do, no call";
    EXPECT_EQ(sliceCount(1000000, 1, 3), std::min<std::size_t>(3, std::max(1u, std::thread::hardware_concurrency())));
}

TEST(Parallel, ASliceThatThrowsIsRethrownAfterEverySliceFinished)
{
    if (sliceCount(400, 1) < 2)
        GTEST_SKIP() << "one processor: every slice is the caller's";
    std::atomic<int> finished{0};
    EXPECT_THROW(forEachSlice(400, 1,
                              [&](std::size_t begin, std::size_t) {
                                  if (begin > 0)
                                      throw std::runtime_error("slice failed");
                                  std::this_thread::sleep_for(std::chrono::milliseconds(50));
                                  ++finished;
                              }),
                 std::runtime_error);
    EXPECT_EQ(finished, 1) << "the caller's slice ran to its end before the error came back";
}
