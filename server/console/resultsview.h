#pragma once

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

// The changes between two results documents for the units the caller may see:
// [{"unit","unit_name","field","before","after"}], field one of total, grade, rank,
// category_rank, veto, unscored, submitted, "subtotal:<project>", "item:<indicator>"
// (the item's points; null when unscored). Units in the later document's order.
QJsonArray resultsDiff(const QJsonObject &before, const QJsonObject &after, const ConsoleAccess &access);

} // namespace onsite::console
