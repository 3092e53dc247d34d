#pragma once

#include "scoring/decimal.h"

#include <QDate>
#include <QString>

namespace onsite {

// Grade lines from campaign.csv: a total at or above a line earns that grade.
struct GradeLines
{
    Decimal excellent{90}; // 优秀
    Decimal good{80};      // 良好
    Decimal fair{60};      // 一般
};

struct Campaign
{
    QString id; // client-generated UUID
    QString name;
    QDate startDate;
    QDate endDate;
    GradeLines gradeLines;
    // From this many raters on, one highest and one lowest rater score are dropped.
    int trimFromRaters = 5;
};

} // namespace onsite
