#include "procstats.h"

#include <QByteArray>
#include <QFile>

#include <malloc.h>
#include <time.h>

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
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').front().toDouble() / 1024.0;
    }
    return 0;
}

void resetPeak()
{
    malloc_trim(0);
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

double loadAverage()
{
    double load[3] = {};
    return getloadavg(load, 3) > 0 ? load[0] : 0;
}

} // namespace onsite::bench
