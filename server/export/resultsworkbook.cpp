#include "resultsworkbook.h"

#include "resultsview.h"
#include "xlsxbook.h"

namespace onsite::exports {

namespace {

QString pointsLabel(const Indicator &indicator)
{
    QString points = indicator.maxScore.toString(2);
    if (points.endsWith(QLatin1String(".00")))
        points.chop(3);
    return QStringLiteral("%1 %2（%3分）").arg(indicator.code, indicator.title, points);
}

// Every sheet starts a unit's row with its code, name and category.
QStringList unitHeaders()
{
    return {QStringLiteral("单位编码"), QStringLiteral("单位名称"), QStringLiteral("类别")};
}

int writeUnit(XlsxSheet &sheet, int row, const UnitRow &unit)
{
    sheet.text(row, 0, unit.code);
    sheet.text(row, 1, unit.name);
    sheet.text(row, 2, unit.category);
    return 3;
}

} // namespace

QByteArray ResultsWorkbook::build() const
{
    const ResultsView view(*m_input.setup, m_input.results);
    XlsxBook book;
    writeSummary(book, view);
    for (const Indicator *project : view.projects())
        writeProject(book, view, *project);
    return book.finish();
}

void ResultsWorkbook::writeSummary(XlsxBook &book, const ResultsView &view) const
{
    XlsxSheet sheet = book.addSheet(QStringLiteral("考评结果"));
    const int headerRow = 1;
    QStringList headers = unitHeaders();
    for (const Indicator *project : view.projects())
        headers << pointsLabel(*project);
    headers << QStringLiteral("总分") << QStringLiteral("等次") << QStringLiteral("排名")
            << QStringLiteral("类别排名") << QStringLiteral("一票否决")
            << QStringLiteral("未评项数") << QStringLiteral("已提交");
    const int lastColumn =
        sheet.table(QStringLiteral("%1 考评结果 · %2").arg(view.campaign(), m_input.versionLabel()),
                    headerRow, headers);

    int row = headerRow + 1;
    for (const UnitRow &unit : view.units()) {
        int c = writeUnit(sheet, row, unit);
        for (const Indicator *project : view.projects())
            sheet.points(row, c++, ResultsView::number(unit.subtotals.value(project->code)));
        sheet.points(row, c++, ResultsView::number(unit.total));
        sheet.text(row, c++, unit.grade);
        sheet.integer(row, c++, unit.rank);
        sheet.integer(row, c++, unit.categoryRank);
        sheet.text(row, c++, yesNo(unit.veto));
        sheet.integer(row, c++, unit.unscored);
        sheet.text(row, c++, yesNo(unit.submitted));
        ++row;
    }
    // Notes below the table: what 未评 means, and entries the engine had to leave out.
    ++row;
    sheet.note(row++,
               QStringLiteral("共 %1 个二级指标；未评项按 0 分计入。").arg(view.itemCount()));
    for (const QString &warning : view.warnings())
        sheet.note(row++, QStringLiteral("注意：") + warning);
    sheet.freezeAndFit(headerRow, 2);
    sheet.autoFilter(headerRow, headerRow + static_cast<int>(view.units().size()), lastColumn);
}

void ResultsWorkbook::writeProject(XlsxBook &book, const ResultsView &view,
                                   const Indicator &project) const
{
    XlsxSheet sheet = book.addSheet(QStringLiteral("%1 %2").arg(project.code, project.title));
    const std::vector<const Indicator *> items = view.itemsOf(project);
    const int headerRow = 1;
    QStringList headers = unitHeaders();
    for (const Indicator *item : items)
        headers << pointsLabel(*item);
    headers << QStringLiteral("小计");
    sheet.table(QStringLiteral("%1 · %2 · %3")
                    .arg(view.campaign(), pointsLabel(project), m_input.versionLabel()),
                headerRow, headers);

    int row = headerRow + 1;
    for (const UnitRow &unit : view.units()) {
        int c = writeUnit(sheet, row, unit);
        for (const Indicator *item : items) {
            const std::optional<QString> points = unit.items.value(item->code);
            if (points)
                sheet.points(row, c, ResultsView::number(*points));
            else
                sheet.text(row, c, QStringLiteral("未评"));
            ++c;
        }
        sheet.points(row, c, ResultsView::number(unit.subtotals.value(project.code)));
        ++row;
    }
    sheet.freezeAndFit(headerRow, 2);
}

} // namespace onsite::exports
