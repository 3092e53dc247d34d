#include "innovationworkbook.h"

#include "followupformat.h"

#include "export/xlsxbook.h"

#include <algorithm>

namespace onsite::exports {

InnovationWorkbook::InnovationWorkbook(const CampaignSetup &setup,
                                       std::vector<InnovationProject> projects,
                                       QStringList unitCodes, QDateTime now)
    : m_setup(setup), m_projects(std::move(projects)), m_unitCodes(std::move(unitCodes)),
      m_now(std::move(now))
{
    std::stable_sort(m_projects.begin(), m_projects.end(),
                     [this](const InnovationProject &a, const InnovationProject &b) {
                         const int ua = unitOrder(m_setup, a.unitCode);
                         const int ub = unitOrder(m_setup, b.unitCode);
                         return ua != ub ? ua < ub : a.proposedAt < b.proposedAt;
                     });
}

QByteArray InnovationWorkbook::build() const
{
    XlsxBook book;
    const QString asOf = QStringLiteral("截至 %1（北京时间）").arg(beijingTime(m_now));
    XlsxSheet list = book.addSheet(QStringLiteral("创新项目"));
    const QStringList headers = {QStringLiteral("序号"),     QStringLiteral("单位"),
                                 QStringLiteral("项目名称"), QStringLiteral("项目简介"),
                                 QStringLiteral("状态"),     QStringLiteral("筛选意见"),
                                 QStringLiteral("加分指标"), QStringLiteral("申报人"),
                                 QStringLiteral("申报时间"), QStringLiteral("筛选时间")};
    const int headerRow = 1;
    const int lastColumn =
        list.table(QStringLiteral("%1 创新项目清单 · 共 %2 项 · %3")
                       .arg(m_setup.campaign.name, QString::number(m_projects.size()), asOf),
                   headerRow, headers);
    list.fixWidth(2, 30);
    list.fixWidth(3, 50);
    list.fixWidth(5, 30);

    int row = headerRow + 1;
    for (const InnovationProject &project : m_projects) {
        const Indicator *bonus =
            project.bonusIndicator.isEmpty() ? nullptr : m_setup.indicator(project.bonusIndicator);
        int c = 0;
        list.integer(row, c++, row - headerRow);
        list.text(row, c++, unitName(m_setup, project.unitCode));
        list.text(row, c++, project.title, true);
        list.text(row, c++, project.description, true);
        list.text(row, c++, innovationStatusName(project.status));
        list.text(row, c++, project.reason, true);
        list.text(row, c++,
                  bonus ? QStringLiteral("%1 %2").arg(bonus->code, bonus->title)
                        : project.bonusIndicator);
        list.text(row, c++, personName(m_setup, project.proposedBy));
        list.text(row, c++, beijingTime(project.proposedAt));
        list.text(row, c++, beijingTime(project.screenedAt));
        ++row;
    }
    if (m_projects.empty())
        list.note(row, QStringLiteral("暂无创新项目。"));
    list.freezeAndFit(headerRow, 0);
    list.autoFilter(headerRow, headerRow + static_cast<int>(m_projects.size()), lastColumn);

    XlsxSheet summary = book.addSheet(QStringLiteral("各单位统计"));
    const std::array<InnovationStatus, 3> statuses = {
        InnovationStatus::Proposed, InnovationStatus::Selected, InnovationStatus::Rejected};
    QStringList countHeaders = {QStringLiteral("单位"), QStringLiteral("合计")};
    for (const InnovationStatus status : statuses)
        countHeaders << innovationStatusName(status);
    summary.table(QStringLiteral("%1 创新项目统计 · %2").arg(m_setup.campaign.name, asOf),
                  headerRow, countHeaders);
    row = headerRow + 1;
    std::array<int, 4> totals{};
    for (const QString &unitCode : m_unitCodes) {
        std::array<int, 4> counts{};
        for (const InnovationProject &project : m_projects) {
            if (project.unitCode != unitCode)
                continue;
            ++counts[0];
            ++counts[1 + static_cast<std::size_t>(project.status)];
        }
        summary.text(row, 0, unitName(m_setup, unitCode));
        for (std::size_t i = 0; i < counts.size(); ++i) {
            summary.integer(row, static_cast<int>(i) + 1, counts[i]);
            totals[i] += counts[i];
        }
        ++row;
    }
    summary.text(row, 0, QStringLiteral("合计"));
    for (std::size_t i = 0; i < totals.size(); ++i)
        summary.integer(row, static_cast<int>(i) + 1, totals[i]);
    summary.freezeAndFit(headerRow, 1);
    return book.finish();
}

} // namespace onsite::exports
