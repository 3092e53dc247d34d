#pragma once

#include "exportinput.h"

#include <QByteArray>

#include <vector>

namespace onsite::exports {

class ResultsView;
class XlsxBook;

// The 考评结果 workbook (一表): sheet 考评结果 with every unit's level-1 subtotals,
// total, grade, ranks, veto, unscored items and submission; then one sheet per level-1
// indicator with its items' points per unit. Points are numeric cells ("0.00").
class ResultsWorkbook
{
public:
    explicit ResultsWorkbook(const ExportInput &input) : m_input(input) {}

    QByteArray build() const;

private:
    struct UnitCells;
    void writeSummary(XlsxBook &book, const ResultsView &view, const std::vector<UnitCells> &cells) const;
    void writeProject(XlsxBook &book, const ResultsView &view, const std::vector<UnitCells> &cells,
                      const Indicator &project) const;

    const ExportInput &m_input;
};

} // namespace onsite::exports
