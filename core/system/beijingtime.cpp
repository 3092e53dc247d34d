#include "beijingtime.h"

#include <QTimeZone>

namespace onsite {

QDateTime beijingTime(const QDateTime &time)
{
    static const QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
    return zone.isValid() ? time.toTimeZone(zone) : time.toOffsetFromUtc(8 * 3600);
}

QDate beijingDate(const QDateTime &time) { return beijingTime(time).date(); }

QString beijingMinutes(const QDateTime &time)
{
    return time.isValid() ? beijingTime(time).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

} // namespace onsite
