#include "rectificationworkbook.h"

#include "followupformat.h"
#include "rectificationcounts.h"

#include "export/xlsxbook.h"

#include <algorithm>

namespace onsite::exports {

RectificationWorkbook::RectificationWorkbook(const CampaignSetup &setup,
                                             std::vector<LedgerRow> rows, QStringList unitCodes,
                                             QDate today, QDateTime now)
    : m_setup(setup), m_rows(std::move(rows)), m_unitCodes(std::move(unitCodes)), m_today(today),
      m_now(std::move(now))
{
    std::stable_sort(m_rows.begin(), m_rows.end(), [this](const LedgerRow &a, const LedgerRow &b) {
        const int ua = unitOrder(m_setup, a.item.unitCode);
        const int ub = unitOrder(m_setup, b.item.unitCode);
        return ua != ub ? ua < ub : a.item.number < b.item.number;
    });
}

QByteArray RectificationWorkbook::build() const
{
    XlsxBook book;
    const QString campaign = m_setup.campaign.name;
    const QString asOf = QStringLiteral("截至 %1（北京时间）").arg(beijingTime(m_now));

    XlsxSheet ledger = book.addSheet(QStringLiteral("整改台账"));
    const QStringList headers = {QStringLiteral("编号"),
                                 QStringLiteral("单位"),
                                 QStringLiteral("来源"),
                                 QStringLiteral("类型"),
                                 QStringLiteral("指标"),
                                 QStringLiteral("问题"),
                                 QStringLiteral("整改建议"),
                                 QStringLiteral("整改措施"),
                                 QStringLiteral("责任人"),
                                 QStringLiteral("时限"),
                                 QStringLiteral("状态"),
                                 QStringLiteral("逾期天数"),
                                 QStringLiteral("节点（完成/总数）"),
                                 QStringLiteral("最近报送"),
                                 QStringLiteral("退回理由"),
                                 QStringLiteral("销号时间"),
                                 QStringLiteral("销号意见"),
                                 QStringLiteral("合并事项")};
    const int headerRow = 1;
    const int lastColumn = ledger.table(QStringLiteral("%1 整改台账 · 共 %2 项 · %3")
                                            .arg(campaign, QString::number(m_rows.size()), asOf),
                                        headerRow, headers);
    // Problems, suggestions and measures are paragraphs: a readable width, wrapped.
    ledger.fixWidth(4, 22);
    ledger.fixWidth(5, 40);
    ledger.fixWidth(6, 36);
    ledger.fixWidth(7, 36);
    ledger.fixWidth(14, 30);
    ledger.fixWidth(16, 30);

    int row = headerRow + 1;
    for (const LedgerRow &line : m_rows) {
        const RectificationItem &item = line.item;
        int done = 0;
        for (const Milestone &milestone : item.milestones)
            done += milestone.doneAt ? 1 : 0;
        const Indicator *indicator =
            item.indicatorCode.isEmpty() ? nullptr : m_setup.indicator(item.indicatorCode);
        int c = 0;
        ledger.text(row, c++, item.code());
        ledger.text(row, c++, unitName(m_setup, item.unitCode));
        ledger.text(row, c++, itemSourceName(item.source));
        ledger.text(row, c++, findingKindName(item.kind));
        ledger.text(row, c++,
                    indicator ? QStringLiteral("%1 %2").arg(indicator->code, indicator->title)
                              : item.indicatorCode,
                    true);
        ledger.text(row, c++, item.problem, true);
        ledger.text(row, c++, item.suggestion, true);
        ledger.text(row, c++, item.measures, true);
        ledger.text(row, c++, item.responsiblePerson);
        ledger.text(row, c++, isoDate(item.deadline));
        ledger.text(row, c++, itemStateName(item.state));
        ledger.integer(row, c++, item.overdueDays(m_today));
        ledger.text(row, c++,
                    item.milestones.empty()
                        ? QString()
                        : QStringLiteral("%1/%2").arg(done).arg(item.milestones.size()));
        ledger.text(row, c++, beijingTime(line.lastReport));
        ledger.text(row, c++, line.returnReason, true);
        ledger.text(row, c++, beijingTime(item.closedAt));
        ledger.text(row, c++, line.closeNote, true);
        ledger.text(row, c++, line.mergedCodes.join(QStringLiteral("、")));
        ++row;
    }
    if (m_rows.empty())
        ledger.note(row, QStringLiteral("暂无整改事项。"));
    ledger.freezeAndFit(headerRow, 1);
    ledger.autoFilter(headerRow, headerRow + static_cast<int>(m_rows.size()), lastColumn);

    // 各单位统计: what the 调度 meeting asks first.
    std::vector<RectificationItem> items;
    for (const LedgerRow &line : m_rows)
        items.push_back(line.item);
    const RectificationCounts counts(items, m_unitCodes, m_today);
    XlsxSheet summary = book.addSheet(QStringLiteral("各单位统计"));
    QStringList countHeaders = {QStringLiteral("单位"), QStringLiteral("合计")};
    for (const ItemState state : itemStatesInOrder())
        countHeaders << itemStateName(state);
    countHeaders << QStringLiteral("逾期");
    summary.table(QStringLiteral("%1 整改情况统计 · %2").arg(campaign, asOf), headerRow,
                  countHeaders);
    row = headerRow + 1;
    auto writeCounts = [&](const QString &label, const UnitRectification &unit) {
        int c = 0;
        summary.text(row, c++, label);
        summary.integer(row, c++, unit.total);
        for (const ItemState state : itemStatesInOrder())
            summary.integer(row, c++, unit.count(state));
        summary.integer(row, c++, unit.overdue);
        ++row;
    };
    for (const UnitRectification &unit : counts.units())
        writeCounts(unitName(m_setup, unit.unitCode), unit);
    writeCounts(QStringLiteral("合计"), counts.totals());
    summary.freezeAndFit(headerRow, 1);
    return book.finish();
}

} // namespace onsite::exports
