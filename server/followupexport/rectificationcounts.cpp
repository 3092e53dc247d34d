#include "rectificationcounts.h"

#include "followupformat.h"

namespace onsite::exports {

namespace {

// The Beijing day of a time, as the ledger counts days.
QDate beijingDay(const QDateTime &time)
{
    return QDate::fromString(beijingTime(time).left(10), Qt::ISODate);
}

bool within(const QDateTime &time, const QDate &first, const QDate &last)
{
    if (!time.isValid() || !first.isValid() || !last.isValid())
        return false;
    const QDate day = beijingDay(time);
    return day >= first && day <= last;
}

void add(UnitRectification &counts, const RectificationItem &item, const QDate &today,
         const QDate &first, const QDate &last)
{
    ++counts.total;
    ++counts.byState[static_cast<std::size_t>(item.state)];
    if (item.isOverdue(today))
        ++counts.overdue;
    if (within(item.createdAt, first, last))
        ++counts.addedInPeriod;
    if (item.state == ItemState::Closed && item.closedAt && within(*item.closedAt, first, last))
        ++counts.closedInPeriod;
}

} // namespace

const std::array<ItemState, 5> &itemStatesInOrder()
{
    static const std::array<ItemState, 5> states = {ItemState::Unclaimed, ItemState::InProgress,
                                                    ItemState::Reported, ItemState::Returned,
                                                    ItemState::Closed};
    return states;
}

RectificationCounts::RectificationCounts(const std::vector<RectificationItem> &items,
                                         const QStringList &unitCodes, const QDate &today,
                                         const QDate &first, const QDate &last)
{
    for (const QString &code : unitCodes) {
        UnitRectification unit;
        unit.unitCode = code;
        m_units.push_back(unit);
    }
    m_totals.unitCode = QStringLiteral("合计");
    for (const RectificationItem &item : items) {
        const qsizetype index = unitCodes.indexOf(item.unitCode);
        if (index < 0)
            continue; // a unit outside the caller's view
        add(m_units[static_cast<std::size_t>(index)], item, today, first, last);
        add(m_totals, item, today, first, last);
    }
}

} // namespace onsite::exports
