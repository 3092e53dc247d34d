#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace onsite {

// The one clock people read: Beijing time (Asia/Shanghai, UTC+8 all year). HQ may run
// on a machine set to UTC; reports, workbooks and the follow-up's "today" must not show
// its clock. Without the time-zone database, the fixed offset gives the same answer.
QDateTime beijingTime(const QDateTime &time);
QDate beijingDate(const QDateTime &time);
// "2026-07-02 10:30"; empty for an invalid time.
QString beijingMinutes(const QDateTime &time);

} // namespace onsite
