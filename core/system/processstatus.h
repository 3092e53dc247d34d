#pragma once

#include <QtGlobal>

namespace onsite {

// A field of /proc/PID/status in KiB ("VmRSS:", "VmHWM:"), for the process `pid` (0: this
// one); -1 where it cannot be read (not Linux, the process is gone). Benchmarks and memory
// tests read it; nothing in the product decides on it.
qint64 processStatusKiB(const char *field, qint64 pid = 0);

// Starts this process's peak (VmHWM) afresh, after giving freed heap back, so a measured
// call gets a peak of its own.
void resetPeakResident();

} // namespace onsite
