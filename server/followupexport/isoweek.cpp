#include "isoweek.h"

#include <QRegularExpression>

namespace onsite::exports {

std::optional<IsoWeek> IsoWeek::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-?[Ww](\\d{2})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    IsoWeek week{match.captured(1).toInt(), match.captured(2).toInt()};
    // 28 December always lies in the last week of its ISO year.
    const int weeksInYear = QDate(week.year, 12, 28).weekNumber();
    if (week.year < 1900 || week.week < 1 || week.week > weeksInYear)
        return std::nullopt;
    return week;
}

IsoWeek IsoWeek::containing(const QDate &date)
{
    int year = 0;
    const int week = date.weekNumber(&year);
    return {year, week};
}

QDate IsoWeek::monday() const
{
    // 4 January is always in week 1.
    const QDate fourth(year, 1, 4);
    return fourth.addDays(1 - fourth.dayOfWeek()).addDays(7 * (week - 1));
}

QString IsoWeek::key() const
{
    return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
}

QString IsoWeek::label() const
{
    const QDate first = monday();
    const QDate last = sunday();
    return QStringLiteral("%1年第%2周（%3—%4）")
        .arg(year)
        .arg(week)
        .arg(first.toString(QStringLiteral("M月d日")), last.toString(QStringLiteral("M月d日")));
}

} // namespace onsite::exports
