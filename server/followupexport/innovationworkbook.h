#pragma once

#include "domain/campaignsetup.h"
#include "domain/followup.h"

#include <QByteArray>
#include <QDateTime>

#include <vector>

namespace onsite::exports {

// 创新项目清单 XLSX: sheet 创新项目 with one row per project (unit, title, description,
// screening and the bonus item it may earn) and sheet 各单位统计 with the projects of
// every unit by status.
class InnovationWorkbook
{
public:
    InnovationWorkbook(const CampaignSetup &setup, std::vector<InnovationProject> projects,
                       QStringList unitCodes, QDateTime now);

    QByteArray build() const;

private:
    const CampaignSetup &m_setup;
    std::vector<InnovationProject> m_projects;
    QStringList m_unitCodes;
    QDateTime m_now;
};

} // namespace onsite::exports
