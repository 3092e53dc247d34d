#include "resultsreport.h"

#include "cellsafety.h"
#include "exports.h"
#include "findingsworkbook.h"
#include "pagepainter.h"
#include "rankingchart.h"
#include "resultsview.h"
#include "system/beijingtime.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QTextCursor>
#include <QTextDocument>

#include <memory>
#include <mutex>
#include <vector>

namespace onsite::exports {

namespace {

constexpr int kDpi = 300;

QString esc(const QString &text)
{
    return withoutControlCharacters(text).toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                  QStringLiteral("<br/>"));
}

QString th(const QString &text)
{
    return QStringLiteral("<th bgcolor=\"#e0e0e0\">%1</th>").arg(esc(text));
}
QString td(const QString &text, bool right = false)
{
    return QStringLiteral("<td%1>%2</td>")
        .arg(right ? QStringLiteral(" align=\"right\"") : QString(), esc(text));
}

QString tableStart()
{
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\" "
                          "style=\"border-collapse: collapse; border-color: #000000;\">");
}

// Reports are rendered one at a time (see exports.h): Qt's font database is shared by
// the process.
std::mutex &renderMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace

QString ResultsReport::headHtml(const ResultsView &view) const
{
    int grades[4] = {0, 0, 0, 0};
    const QStringList names = {QStringLiteral("优秀"), QStringLiteral("良好"),
                               QStringLiteral("一般"), QStringLiteral("较差")};
    for (const UnitRow &unit : view.units()) {
        const qsizetype index = names.indexOf(unit.grade);
        if (index >= 0)
            ++grades[index];
    }
    QString html =
        QStringLiteral("<h1 align=\"center\">%1</h1><h2 align=\"center\">考评结果通报</h2>"
                       "<p align=\"center\">%2 · 报告日期 %3</p>")
            .arg(esc(view.campaign()), esc(m_input.versionLabel()),
                 // A published version's report is dated its publication, and never changes.
                 beijingDate(m_input.asOf).toString(QStringLiteral("yyyy年M月d日")));
    html += QStringLiteral(
                "<p>本次考评共 %1 个被考评单位：优秀 %2 个，良好 %3 个，一般 %4 个，较差 %5 个。")
                .arg(view.units().size())
                .arg(grades[0])
                .arg(grades[1])
                .arg(grades[2])
                .arg(grades[3]);
    html += QStringLiteral("</p>") + completenessHtml(view);
    // Said where it is read: the findings of such a version may have changed since.
    if (m_input.recordsReconstructed)
        html += QStringLiteral("<p>注：本版发布时尚未随版本留存问题与亮点，本通报所列问题与亮点"
                               "按同步记录还原为发布时总部已收到的内容。</p>");
    return html;
}

QString ResultsReport::completenessHtml(const ResultsView &view) const
{
    // Named on page 1, so nobody reads a ranking of incomplete scores as final; a long
    // list is cut to keep the page.
    constexpr int kNamed = 20;
    // "Complete" of nothing would read as a finished assessment.
    if (view.units().empty())
        return QStringLiteral("<p>所选范围内没有考评单位，本通报没有分数和排名。</p>");
    QStringList unscored, unsubmitted;
    int unscoredCount = 0, unsubmittedCount = 0;
    for (const UnitRow &unit : view.units()) {
        if (unit.unscored > 0 && unscoredCount++ < kNamed)
            unscored << QStringLiteral("%1（%2 项）").arg(esc(unit.name)).arg(unit.unscored);
        if (!unit.submitted && unsubmittedCount++ < kNamed)
            unsubmitted << esc(unit.name);
    }
    if (unscoredCount == 0 && unsubmittedCount == 0)
        return QStringLiteral("<p>评分完整：各单位的二级指标均已评分，并已由检查组长提交。</p>");
    auto names = [](const QStringList &list, int count) {
        return list.join(QStringLiteral("、")) +
               (count > list.size() ? QStringLiteral(" 等 %1 个单位").arg(count) : QString());
    };
    QString html = QStringLiteral("<p><b>评分尚不完整，以下分数和排名在补评、提交后可能变化。</b>");
    if (unscoredCount > 0)
        html += QStringLiteral("%1 个单位有未评的二级指标（未评项按 0 分计）：%2。")
                    .arg(unscoredCount)
                    .arg(names(unscored, unscoredCount));
    if (unsubmittedCount > 0)
        html += QStringLiteral("%1 个单位的评分尚未由检查组长提交：%2。")
                    .arg(unsubmittedCount)
                    .arg(names(unsubmitted, unsubmittedCount));
    return html + QStringLiteral("</p>");
}

QString ResultsReport::rankingHtml(const ResultsView &view) const
{
    QString html = QStringLiteral("<h3>一、考评排名</h3>") + tableStart() + QStringLiteral("<tr>");
    for (const QString &name : {QStringLiteral("排名"), QStringLiteral("单位"),
                                QStringLiteral("类别"), QStringLiteral("类别排名")})
        html += th(name);
    for (const Indicator *project : view.projects())
        html += th(QStringLiteral("指标%1").arg(project->code));
    html += th(QStringLiteral("总分")) + th(QStringLiteral("等次")) + QStringLiteral("</tr>");
    for (const UnitRow &unit : view.units()) {
        html += QStringLiteral("<tr>") + td(QString::number(unit.rank), true) + td(unit.name) +
                td(unit.category) + td(QString::number(unit.categoryRank), true);
        for (const Indicator *project : view.projects())
            html += td(unit.subtotals.value(project->code), true);
        html += QStringLiteral("<td align=\"right\"><b>%1</b></td>").arg(esc(unit.total)) +
                td(unit.veto ? unit.grade + QStringLiteral("（一票否决）") : unit.grade) +
                QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table><p><small>");
    QStringList legend;
    for (const Indicator *project : view.projects())
        legend << QStringLiteral("指标%1：%2（%3 分）")
                      .arg(project->code, project->title, project->maxScore.toString(2));
    html += esc(legend.join(QStringLiteral("；"))) + QStringLiteral("。</small></p>");
    for (const QString &warning : view.warnings())
        html += QStringLiteral("<p><small>注意：%1</small></p>").arg(esc(warning));
    return html + QStringLiteral("<h3>二、排名图</h3>");
}

QString ResultsReport::unitHtml(const ResultsView &view, const UnitRow &unit) const
{
    const CampaignSetup &setup = *m_input.setup;
    QString html =
        QStringLiteral("<h4>第 %1 名 %2（%3）· 总分 %4 · %5%6</h4>")
            .arg(QString::number(unit.rank), esc(unit.name), esc(unit.category), esc(unit.total),
                 esc(unit.grade), unit.veto ? QStringLiteral("（一票否决）") : QString());
    html += tableStart() + QStringLiteral("<tr>") + th(QStringLiteral("一级指标")) +
            th(QStringLiteral("分值")) + th(QStringLiteral("得分")) + QStringLiteral("</tr>");
    for (const Indicator *project : view.projects()) {
        html += QStringLiteral("<tr>") +
                td(QStringLiteral("%1 %2").arg(project->code, project->title)) +
                td(project->maxScore.toString(2), true) +
                td(unit.subtotals.value(project->code), true) + QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table><p>类别排名第 %1 名；未评二级指标 %2 项；%3。</p>")
                .arg(unit.categoryRank)
                .arg(unit.unscored)
                .arg(unit.submitted ? QStringLiteral("检查组长已提交")
                                    : QStringLiteral("检查组长尚未提交"));

    QString findings;
    int findingCount = 0;
    for (const Finding &finding : m_input.findings) {
        if (finding.unitCode != unit.code)
            continue;
        ++findingCount;
        QString where = indicatorLabel(setup, finding.indicatorCode);
        const QString site = siteLabel(setup, finding.siteCode);
        if (!site.isEmpty())
            where += (where.isEmpty() ? QString() : QStringLiteral("，")) + site;
        findings +=
            QStringLiteral("<li>【%1】%2%3<br/>对策建议：%4</li>")
                .arg(esc(findingKindName(finding.kind)),
                     where.isEmpty() ? QString() : QStringLiteral("（%1）").arg(esc(where)),
                     esc(finding.description),
                     finding.suggestion.isEmpty() ? QStringLiteral("—") : esc(finding.suggestion));
    }
    html += QStringLiteral("<p><b>问题、短板、弱项（%1 条）</b></p>").arg(findingCount);
    html += findingCount ? QStringLiteral("<ol>") + findings + QStringLiteral("</ol>")
                         : QStringLiteral("<p>无。</p>");

    QString highlights;
    int highlightCount = 0;
    for (const Highlight &highlight : m_input.highlights) {
        if (highlight.unitCode != unit.code)
            continue;
        ++highlightCount;
        highlights += QStringLiteral("<li><b>%1</b>：%2</li>")
                          .arg(esc(highlight.title), esc(highlight.description));
    }
    html += QStringLiteral("<p><b>亮点与典型经验（%1 条）</b></p>").arg(highlightCount);
    html += highlightCount ? QStringLiteral("<ul>") + highlights + QStringLiteral("</ul>")
                           : QStringLiteral("<p>无。</p>");
    return html;
}

QByteArray ResultsReport::build() const
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        throw ExportError(
            "生成 PDF 需要 QGuiApplication（onsite-hq 的 export 与 serve 命令会创建）");
    const ResultsView view(m_input);
    const std::lock_guard lock(renderMutex());

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(18, 16, 18, 14), QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("%1 考评结果通报").arg(view.campaign()));
    writer.setCreator(QStringLiteral("onsite-hq"));
    const double mm = kDpi / 25.4;
    const QRect page = writer.pageLayout().paintRectPixels(kDpi);
    const double footer = 8 * mm;
    const QSizeF body(page.width(), page.height() - footer);

    const QFont font = reportFont(9.5);
    // A document for the opening part (summary, ranking, chart) and one per unit: each
    // unit starts a page, and drawing a page of one 1,000-unit document cost time in
    // proportion to the whole document (a 1,000-page report took 25-30 s, now a third).
    auto newDocument = [&] {
        auto document = std::make_unique<QTextDocument>();
        document->documentLayout()->setPaintDevice(&writer);
        document->setDefaultFont(font);
        document->setDocumentMargin(0);
        document->setPageSize(body);
        document->setDefaultStyleSheet(
            QStringLiteral("h1 { font-size: 18pt; } h2 { font-size: 15pt; } "
                           "h3 { font-size: 13pt; } h4 { font-size: 11pt; }"));
        return document;
    };
    std::vector<std::unique_ptr<QTextDocument>> parts;

    std::vector<ChartBar> bars;
    for (const UnitRow &unit : view.units()) {
        bars.push_back({QStringLiteral("%1 %2").arg(unit.rank).arg(unit.name), unit.total,
                        ResultsView::number(unit.total), unit.category, unit.veto});
    }
    RankingChart chart(std::move(bars), m_input.setup->campaign.gradeLines, mm);
    parts.push_back(newDocument());
    QTextCursor cursor(parts.back().get());
    cursor.insertHtml(headHtml(view) + rankingHtml(view));
    cursor.insertBlock();
    chart.insert(cursor, body.width());
    // 各单位情况
    bool first = true;
    for (const UnitRow &unit : view.units()) {
        parts.push_back(newDocument());
        QTextCursor(parts.back().get())
            .insertHtml((first ? QStringLiteral("<h3>三、各单位情况</h3>") : QString()) + unitHtml(view, unit));
        first = false;
    }

    std::vector<QTextDocument *> documents;
    for (const auto &part : parts)
        documents.push_back(part.get());
    paintPages(writer, documents, body, footer, font, view.campaign());
    buffer.close();
    return buffer.data();
}

} // namespace onsite::exports
