#include "parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace onsite {

std::size_t sliceCount(std::size_t count, std::size_t minPerSlice, std::size_t maxSlices)
{
    const std::size_t processors = std::max<std::size_t>(1, std::thread::hardware_concurrency());
    const std::size_t bySize = minPerSlice == 0 ? count : count / minPerSlice;
    return std::max<std::size_t>(1, std::min({processors, maxSlices, bySize}));
}

void forEachSlice(std::size_t count, std::size_t minPerSlice,
                  const std::function<void(std::size_t begin, std::size_t end)> &work, std::size_t maxSlices)
{
    const std::size_t slices = sliceCount(count, minPerSlice, maxSlices);
    if (slices <= 1) {
        if (count > 0)
            work(0, count);
        return;
    }
    std::vector<std::exception_ptr> errors(slices);
    std::vector<std::thread> threads;
    threads.reserve(slices - 1);
    auto run = [&](std::size_t slice) {
        try {
            work(count * slice / slices, count * (slice + 1) / slices);
        } catch (...) {
            errors[slice] = std::current_exception();
        }
    };
    for (std::size_t slice = 1; slice < slices; ++slice)
        threads.emplace_back(run, slice);
    run(0);
    for (std::thread &thread : threads)
        thread.join();
    for (const std::exception_ptr &error : errors) {
        if (error)
            std::rethrow_exception(error);
    }
}

} // namespace onsite
