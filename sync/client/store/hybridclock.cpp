#include "client/store/hybridclock.h"

#include "protocol/protocol.h"

#include <QDateTime>
#include <QRegularExpression>

namespace onsite::sync {

namespace {

constexpr int kMaxCounter = 99999; // five digits keep the text order equal to the clock order

} // namespace

HybridClock::HybridClock(WallClock wallClock) : m_wallClock(std::move(wallClock))
{
    if (!m_wallClock)
        m_wallClock = [] { return QDateTime::currentMSecsSinceEpoch(); };
}

QString HybridClock::next(const QString &last) const
{
    const qint64 now = m_wallClock();
    const std::optional<Stamp> previous = parse(last);
    if (!previous || now > previous->milliseconds)
        return format({now, 0});
    // The wall clock stands still or went back: stay on the last time and count up.
    if (previous->counter < kMaxCounter)
        return format({previous->milliseconds, previous->counter + 1});
    return format({previous->milliseconds + 1, 0});
}

QString HybridClock::format(Stamp stamp)
{
    return QStringLiteral("%1-%2").arg(stamp.milliseconds, 13, 10, QLatin1Char('0')).arg(stamp.counter, 5, 10, QLatin1Char('0'));
}

std::optional<HybridClock::Stamp> HybridClock::parse(const QString &text)
{
    const auto stamp = protocol::parseHlc(text);
    if (!stamp)
        return std::nullopt;
    return Stamp{stamp->milliseconds, stamp->counter};
}

} // namespace onsite::sync
