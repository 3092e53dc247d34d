#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QDate>

#include <array>
#include <vector>

namespace onsite::exports {

// How far one unit's rectification has come: items by state, overdue, and what
// happened in the report's period (for 调度).
struct UnitRectification
{
    QString unitCode;
    int total = 0;
    std::array<int, 5> byState{}; // indexed by ItemState
    int overdue = 0;
    int addedInPeriod = 0;
    int closedInPeriod = 0;

    int count(ItemState state) const { return byState[static_cast<std::size_t>(state)]; }
};

// The counts per unit (every unit of `unitCodes`, in that order, with or without items)
// and their totals, as the board shows them. Overdue is counted on `today`; the period
// [first, last] is in Beijing days.
class RectificationCounts
{
public:
    RectificationCounts(const std::vector<RectificationItem> &items, const QStringList &unitCodes,
                        const QDate &today, const QDate &first = {}, const QDate &last = {});

    const std::vector<UnitRectification> &units() const { return m_units; }
    const UnitRectification &totals() const { return m_totals; }

private:
    std::vector<UnitRectification> m_units;
    UnitRectification m_totals;
};

// The states in the order of the loop: 待认领, 整改中, 已报送, 退回, 已销号.
const std::array<ItemState, 5> &itemStatesInOrder();

} // namespace onsite::exports
