#pragma once

#include <QDateTime>
#include <QString>

namespace onsite {

// A time as ISO 8601 UTC with milliseconds ("2026-06-20T08:01:15.000Z"), exactly as
// `time.toUTC().toString(Qt::ISODateWithMs)` writes it (empty for an invalid time). Written
// by hand for years 1 to 9999: Qt's formatter went through a printf per time, several
// times for every pushed score.
QString isoUtcText(const QDateTime &time);

} // namespace onsite
