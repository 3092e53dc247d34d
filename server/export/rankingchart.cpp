#include "rankingchart.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>
#include <cmath>
#include <vector>

namespace onsite::exports {

namespace {

constexpr int kBarsPerChart = 28;
constexpr int kFirstBarProperty = QTextFormat::UserProperty + 1;
constexpr int kBarCountProperty = QTextFormat::UserProperty + 2;
constexpr int kWidthProperty = QTextFormat::UserProperty + 3;

// Millimetres of the chart's parts.
constexpr double kRowMm = 6.5;
constexpr double kLegendMm = 8;
constexpr double kAxisMm = 15;     // ticks, and grade captions on up to two lines
constexpr double kLabelMm = 34;    // the label column at least…
constexpr double kMaxLabelMm = 56; // …and at most; longer names take two lines
constexpr double kValueMm = 24;

QFont chartFont(double points, bool bold = false)
{
    return reportFont(points, bold);
}

} // namespace

QFont reportFont(double points, bool bold)
{
    QFont font;
    font.setFamilies({QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Noto Sans CJK SC")});
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

RankingChart::RankingChart(std::vector<ChartBar> bars, const GradeLines &lines, double dotsPerMm)
    : m_bars(std::move(bars)), m_lines(lines), m_mm(dotsPerMm)
{
    double highest = 0;
    for (const ChartBar &bar : m_bars) {
        if (!m_categories.contains(bar.category))
            m_categories << bar.category;
        highest = std::max(highest, bar.value);
    }
    // A scale from zero (bars compare honestly) to the next ten above every total.
    m_maxValue = std::max(100.0, std::ceil(highest / 10.0) * 10.0);
}

void RankingChart::insert(QTextCursor &cursor, double width)
{
    cursor.document()->documentLayout()->registerHandler(ObjectType, this);
    for (int first = 0; first < static_cast<int>(m_bars.size()); first += kBarsPerChart) {
        QTextCharFormat format;
        format.setObjectType(ObjectType);
        format.setProperty(kFirstBarProperty, first);
        format.setProperty(kBarCountProperty,
                           std::min<int>(kBarsPerChart, static_cast<int>(m_bars.size()) - first));
        format.setProperty(kWidthProperty, width);
        cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
        cursor.insertBlock();
    }
}

QSizeF RankingChart::intrinsicSize(QTextDocument *, int, const QTextFormat &format)
{
    const int count = format.property(kBarCountProperty).toInt();
    return {format.property(kWidthProperty).toDouble(),
            (kLegendMm + count * kRowMm + kAxisMm) * m_mm};
}

QBrush RankingChart::brushFor(const QString &category) const
{
    // Told apart without colour: grey, diagonal hatch, dense dots, cross hatch, …
    static const Qt::BrushStyle styles[] = {Qt::SolidPattern,  Qt::BDiagPattern,
                                            Qt::Dense4Pattern, Qt::DiagCrossPattern,
                                            Qt::HorPattern,    Qt::FDiagPattern};
    const qsizetype index = m_categories.indexOf(category);
    const Qt::BrushStyle style = styles[std::max<qsizetype>(index, 0) % std::size(styles)];
    QBrush brush(style == Qt::SolidPattern ? QColor(150, 150, 150) : QColor(Qt::black), style);
    // Qt's patterns are 8 device pixels: scale them to about 1 mm so print shows them.
    if (style != Qt::SolidPattern)
        brush.setTransform(QTransform::fromScale(m_mm / 8.0 * 1.2, m_mm / 8.0 * 1.2));
    return brush;
}

void RankingChart::drawLegend(QPainter &painter, const QRectF &area) const
{
    painter.setFont(chartFont(8));
    double x = area.left();
    const double box = 3.5 * m_mm;
    for (const QString &category : m_categories) {
        const QRectF swatch(x, area.top() + (area.height() - box) / 2, box * 1.6, box);
        painter.setPen(QPen(Qt::black, 0.25 * m_mm));
        painter.setBrush(Qt::white);
        painter.drawRect(swatch);
        painter.setBrush(brushFor(category));
        painter.drawRect(swatch);
        const QRectF text(swatch.right() + m_mm, area.top(), 30 * m_mm, area.height());
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, category);
        x = text.left() + painter.fontMetrics().horizontalAdvance(category) + 5 * m_mm;
    }
    painter.setPen(QPen(Qt::black, 0.3 * m_mm, Qt::DashLine));
    painter.drawLine(QPointF(x, area.center().y()), QPointF(x + 6 * m_mm, area.center().y()));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(x + 7 * m_mm, area.top(), 40 * m_mm, area.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("等次分数线"));
}

void RankingChart::drawAxis(QPainter &painter, const QRectF &plot, double scale,
                            const std::vector<QRectF> &values) const
{
    painter.setFont(chartFont(7));
    painter.setPen(QPen(Qt::black, 0.25 * m_mm));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
    for (int tick = 0; tick <= m_maxValue; tick += 10) {
        const double x = plot.left() + tick * scale;
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + m_mm));
        painter.drawText(QRectF(x - 5 * m_mm, plot.bottom() + m_mm, 10 * m_mm, 4 * m_mm),
                         Qt::AlignCenter, QString::number(tick));
    }
    // Captions from the lowest line up, each on the first of two lines where it touches none.
    const std::pair<QString, double> lines[] = {
        {QStringLiteral("一般"), m_lines.fair.toDouble()},
        {QStringLiteral("良好"), m_lines.good.toDouble()},
        {QStringLiteral("优秀"), m_lines.excellent.toDouble()}};
    double ends[2] = {-1e9, -1e9}; // where each caption line is taken up to
    for (const auto &[name, value] : lines) {
        const double x = plot.left() + value * scale;
        painter.setPen(QPen(Qt::black, 0.3 * m_mm, Qt::DashLine));
        // The line stops short of a score it would cross (rows top down), so digits stay legible.
        double from = plot.top();
        for (const QRectF &box : values) {
            if (x < box.left() - m_mm || x > box.right() + m_mm)
                continue;
            const QRectF gap = box.adjusted(0, -0.8 * m_mm, 0, 0.8 * m_mm);
            if (gap.top() > from)
                painter.drawLine(QPointF(x, from), QPointF(x, gap.top()));
            from = std::max(from, gap.bottom());
        }
        if (from < plot.bottom())
            painter.drawLine(QPointF(x, from), QPointF(x, plot.bottom()));
        painter.setPen(Qt::black);
        const QString caption = QStringLiteral("%1 %2").arg(name, QString::number(value));
        const double width = painter.fontMetrics().horizontalAdvance(caption) + m_mm;
        // Centred under its line on the first caption line with room; three lines close
        // together put the last one just after the one before on the freer caption line.
        const double centred = x - width / 2;
        const int line = centred >= ends[0] ? 0 : centred >= ends[1] ? 1 : (ends[0] <= ends[1] ? 0 : 1);
        const QRectF box(std::max(centred, ends[line]), plot.bottom() + (5 + line * 4.5) * m_mm, width,
                         4 * m_mm);
        ends[line] = box.right();
        painter.drawText(box, Qt::AlignCenter, caption);
    }
}

double RankingChart::labelWidth(QPainter &painter)
{
    if (m_labelWidth > 0)
        return m_labelWidth;
    painter.setFont(chartFont(8));
    double widest = 0;
    for (const ChartBar &bar : m_bars)
        widest = std::max<double>(widest, painter.fontMetrics().horizontalAdvance(bar.label));
    // The same width for every part of a split chart, so their bars line up.
    m_labelWidth = std::clamp(widest + 3 * m_mm, kLabelMm * m_mm, kMaxLabelMm * m_mm);
    return m_labelWidth;
}

void RankingChart::drawLabel(QPainter &painter, const QRectF &box, const QString &label) const
{
    painter.setFont(chartFont(8));
    if (painter.fontMetrics().horizontalAdvance(label) <= box.width()) {
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, label);
        return;
    }
    // A name too long for the column: smaller, on two lines if need be, cut with "…" only
    // beyond that.
    painter.setFont(chartFont(6.5));
    const QFontMetricsF metrics(painter.font(), painter.device());
    qsizetype split = 1;
    while (split < label.size() && metrics.horizontalAdvance(label.left(split + 1)) <= box.width())
        ++split;
    const QString second = metrics.elidedText(label.mid(split), Qt::ElideRight, box.width());
    painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                     second.isEmpty() ? label : label.left(split) + QLatin1Char('\n') + second);
}

void RankingChart::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *, int,
                              const QTextFormat &format)
{
    const int first = format.property(kFirstBarProperty).toInt();
    const int count = format.property(kBarCountProperty).toInt();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const double labels = labelWidth(*painter);
    // The legend starts where the bars do, whatever width the names took.
    drawLegend(*painter, QRectF(rect.left() + labels, rect.top(), rect.width() - labels, kLegendMm * m_mm));

    const QRectF plot(rect.left() + labels, rect.top() + kLegendMm * m_mm,
                      rect.width() - labels - kValueMm * m_mm, count * kRowMm * m_mm);
    const double scale = plot.width() / m_maxValue;
    std::vector<std::pair<QRectF, QString>> values;
    std::vector<QRectF> valueBoxes; // where each score's digits are, top down
    for (int i = 0; i < count; ++i) {
        const ChartBar &bar = m_bars[static_cast<std::size_t>(first + i)];
        const QRectF row(rect.left(), plot.top() + i * kRowMm * m_mm, rect.width(), kRowMm * m_mm);
        painter->setPen(Qt::black);
        drawLabel(*painter, QRectF(row.left(), row.top(), labels - 2 * m_mm, row.height()),
                  bar.label);
        const QRectF barRect(plot.left(), row.top() + 1.2 * m_mm, std::max(0.0, bar.value) * scale,
                             row.height() - 2.4 * m_mm);
        painter->setPen(QPen(Qt::black, 0.25 * m_mm, bar.veto ? Qt::DotLine : Qt::SolidLine));
        painter->setBrush(Qt::white);
        painter->drawRect(barRect);
        painter->setBrush(brushFor(bar.category));
        painter->drawRect(barRect);
        const QRectF box(barRect.right() + 1.5 * m_mm, row.top(), kValueMm * m_mm, row.height());
        const QString text = bar.veto ? bar.valueText + QStringLiteral(" 否决") : bar.valueText;
        painter->setFont(chartFont(8, true));
        values.emplace_back(box, text);
        valueBoxes.push_back(painter->boundingRect(box, Qt::AlignLeft | Qt::AlignVCenter, text));
    }
    drawAxis(*painter, plot, scale, valueBoxes);
    painter->setFont(chartFont(8, true));
    painter->setPen(Qt::black);
    for (const auto &[box, text] : values)
        painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
    painter->restore();
}

} // namespace onsite::exports
