#pragma once

namespace onsite::bench {

// CPU seconds of this process: the machine is shared, and wall time then mostly
// measures the other processes; both are reported.
double cpuSeconds();
// VmRSS: / VmHWM: of this process from /proc/self/status, in MB.
double statusMb(const char *field);
// Resets VmHWM (writing 5 to /proc/self/clear_refs), so a measured call gets a peak of its own.
void resetPeak();
// The load average over the last minute.
double loadAverage();

} // namespace onsite::bench
