#pragma once

#include <cstddef>
#include <functional>

namespace onsite {

// Runs work(begin, end) over [0, count) in contiguous slices, one per processor (at
// most `maxSlices`), the first slice on the calling thread; returns when every slice
// has finished and rethrows the first exception a slice threw. Fewer than
// 2 × minPerSlice positions, or one processor, run as one slice on the caller: a
// thread costs more than small work.
void forEachSlice(std::size_t count, std::size_t minPerSlice,
                  const std::function<void(std::size_t begin, std::size_t end)> &work, std::size_t maxSlices = 4);

// How many slices forEachSlice would cut `count` positions into.
std::size_t sliceCount(std::size_t count, std::size_t minPerSlice, std::size_t maxSlices = 4);

} // namespace onsite
