#include "resultsexport.h"

#include "hq/resultversions.h"
#include "store/unitsubmissions.h"

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
        auto records = versions.records(*version);
        if (!records)
            return std::nullopt;
        return exports::loadExportInput(
            db, std::move(setup), std::move(*document), version, info->publishedAt,
            exports::VersionRecords{std::move(records->findings), std::move(records->highlights),
                                    !records->frozen});
    }
    // Live: the cache's ranked results as they are, without building the JSON document.
    const QStringList submitted = UnitSubmissions(db).lockedUnits();
    auto results = cache.current(db, *setup);
    return exports::loadLiveExportInput(db, std::move(setup), std::move(results), submitted, now);
}

} // namespace onsite::console
