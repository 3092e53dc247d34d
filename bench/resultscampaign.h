#pragma once

#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"
#include "store/sqlconnection.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace onsite::bench {

// The shape of a generated results campaign: `units` units × `items` 等次评价 items,
// each scored by `raters` raters of the unit's inspection group, plus one leader's
// final value on every 25th unit (so both aggregation paths are timed).
struct ResultsShape
{
    int units = 100;
    int items = 200;
    int raters = 10;
};

CampaignSetup generateResultsSetup(const ResultsShape &shape);

// Calls `sink` with the score entries in chunks of at most `chunk` (the whole 2M
// never sits in memory at once). Deterministic: the same shape gives the same scores.
void generateResultsScores(const CampaignSetup &setup, const ResultsShape &shape, int chunk,
                           const std::function<void(const std::vector<ScoreEntry> &)> &sink);

// A straightforward reference for the generated campaign, read back from the store
// with plain SQL and computed with the binding rules written out without any
// indexing: per unit the exact total (2 places), then overall rank. Returns the
// problems found comparing it with a results document (empty when they agree).
QStringList checkAgainstReference(SqlConnection &db, const CampaignSetup &setup, const QJsonObject &results);

} // namespace onsite::bench
