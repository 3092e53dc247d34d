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

// Proof of presence (campaign.csv "评分须现场签到", "签到半径（米）"): whether a rater
// score needs the rater's own check-in at a site of the unit, and how near the site's
// coordinates that check-in must be. Absent from the file → these defaults.
struct PresenceRule
{
    static constexpr int kDefaultRadiusMeters = 500;
    bool checkInRequired = false;
    int radiusMeters = kDefaultRadiusMeters;
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
    PresenceRule presence;
};

} // namespace onsite
