#pragma once

#include "domain/campaignsetup.h"
#include "scoring/scoringengine.h"
#include "store/sqlconnection.h"

#include <QJsonObject>
#include <QStringList>

namespace onsite::hq {

// The results document that `onsite-hq results --format json` prints, and that a
// published version (发布) freezes: {"campaign","item_count","units":[…],"warnings"}.
// Numbers are decimal strings with 2 places.
QJsonObject resultsJson(const CampaignSetup &setup, const CampaignResults &results, const QStringList &submittedUnits);

// The same document for the scores HQ holds now.
QJsonObject currentResultsJson(SqlConnection &db, const CampaignSetup &setup);

} // namespace onsite::hq
