#include "procstats.h"

#include "system/processstatus.h"

#include <time.h>

#include <algorithm>
#include <cstdlib>

namespace onsite::bench {

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9;
}

double statusMb(const char *field)
{
    return std::max<qint64>(0, processStatusKiB(field)) / 1024.0;
}

double loadAverage()
{
    double load[3] = {};
    return getloadavg(load, 3) > 0 ? load[0] : 0;
}

} // namespace onsite::bench
