#pragma once

#include "domain/campaignsetup.h"
#include "domain/fieldwork.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace onsite::exports {

// Everything an export is made from. The results are the document that
// `onsite-hq results --format json` prints and a published version freezes
// (server/hq/resultsjson.h); findings and highlights are read from the store as they
// are now (they are not versioned).
struct ExportInput
{
    std::shared_ptr<const CampaignSetup> setup;
    QJsonObject results;
    std::optional<int> version; // the published version, or nothing for live results
    QDateTime asOf; // when the version was published, or when live results were computed
    std::vector<Finding> findings;
    std::vector<Highlight> highlights;

    // "第 2 版（2026-07-16 10:00 发布）" or "实时（2026-07-16 10:00 生成，未发布）".
    QString versionLabel() const;
    // Keeps only these units' results, findings and highlights (a leader's group).
    // Ranks stay as computed over every unit.
    void restrictToUnits(const QStringList &unitCodes);
};

// Reads the findings (with their photo counts) and highlights from the store, in
// units.csv order and then by time recorded, and wraps them with the results.
// `setup` must be indexed (CampaignSetup::indexUnits).
ExportInput loadExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                            QJsonObject results, std::optional<int> version, QDateTime asOf);

} // namespace onsite::exports
