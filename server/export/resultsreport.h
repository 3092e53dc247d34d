#pragma once

#include "exportinput.h"

#include <QByteArray>
#include <QString>

namespace onsite::exports {

class ResultsView;
struct UnitRow;

// The 通报 report as an A4 PDF: title, campaign, version and date; the ranking table;
// the ranking chart; then per unit its subtotals, findings and highlights; page
// numbers on every page. Laid out by a QTextDocument (CJK fonts are embedded by
// QPdfWriter as subsets), the chart drawn with QPainter (rankingchart.h).
class ResultsReport
{
public:
    explicit ResultsReport(const ExportInput &input) : m_input(input) {}

    // Needs a QGuiApplication; see exports.h about threads.
    QByteArray build() const;

private:
    QString headHtml(const ResultsView &view) const;
    // Which units have unscored items or are not submitted, or that scoring is complete.
    QString completenessHtml(const ResultsView &view) const;
    QString rankingHtml(const ResultsView &view) const;
    QString unitHtml(const ResultsView &view, const UnitRow &unit) const;

    const ExportInput &m_input;
};

} // namespace onsite::exports
