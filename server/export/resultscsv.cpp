#include "resultscsv.h"

#include "cellsafety.h"
#include "resultsview.h"

namespace onsite::exports {

namespace {

QString field(const QString &value)
{
    const QString safe = safeCellText(value);
    if (!safe.contains(QLatin1Char(',')) && !safe.contains(QLatin1Char('"')) &&
        !safe.contains(QLatin1Char('\n')) && !safe.contains(QLatin1Char('\r')))
        return safe;
    QString quoted = safe;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QByteArray ResultsCsv::build() const
{
    const ResultsView view(m_input);
    QStringList header;
    if (m_chinese) {
        header = {QStringLiteral("单位编码"), QStringLiteral("总分"),
                  QStringLiteral("等次"),     QStringLiteral("排名"),
                  QStringLiteral("类别排名"), QStringLiteral("一票否决"),
                  QStringLiteral("单位名称"), QStringLiteral("类别")};
        for (const Indicator *project : view.projects())
            header << QStringLiteral("%1 %2").arg(project->code, project->title);
        header << QStringLiteral("未评项数") << QStringLiteral("已提交");
    } else {
        header = {QStringLiteral("unit"),          QStringLiteral("total"),
                  QStringLiteral("grade"),         QStringLiteral("rank"),
                  QStringLiteral("category_rank"), QStringLiteral("veto"),
                  QStringLiteral("unit_name"),     QStringLiteral("category")};
        for (const Indicator *project : view.projects())
            header << QStringLiteral("subtotal_%1").arg(project->code);
        header << QStringLiteral("unscored") << QStringLiteral("submitted");
    }
    const QString lineEnd = m_chinese ? QStringLiteral("\r\n") : QStringLiteral("\n");
    auto flag = [&](bool value) {
        return m_chinese ? yesNo(value) : (value ? QStringLiteral("1") : QStringLiteral("0"));
    };

    QStringList lines;
    for (QString &name : header)
        name = field(name);
    lines << header.join(QLatin1Char(','));
    for (const UnitRow &unit : view.units()) {
        QStringList row = {unit.code,
                           unit.total,
                           unit.grade,
                           QString::number(unit.rank),
                           QString::number(unit.categoryRank),
                           flag(unit.veto),
                           unit.name,
                           unit.category};
        for (const Indicator *project : view.projects())
            row << unit.subtotals.value(project->code);
        row << QString::number(unit.unscored) << flag(unit.submitted);
        for (QString &value : row)
            value = field(value);
        lines << row.join(QLatin1Char(','));
    }
    QByteArray out = m_chinese ? QByteArray("\xEF\xBB\xBF") : QByteArray();
    out += (lines.join(lineEnd) + lineEnd).toUtf8();
    return out;
}

} // namespace onsite::exports
