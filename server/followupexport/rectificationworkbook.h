#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>
#include <vector>

namespace onsite::exports {

// One row of the ledger: the item, when its unit last reported progress on it, HQ's
// words at its latest 退回 and at its 销号, and the items merged into it (ZG-0004, …).
struct LedgerRow
{
    RectificationItem item;
    std::optional<QDateTime> lastReport;
    QString returnReason;
    QString closeNote;
    QStringList mergedCodes;
};

// 整改台账 XLSX: sheet 整改台账 with one row per item (编号 … 合并事项, overdue counted on
// `today`), and sheet 各单位统计 with the items of every unit by state and overdue.
// Rows come in units.csv order, then by number.
class RectificationWorkbook
{
public:
    RectificationWorkbook(const CampaignSetup &setup, std::vector<LedgerRow> rows,
                          QStringList unitCodes, QDate today, QDateTime now);

    QByteArray build() const;

private:
    const CampaignSetup &m_setup;
    std::vector<LedgerRow> m_rows;
    QStringList m_unitCodes;
    QDate m_today;
    QDateTime m_now;
};

} // namespace onsite::exports
