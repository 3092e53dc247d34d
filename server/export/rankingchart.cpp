#include "rankingchart.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>

#include <cmath>

namespace onsite::exports {

namespace {

constexpr int kBarsPerChart = 28;
constexpr int kFirstBarProperty = QTextFormat::UserProperty + 1;
constexpr int kBarCountProperty = QTextFormat::UserProperty + 2;
constexpr int kWidthProperty = QTextFormat::UserProperty + 3;

// Millimetres of the chart's parts.
constexpr double kRowMm = 6.5;
constexpr double kLegendMm = 8;
constexpr double kAxisMm = 11;
constexpr double kLabelMm = 34;
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

void RankingChart::drawAxis(QPainter &painter, const QRectF &plot, double scale) const
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
    const std::pair<QString, double> lines[] = {
        {QStringLiteral("优秀"), m_lines.excellent.toDouble()},
        {QStringLiteral("良好"), m_lines.good.toDouble()},
        {QStringLiteral("一般"), m_lines.fair.toDouble()}};
    for (const auto &[name, value] : lines) {
        const double x = plot.left() + value * scale;
        painter.setPen(QPen(Qt::black, 0.3 * m_mm, Qt::DashLine));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(x - 8 * m_mm, plot.bottom() + 5 * m_mm, 16 * m_mm, 4 * m_mm),
                         Qt::AlignCenter,
                         QStringLiteral("%1 %2").arg(name, QString::number(value)));
    }
}

void RankingChart::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *, int,
                              const QTextFormat &format)
{
    const int first = format.property(kFirstBarProperty).toInt();
    const int count = format.property(kBarCountProperty).toInt();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    drawLegend(*painter,
               QRectF(rect.left() + kLabelMm * m_mm, rect.top(), rect.width(), kLegendMm * m_mm));

    const QRectF plot(rect.left() + kLabelMm * m_mm, rect.top() + kLegendMm * m_mm,
                      rect.width() - (kLabelMm + kValueMm) * m_mm, count * kRowMm * m_mm);
    const double scale = plot.width() / m_maxValue;
    for (int i = 0; i < count; ++i) {
        const ChartBar &bar = m_bars[static_cast<std::size_t>(first + i)];
        const QRectF row(rect.left(), plot.top() + i * kRowMm * m_mm, rect.width(), kRowMm * m_mm);
        painter->setFont(chartFont(8));
        painter->setPen(Qt::black);
        painter->drawText(QRectF(row.left(), row.top(), (kLabelMm - 2) * m_mm, row.height()),
                          Qt::AlignRight | Qt::AlignVCenter, bar.label);
        const QRectF barRect(plot.left(), row.top() + 1.2 * m_mm, std::max(0.0, bar.value) * scale,
                             row.height() - 2.4 * m_mm);
        painter->setPen(QPen(Qt::black, 0.25 * m_mm, bar.veto ? Qt::DotLine : Qt::SolidLine));
        painter->setBrush(Qt::white);
        painter->drawRect(barRect);
        painter->setBrush(brushFor(bar.category));
        painter->drawRect(barRect);
        painter->setFont(chartFont(8, true));
        painter->drawText(
            QRectF(barRect.right() + 1.5 * m_mm, row.top(), kValueMm * m_mm, row.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            bar.veto ? bar.valueText + QStringLiteral(" 否决") : bar.valueText);
    }
    drawAxis(*painter, plot, scale);
    painter->restore();
}

} // namespace onsite::exports
