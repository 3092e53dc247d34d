#pragma once

#include <QString>

namespace onsite {

// 被考评单位: a county, district or office assessed in the campaign.
struct Unit
{
    QString code;
    QString name;
    QString category; // 类别, e.g. 城区 / 山区县 / 川区县: selects threshold targets
};

} // namespace onsite
