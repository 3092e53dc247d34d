#pragma once

#include "hq/resultscache.h"
#include "policy/consoleaccess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace onsite::console {

// GET /api/v1/hq/results: a results document (live or a published version, see
// hq/resultsjson.h) as the console shows it: {"version","published_at","projects",
// "units":[…]} with the units the caller may see (ranks stay campaign-wide).
QJsonObject resultsView(const CampaignSetup &setup, const ConsoleAccess &access, const QJsonObject &document,
                        std::optional<int> version, const QDateTime &publishedAt);

// The same view of the live results, written straight from the cache's bytes: what
// QJsonDocument(resultsView(setup, access, cache.currentJson(…), {}, {})).toJson(Compact)
// gives, without building and parsing 20 MB of objects at 1,000 units × 200 items.
QByteArray liveResultsViewJson(const CampaignSetup &setup, const ConsoleAccess &access, hq::ResultsCache &cache,
                               SqlConnection &db);

// The changes between two results documents for the units the caller may see:
// [{"unit","unit_name","field","before","after"}], field one of total, grade, rank,
// category_rank, veto, unscored, submitted, "subtotal:<project>", "item:<indicator>"
// (the item's points; null when unscored). Units in the later document's order.
QJsonArray resultsDiff(const QJsonObject &before, const QJsonObject &after, const ConsoleAccess &access);

} // namespace onsite::console
