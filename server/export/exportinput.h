#pragma once

#include "domain/campaignsetup.h"
#include "domain/fieldwork.h"
#include "scoring/scoringengine.h"
#include "store/sqlconnection.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace onsite::exports {

// Everything an export is made from. The results are either the document that
// `onsite-hq results --format json` prints and a published version freezes
// (server/hq/resultsjson.h), or, for live results, the engine's ranked results as HQ
// keeps them (read without the round trip through JSON). Findings and highlights are
// those frozen with a published version, or for live results the store's as they are now.
struct ExportInput
{
    std::shared_ptr<const CampaignSetup> setup;
    QJsonObject results; // a results document; empty when `live` is set
    std::optional<int> version; // the published version, or nothing for live results
    QDateTime asOf; // when the version was published, or when live results were computed
    std::vector<Finding> findings;
    std::vector<Highlight> highlights;
    // A version published before records were frozen with it: its findings and highlights
    // were rebuilt from the change feed as of its publication (hq::ResultVersions::records).
    bool recordsReconstructed = false;
    std::shared_ptr<const CampaignResults> live; // live results, ranked
    QSet<QString> submittedUnits;                // with `live`: the units submitted now
    std::optional<QSet<QString>> onlyUnits;      // with `live`: set by restrictToUnits

    // "第 2 版（2026-07-16 10:00 发布）" or "实时（2026-07-16 10:00 生成，未发布）".
    QString versionLabel() const;
    // Keeps only these units' results, findings and highlights (a leader's group).
    // Ranks stay as computed over every unit.
    void restrictToUnits(const QStringList &unitCodes);
};

// A published version's findings and highlights (hq::ResultVersions::records); `rebuilt`
// when they came from the change feed rather than frozen with the version.
struct VersionRecords
{
    std::vector<Finding> findings;
    std::vector<Highlight> highlights;
    bool rebuilt = false;
};

// Wraps the results with their findings (photos: those HQ holds) and highlights, in
// units.csv order and then by time recorded: a published `version`'s `versionRecords`, or
// without them the store's records as they are now (FieldRecordRows). `setup` must be
// indexed (CampaignSetup::indexUnits).
ExportInput loadExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                            QJsonObject results, std::optional<int> version, QDateTime asOf,
                            std::optional<VersionRecords> versionRecords = std::nullopt);
// The same for live results: the engine's ranked results and the units submitted now.
ExportInput loadLiveExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                                std::shared_ptr<const CampaignResults> results, const QStringList &submittedUnits,
                                QDateTime asOf);

} // namespace onsite::exports
