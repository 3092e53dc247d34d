#include "findingsworkbook.h"

#include "xlsxbook.h"
#include "system/beijingtime.h"

namespace onsite::exports {

QString siteLabel(const CampaignSetup &setup, const QString &siteCode)
{
    if (siteCode.isEmpty())
        return {};
    for (const Site &site : setup.sites) {
        if (site.code == siteCode)
            return QStringLiteral("%1 %2").arg(site.code, site.name);
    }
    return siteCode;
}

QString indicatorLabel(const CampaignSetup &setup, const QString &indicatorCode)
{
    if (indicatorCode.isEmpty())
        return {};
    const Indicator *indicator = setup.indicator(indicatorCode);
    return indicator ? QStringLiteral("%1 %2").arg(indicator->code, indicator->title)
                     : indicatorCode;
}

QString groupLabel(const CampaignSetup &setup, const QString &account, const QString &unitCode)
{
    const Person *person = setup.person(account);
    if (person && !person->groupName.isEmpty())
        return person->groupName;
    for (const InspectionGroup &group : setup.groups) {
        if (group.unitCodes.contains(unitCode))
            return group.name;
    }
    return {};
}

QByteArray FindingsWorkbook::build() const
{
    const CampaignSetup &setup = *m_input.setup;
    XlsxBook book;
    XlsxSheet sheet = book.addSheet(QStringLiteral("问题清单"));
    const QStringList headers = {
        QStringLiteral("序号"),     QStringLiteral("单位编码"), QStringLiteral("单位名称"),
        QStringLiteral("检查组"),   QStringLiteral("点位"),     QStringLiteral("指标"),
        QStringLiteral("类型"),     QStringLiteral("问题描述"), QStringLiteral("对策建议"),
        QStringLiteral("记录时间"), QStringLiteral("照片数")};
    const int headerRow = 1;
    const QString campaign =
        m_input.results.value(QStringLiteral("campaign")).toString(setup.campaign.name);
    const int lastColumn = sheet.table(
        QStringLiteral("%1 问题清单 · 共 %2 条 · %3 导出")
            .arg(campaign)
            .arg(m_input.findings.size())
            .arg(beijingMinutes(QDateTime::currentDateTimeUtc())),
        headerRow, headers);
    // Descriptions and suggestions are paragraphs: a readable fixed width, wrapped.
    sheet.fixWidth(5, 28);
    sheet.fixWidth(7, 50);
    sheet.fixWidth(8, 50);

    int row = headerRow + 1;
    for (const Finding &finding : m_input.findings) {
        const Unit *unit = setup.unit(finding.unitCode);
        int c = 0;
        sheet.integer(row, c++, row - headerRow);
        sheet.text(row, c++, finding.unitCode);
        sheet.text(row, c++, unit ? unit->name : QString());
        sheet.text(row, c++, groupLabel(setup, finding.account, finding.unitCode));
        sheet.text(row, c++, siteLabel(setup, finding.siteCode));
        sheet.text(row, c++, indicatorLabel(setup, finding.indicatorCode), true);
        sheet.text(row, c++, findingKindName(finding.kind));
        sheet.text(row, c++, finding.description, true);
        sheet.text(row, c++, finding.suggestion, true);
        sheet.dateTime(row, c++, finding.recordedAt);
        sheet.integer(row, c++, finding.photoIds.size());
        ++row;
    }
    if (m_input.findings.empty())
        sheet.note(row, QStringLiteral("暂无问题记录。"));
    sheet.freezeAndFit(headerRow, 0);
    sheet.autoFilter(headerRow, headerRow + static_cast<int>(m_input.findings.size()), lastColumn);
    return book.finish();
}

} // namespace onsite::exports
