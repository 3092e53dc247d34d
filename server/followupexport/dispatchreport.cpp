#include "dispatchreport.h"

#include "followupformat.h"
#include "pdfpages.h"
#include "rectificationcounts.h"

#include "export/rankingchart.h"
#include "export/resultsview.h"
#include "followup/rectificationledger.h"

#include <QTextCursor>

namespace onsite::exports {

DispatchReport::DispatchReport(const CampaignSetup &setup, QJsonObject results,
                               std::vector<RectificationItem> items, QStringList unitCodes,
                               IsoWeek week, QDateTime now)
    : m_setup(setup), m_results(std::move(results)), m_items(std::move(items)),
      m_unitCodes(std::move(unitCodes)), m_week(week), m_now(std::move(now))
{
}

QString DispatchReport::rankingHtml(const ResultsView &view) const
{
    QString rows;
    int shown = 0;
    int submitted = 0;
    int scored = 0;
    for (const UnitRow &unit : view.units()) {
        if (!m_unitCodes.contains(unit.code))
            continue;
        ++shown;
        submitted += unit.submitted ? 1 : 0;
        const int done = view.itemCount() - unit.unscored;
        scored += done;
        const QString progress = view.itemCount() > 0
                                     ? QStringLiteral("%1/%2（%3%）")
                                           .arg(done)
                                           .arg(view.itemCount())
                                           .arg(qRound(100.0 * done / view.itemCount()))
                                     : QStringLiteral("—");
        rows += QStringLiteral("<tr>") + htmlTd(QString::number(unit.rank), true) +
                htmlTd(unit.name) + htmlTd(unit.category) +
                htmlTd(QString::number(unit.categoryRank), true) +
                QStringLiteral("<td align=\"right\"><b>%1</b></td>").arg(htmlText(unit.total)) +
                htmlTd(unit.veto ? unit.grade + QStringLiteral("（一票否决）") : unit.grade) +
                htmlTd(progress, true) +
                htmlTd(unit.submitted ? QStringLiteral("已提交") : QStringLiteral("未提交")) +
                QStringLiteral("</tr>");
    }
    const int possible = shown * view.itemCount();
    QString html =
        QStringLiteral("<h3>一、考评排名进展</h3><p>%1 个单位中 %2 个已由检查组长提交；"
                       "二级指标评分完成 %3/%4 项（%5%）。排名按全部单位的实时结果计算。</p>")
            .arg(shown)
            .arg(submitted)
            .arg(scored)
            .arg(possible)
            .arg(possible > 0 ? qRound(100.0 * scored / possible) : 0);
    html += htmlTableStart(2) + QStringLiteral("<tr>");
    for (const QString &name :
         {QStringLiteral("排名"), QStringLiteral("单位"), QStringLiteral("类别"),
          QStringLiteral("类别排名"), QStringLiteral("总分"), QStringLiteral("等次"),
          QStringLiteral("评分进度"), QStringLiteral("组长提交")})
        html += htmlTh(name);
    return html + QStringLiteral("</tr>") + rows + QStringLiteral("</table>");
}

QString DispatchReport::rectificationHtml() const
{
    const QDate today = followup::RectificationLedger::today(m_now);
    const RectificationCounts counts(m_items, m_unitCodes, today, m_week.monday(), m_week.sunday());
    const UnitRectification &totals = counts.totals();
    QString html =
        QStringLiteral("<h3>二、整改进展</h3><p>整改事项 %1 项：已销号 %2 项，已报送待核 %3 项，"
                       "整改中 %4 项，退回 %5 项，待认领 %6 项；逾期 %7 项。本周新增 %8 "
                       "项，本周销号 %9 项。</p>")
            .arg(totals.total)
            .arg(totals.count(ItemState::Closed))
            .arg(totals.count(ItemState::Reported))
            .arg(totals.count(ItemState::InProgress))
            .arg(totals.count(ItemState::Returned))
            .arg(totals.count(ItemState::Unclaimed))
            .arg(totals.overdue)
            .arg(totals.addedInPeriod)
            .arg(totals.closedInPeriod);
    html += htmlTableStart(2) + QStringLiteral("<tr>") + htmlTh(QStringLiteral("单位")) +
            htmlTh(QStringLiteral("合计"));
    for (const ItemState state : itemStatesInOrder())
        html += htmlTh(itemStateName(state));
    html += htmlTh(QStringLiteral("逾期")) + htmlTh(QStringLiteral("本周新增")) +
            htmlTh(QStringLiteral("本周销号")) + htmlTh(QStringLiteral("销号率")) +
            QStringLiteral("</tr>");
    auto row = [&](const QString &label, const UnitRectification &unit, bool bold) {
        QString cells = htmlTd(label) + htmlTd(QString::number(unit.total), true);
        for (const ItemState state : itemStatesInOrder())
            cells += htmlTd(QString::number(unit.count(state)), true);
        // Overdue items stand out (DOMAIN.md: "Overdue items stand out").
        cells += unit.overdue > 0
                     ? QStringLiteral("<td align=\"right\"><b>%1</b></td>").arg(unit.overdue)
                     : htmlTd(QStringLiteral("0"), true);
        cells += htmlTd(QString::number(unit.addedInPeriod), true) +
                 htmlTd(QString::number(unit.closedInPeriod), true) +
                 htmlTd(unit.total > 0 ? QStringLiteral("%1%").arg(qRound(
                                             100.0 * unit.count(ItemState::Closed) / unit.total))
                                       : QStringLiteral("—"),
                        true);
        return bold ? QStringLiteral("<tr style=\"font-weight: bold;\">%1</tr>").arg(cells)
                    : QStringLiteral("<tr>%1</tr>").arg(cells);
    };
    for (const UnitRectification &unit : counts.units())
        html += row(unitName(m_setup, unit.unitCode), unit, false);
    html += row(QStringLiteral("合计"), totals, true);
    return html + QStringLiteral("</table>");
}

std::optional<QByteArray> DispatchReport::render(const ResultsView &view, double points,
                                                 bool lastTry) const
{
    const QString campaign = m_setup.campaign.name;
    PdfPages pages(QStringLiteral("%1 工作调度 %2").arg(campaign, m_week.key()), points);
    QTextDocument &document = pages.document();
    QString html =
        QStringLiteral("<h1 align=\"center\">%1 工作调度</h1><h2 align=\"center\">%2</h2>"
                       "<p align=\"center\">统计截至 %3（北京时间）</p>")
            .arg(htmlText(campaign), htmlText(m_week.label()), beijingTime(m_now));
    std::vector<ChartBar> bars;
    for (const UnitRow &unit : view.units()) {
        if (m_unitCodes.contains(unit.code))
            bars.push_back({QStringLiteral("%1 %2").arg(QString::number(unit.rank), unit.name),
                            unit.total, ResultsView::number(unit.total), unit.category, unit.veto});
    }
    RankingChart chart(std::move(bars), m_setup.campaign.gradeLines, pages.mm());
    QTextCursor cursor(&document);
    cursor.insertHtml(html + rankingHtml(view) + rectificationHtml() +
                      QStringLiteral("<h3>三、排名图</h3>"));
    cursor.insertBlock();
    chart.insert(cursor, pages.bodyWidth());
    if (pages.pageCount() > 1 && !lastTry)
        return std::nullopt;
    return pages.render(QStringLiteral("%1 · 工作调度 %2").arg(campaign, m_week.key()));
}

QByteArray DispatchReport::build() const
{
    const ResultsView view(m_setup, m_results);
    const double sizes[] = {9.5, 9, 8.5, 8, 7.5, 7};
    for (std::size_t i = 0; i < std::size(sizes); ++i) {
        if (auto bytes = render(view, sizes[i], i + 1 == std::size(sizes)))
            return *bytes;
    }
    return {};
}

} // namespace onsite::exports
