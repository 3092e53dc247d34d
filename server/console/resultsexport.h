#pragma once

#include "export/exportinput.h"
#include "hq/resultscache.h"
#include "store/sqlconnection.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace onsite::console {

// What a results, findings or report export is made from, as the console serves it
// (GET /api/v1/hq/exports/…): a published version's frozen document, or the live results
// the cache keeps between requests. Nothing when that version was never published.
// Shared with the results benchmark, so it times what the console does.
std::optional<exports::ExportInput> resultsExportInput(SqlConnection &db, hq::ResultsCache &cache,
                                                       std::shared_ptr<const CampaignSetup> setup,
                                                       std::optional<int> version, const QDateTime &now);

} // namespace onsite::console
