#pragma once

#include "domain/campaignsetup.h"
#include "store/sqlconnection.h"

#include <QJsonObject>
#include <QStringList>

namespace onsite::hq {

// How far each rater's scores sit from their group's consensus (DOMAIN.md §Integrity:
// 搞平衡 / 讲感情 shows up as a systematic deviation), over the units given:
// {"raters":[{"account","name","group","items","mean_deviation","mean_abs_deviation",
//   "max_deviation"}],
//  "disagreements":[{"unit","indicator","max_points","spread","raters":[{"account","name","points"}]}]}
// A rater's deviation on an item is their rater score (points, as the scoring engine
// evaluates the input) minus the engine's trimmed mean of all rater scores of that
// (unit, item); only items with at least two rater scores count, veto items never
// (they carry no points). mean_deviation is signed (positive: more lenient than the
// group), max_deviation the largest absolute one. An item is a disagreement when the
// spread (highest − lowest rater score) exceeds threshold × the item's points. Numbers
// are decimal strings with 2 places; raters in people.csv order, disagreements by
// spread relative to the item's points, largest first.
QJsonObject raterConsistencyReport(SqlConnection &db, const CampaignSetup &setup, const QStringList &unitCodes,
                                   double threshold);

} // namespace onsite::hq
