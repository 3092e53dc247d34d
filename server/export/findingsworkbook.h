#pragma once

#include "exportinput.h"

#include <QByteArray>

namespace onsite::exports {

// The 问题清单 workbook (一单): every finding with its unit, group, site, indicator,
// kind (问题/短板/弱项), description, suggestion, time recorded and photo count;
// long texts wrap.
class FindingsWorkbook
{
public:
    explicit FindingsWorkbook(const ExportInput &input) : m_input(input) {}

    QByteArray build() const;

private:
    const ExportInput &m_input;
};

// Labels shared by the workbook and the report: "DC-01 幸福社区党群服务中心",
// "2.1 党支部标准化建设", and the group whose member recorded it (else the group
// assessing the unit).
QString siteLabel(const CampaignSetup &setup, const QString &siteCode);
QString indicatorLabel(const CampaignSetup &setup, const QString &indicatorCode);
QString groupLabel(const CampaignSetup &setup, const QString &account, const QString &unitCode);

} // namespace onsite::exports
