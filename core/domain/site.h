#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace onsite {

enum class SiteType { Demonstration, Innovation, Ordinary }; // 示范点 / 创新项目 / 普通点

std::optional<SiteType> siteTypeFromName(const QString &name);
QString siteTypeName(SiteType type);

// 点位: a concrete place an inspection group visits.
struct Site
{
    QString code;
    QString unitCode;
    QString name;
    SiteType type = SiteType::Ordinary;
    std::optional<double> latitude;
    std::optional<double> longitude;
    QStringList indicatorCodes; // 核查指标: the items checked at this site
};

} // namespace onsite
