#pragma once

#include <QString>
#include <QStringList>

namespace onsite {

// 检查组: cadres drawn from other units who assess a set of units.
struct InspectionGroup
{
    QString name;
    QStringList unitCodes;
};

} // namespace onsite
