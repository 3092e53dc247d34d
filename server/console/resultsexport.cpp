#include "resultsexport.h"

#include "hq/resultversions.h"

namespace onsite::console {

std::optional<exports::ExportInput> resultsExportInput(SqlConnection &db, hq::ResultsCache &cache,
                                                       std::shared_ptr<const CampaignSetup> setup,
                                                       std::optional<int> version, const QDateTime &now)
{
    if (version) {
        hq::ResultVersions versions(db);
        const auto info = versions.info(*version);
        auto document = versions.load(*version);
        if (!info || !document)
            return std::nullopt;
        return exports::loadExportInput(db, std::move(setup), std::move(*document), version, info->publishedAt);
    }
    const QJsonObject results = cache.currentJson(db, *setup);
    return exports::loadExportInput(db, std::move(setup), results, std::nullopt, now);
}

} // namespace onsite::console
