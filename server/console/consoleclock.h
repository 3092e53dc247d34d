#pragma once

#include <QDateTime>

#include <functional>

namespace onsite::console {

// Where the console reads the time: the system clock in service, a fixed or moving
// clock in tests (session expiry is measured in hours and days).
using Clock = std::function<QDateTime()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace onsite::console
