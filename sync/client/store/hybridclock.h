#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <optional>

namespace onsite::sync {

// Hybrid logical clock stamps "<13-digit ms>-<5-digit counter>" (docs/ARCHITECTURE.md
// §Protocol). Text order is clock order, and a stamp is always later than the last one
// even when the wall clock jumps back (a tablet's clock is set by hand in the field).
class HybridClock
{
public:
    using WallClock = std::function<qint64()>; // milliseconds since the epoch

    explicit HybridClock(WallClock wallClock = {});

    // The stamp following `last` (empty: none yet).
    QString next(const QString &last) const;

    struct Stamp
    {
        qint64 milliseconds = 0;
        int counter = 0;
    };
    static QString format(Stamp stamp);
    static std::optional<Stamp> parse(const QString &text);

private:
    WallClock m_wallClock;
};

} // namespace onsite::sync
