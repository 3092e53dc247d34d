#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace onsite::exports {

// An ISO 8601 week (2026-W27: Monday 2026-06-29 to Sunday 2026-07-05), the period of a
// 调度 report.
struct IsoWeek
{
    int year = 0;
    int week = 0;

    // "2026-W27" (also "2026W27", lower-case w); nothing when malformed or when the year
    // has no such week (W53 exists only in long years).
    static std::optional<IsoWeek> parse(const QString &text);
    static IsoWeek containing(const QDate &date);

    QDate monday() const;
    QDate sunday() const { return monday().addDays(6); }
    QString key() const;   // 2026-W27
    QString label() const; // 2026年第27周（6月29日—7月5日）
};

} // namespace onsite::exports
