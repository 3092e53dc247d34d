#include "resultsworkbook.h"

#include "resultsview.h"
#include "xlsxbook.h"

namespace onsite::exports {

namespace {

bool isVeto(const Indicator &indicator)
{
    return indicator.method() == ScoringMethod::Veto;
}

QString pointsLabel(const Indicator &indicator)
{
    // A veto item earns no points: its column says what it holds instead.
    if (isVeto(indicator))
        return QStringLiteral("%1 %2（一票否决）").arg(indicator.code, indicator.title);
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

} // namespace

// The first cells of a unit's row on every sheet: code, name, category.
struct ResultsWorkbook::UnitCells
{
    explicit UnitCells(const UnitRow &unit) : code(unit.code), name(unit.name), category(unit.category) {}

    int write(XlsxSheet &sheet, int row) const
    {
        sheet.text(row, 0, code);
        sheet.text(row, 1, name);
        sheet.text(row, 2, category);
        return 3;
    }

    XlsxText code;
    XlsxText name;
    XlsxText category;
};

QByteArray ResultsWorkbook::build() const
{
    const ResultsView view(m_input, true);
    std::vector<UnitCells> cells;
    cells.reserve(view.units().size());
    for (const UnitRow &unit : view.units())
        cells.emplace_back(unit);
    // Every sheet is written top to bottom: the book needs not keep its cells.
    XlsxBook book(true);
    writeSummary(book, view, cells);
    for (const Indicator *project : view.projects())
        writeProject(book, view, cells, *project);
    return book.finish();
}

void ResultsWorkbook::writeSummary(XlsxBook &book, const ResultsView &view,
                                   const std::vector<UnitCells> &cells) const
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
    // Before the rows: a row-by-row book checks the range against the rows not yet written.
    sheet.autoFilter(headerRow, headerRow + static_cast<int>(view.units().size()), lastColumn);

    int row = headerRow + 1;
    for (std::size_t u = 0; u < view.units().size(); ++u) {
        const UnitRow &unit = view.units()[u];
        int c = cells[u].write(sheet, row);
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
}

void ResultsWorkbook::writeProject(XlsxBook &book, const ResultsView &view,
                                   const std::vector<UnitCells> &cells, const Indicator &project) const
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

    std::vector<std::size_t> places;
    std::vector<bool> vetoItems;
    for (const Indicator *item : items) {
        places.push_back(static_cast<std::size_t>(view.itemIndex(item->code)));
        vetoItems.push_back(isVeto(*item));
    }
    const XlsxText unscored(QStringLiteral("未评"));
    const XlsxText triggered(QStringLiteral("触发否决"));
    const XlsxText notTriggered(QStringLiteral("未触发"));

    int row = headerRow + 1;
    for (std::size_t u = 0; u < view.units().size(); ++u) {
        const UnitRow &unit = view.units()[u];
        int c = cells[u].write(sheet, row);
        for (std::size_t i = 0; i < places.size(); ++i, ++c) {
            const std::optional<double> points = unit.items[places[i]];
            // A triggered veto is 0 points like an untriggered one: say which it is.
            if (vetoItems[i] && unit.vetoes[places[i]])
                sheet.text(row, c, triggered);
            else if (!points)
                sheet.text(row, c, unscored);
            else if (vetoItems[i])
                sheet.text(row, c, notTriggered);
            else
                sheet.points(row, c, *points);
        }
        sheet.points(row, c, ResultsView::number(unit.subtotals.value(project.code)));
        ++row;
    }
    sheet.freezeAndFit(headerRow, 2);
}

} // namespace onsite::exports
