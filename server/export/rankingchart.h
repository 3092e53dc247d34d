#pragma once

#include "domain/campaign.h"

#include <QFont>
#include <QObject>
#include <QStringList>
#include <QTextObjectInterface>

#include <vector>

class QTextCursor;

namespace onsite::exports {

// The report's font. WenQuanYi Micro Hei first: Noto Sans CJK maps the Kangxi radicals
// (U+2F00…) to the same glyphs as common ideographs, and Qt 6.4's PDF writer then
// records the radical as the glyph's text, so 青山县 copies and searches as ⻘⼭县. Noto
// stays the fallback (text still prints right; only copying suffers).
QFont reportFont(double points, bool bold = false);

struct ChartBar
{
    QString label;     // "1 东城区"
    QString valueText; // "99.69", as the engine printed it
    double value = 0;
    QString category;
    bool veto = false;
};

// The ranking bar chart of the report (一图), drawn as vector graphics into the report's
// QTextDocument: one horizontal bar per unit in rank order, the value printed at its
// end, dashed lines at the grade lines, and categories told apart by fill pattern
// (not colour), so a black-and-white print reads the same. Long rankings are split
// into several charts, as an object cannot break across pages.
class RankingChart : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    static constexpr int ObjectType = QTextFormat::UserObject + 1;

    // `dotsPerMm` of the device the document is laid out for.
    RankingChart(std::vector<ChartBar> bars, const GradeLines &lines, double dotsPerMm);

    // Registers the chart with the cursor's document and inserts it there, `width` wide.
    void insert(QTextCursor &cursor, double width);

    QSizeF intrinsicSize(QTextDocument *document, int position, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int position,
                    const QTextFormat &format) override;

private:
    QBrush brushFor(const QString &category) const;
    void drawLegend(QPainter &painter, const QRectF &area) const;
    // Ticks, and the grade lines, broken where they would cross a score (`values`).
    void drawAxis(QPainter &painter, const QRectF &plot, double scale,
                  const std::vector<QRectF> &values) const;
    // The label column: as wide as the longest label needs, within limits (device pixels).
    double labelWidth(QPainter &painter);
    void drawLabel(QPainter &painter, const QRectF &box, const QString &label) const;

    std::vector<ChartBar> m_bars;
    QStringList m_categories;
    GradeLines m_lines;
    double m_mm;
    double m_maxValue = 100;
    double m_labelWidth = 0; // measured on the first drawing
};

} // namespace onsite::exports
