#include "resultsformatter.h"

#include "hq/resultsjson.h"

#include <QJsonDocument>

namespace onsite {

namespace {

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

QString pad(const QString &text, int width, bool alignRight)
{
    const QString fill(qMax(0, width - displayWidth(text)), QLatin1Char(' '));
    return alignRight ? fill + text : text + fill;
}

} // namespace

int displayWidth(const QString &text)
{
    int width = 0;
    for (const char32_t c : text.toUcs4())
        width += isWide(c) ? 2 : 1;
    return width;
}

QString ResultsFormatter::format(ResultsFormat format) const
{
    switch (format) {
    case ResultsFormat::Csv:
        return csv();
    case ResultsFormat::Json:
        return json();
    case ResultsFormat::Table:
        break;
    }
    return table();
}

QStringList ResultsFormatter::projectCodes() const
{
    QStringList codes;
    for (const Indicator &indicator : m_setup.indicators) {
        if (indicator.isProject())
            codes << indicator.code;
    }
    return codes;
}

int ResultsFormatter::itemCount() const
{
    return static_cast<int>(std::count_if(m_setup.indicators.begin(), m_setup.indicators.end(),
                                          [](const Indicator &i) { return !i.isProject(); }));
}

QString ResultsFormatter::csv() const
{
    QStringList header = {QStringLiteral("unit"),  QStringLiteral("total"),         QStringLiteral("grade"),
                          QStringLiteral("rank"),  QStringLiteral("category_rank"), QStringLiteral("veto"),
                          QStringLiteral("unit_name"), QStringLiteral("category")};
    for (const QString &code : projectCodes())
        header << QStringLiteral("subtotal_%1").arg(code);
    header << QStringLiteral("unscored") << QStringLiteral("submitted");

    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const UnitResult &unit : m_results.units) {
        QStringList row = {unit.unitCode,
                           unit.total.toString(2),
                           gradeName(unit.grade),
                           QString::number(unit.rank),
                           QString::number(unit.categoryRank),
                           unit.veto ? QStringLiteral("1") : QStringLiteral("0"),
                           unit.unitName,
                           unit.category};
        for (const ProjectSubtotal &subtotal : unit.subtotals)
            row << subtotal.subtotal.toString(2);
        row << QString::number(unit.unscoredCount)
            << (m_submitted.contains(unit.unitCode) ? QStringLiteral("1") : QStringLiteral("0"));
        for (QString &field : row)
            field = csvField(field);
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString ResultsFormatter::json() const
{
    // The same document a published results version freezes (hq/resultsjson.h).
    return QString::fromUtf8(
        QJsonDocument(hq::resultsJson(m_setup, m_results, m_submitted)).toJson(QJsonDocument::Indented));
}

QString ResultsFormatter::table() const
{
    QStringList header = {QStringLiteral("排名"), QStringLiteral("单位"), QStringLiteral("类别"),
                          QStringLiteral("类别排名"), QStringLiteral("总分"), QStringLiteral("等次")};
    const QStringList projects = projectCodes();
    for (const QString &code : projects)
        header << QStringLiteral("指标%1").arg(code);
    header << QStringLiteral("未评") << QStringLiteral("提交");
    const int numericFrom = 3;

    std::vector<QStringList> rows;
    for (const UnitResult &unit : m_results.units) {
        QStringList row = {QString::number(unit.rank),
                           QStringLiteral("%1 %2").arg(unit.unitCode, unit.unitName),
                           unit.category,
                           QString::number(unit.categoryRank),
                           unit.total.toString(2),
                           unit.veto ? gradeName(unit.grade) + QStringLiteral("（否决）") : gradeName(unit.grade)};
        for (const ProjectSubtotal &subtotal : unit.subtotals)
            row << subtotal.subtotal.toString(2);
        row << QStringLiteral("%1/%2").arg(unit.unscoredCount).arg(itemCount())
            << (m_submitted.contains(unit.unitCode) ? QStringLiteral("已提交") : QStringLiteral("—"));
        rows.push_back(row);
    }

    std::vector<int> widths(header.size(), 0);
    for (int c = 0; c < header.size(); ++c) {
        widths[c] = displayWidth(header[c]);
        for (const QStringList &row : rows)
            widths[c] = qMax(widths[c], displayWidth(row[c]));
    }
    auto render = [&](const QStringList &cells) {
        QStringList padded;
        for (int c = 0; c < cells.size(); ++c)
            padded << pad(cells[c], widths[c], c == 0 || (c >= numericFrom && c != 5));
        QString line = padded.join(QStringLiteral("  "));
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        return line + QLatin1Char('\n');
    };
    QString out = m_setup.campaign.name + QLatin1Char('\n') + render(header);
    int ruleWidth = 0;
    for (int w : widths)
        ruleWidth += w + 2;
    out += QString(ruleWidth - 2, QLatin1Char('-')) + QLatin1Char('\n');
    for (const QStringList &row : rows)
        out += render(row);
    for (const QString &warning : m_results.warnings)
        out += QStringLiteral("注意：") + warning + QLatin1Char('\n');
    return out;
}

} // namespace onsite
