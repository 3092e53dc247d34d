#pragma once

#include "domain/campaignsetup.h"
#include "scoring/scoringengine.h"
#include "store/sqlconnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace onsite::hq {

// The results document that `onsite-hq results --format json` prints, and that a
// published version (发布) freezes: {"campaign","item_count","units":[…],"warnings"}.
// Numbers are decimal strings with 2 places.
QJsonObject resultsJson(const CampaignSetup &setup, const CampaignResults &results, const QStringList &submittedUnits);

// The parts of that document, for ResultsCache: one unit without its rank and
// submission (which change when other units' scores do), then with them; the whole.
QJsonObject unitResultJson(const UnitResult &unit);
QJsonObject rankedUnitJson(QJsonObject unitJson, const UnitResult &unit, bool submitted);
QJsonObject resultsDocument(const CampaignSetup &setup, QJsonArray units, const QStringList &warnings);

// The same document for the scores HQ holds now, computed afresh (the command line;
// a serving HQ asks its ResultsCache).
QJsonObject currentResultsJson(SqlConnection &db, const CampaignSetup &setup);

} // namespace onsite::hq
