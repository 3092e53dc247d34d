#include "processstatus.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace onsite {

qint64 processStatusKiB(const char *field, qint64 pid)
{
    QFile status(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix(field);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').front().toLongLong();
    }
    return -1;
}

void resetPeakResident()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

} // namespace onsite
