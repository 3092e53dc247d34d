#pragma once

#include "system/processstatus.h" // resetPeakResident, beside statusMb

namespace onsite::bench {

// CPU seconds of this process: the machine is shared, and wall time then mostly
// measures the other processes; both are reported.
double cpuSeconds();
// VmRSS: / VmHWM: of this process in MB (0 where unknown); onsite::resetPeakResident
// (core/system/processstatus.h) starts a fresh peak.
double statusMb(const char *field);
// The load average over the last minute.
double loadAverage();

} // namespace onsite::bench
