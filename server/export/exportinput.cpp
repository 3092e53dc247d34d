#include "exportinput.h"

#include "store/fieldrecordrows.h"
#include "system/beijingtime.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace onsite::exports {

namespace {

// Units in units.csv order, then time recorded: how people read a list per unit.
template <typename Record> void sortByUnit(const CampaignSetup &setup, std::vector<Record> &records)
{
    auto position = [&](const QString &code) {
        return setup.unitPositions.value(code, static_cast<std::size_t>(setup.units.size()));
    };
    std::stable_sort(records.begin(), records.end(), [&](const Record &a, const Record &b) {
        const auto pa = position(a.unitCode);
        const auto pb = position(b.unitCode);
        if (pa != pb)
            return pa < pb;
        return a.recordedAt < b.recordedAt;
    });
}

} // namespace

QString ExportInput::versionLabel() const
{
    if (version)
        return QStringLiteral("第 %1 版（%2 发布）").arg(*version).arg(beijingMinutes(asOf));
    return QStringLiteral("实时（%1 生成，未发布）").arg(beijingMinutes(asOf));
}

void ExportInput::restrictToUnits(const QStringList &unitCodes)
{
    onlyUnits = QSet<QString>(unitCodes.begin(), unitCodes.end());
    QJsonArray kept;
    for (const QJsonValue &unit : results.value(QStringLiteral("units")).toArray()) {
        if (unitCodes.contains(unit.toObject().value(QStringLiteral("unit")).toString()))
            kept.append(unit);
    }
    results.insert(QStringLiteral("units"), kept);
    std::erase_if(findings, [&](const Finding &f) { return !unitCodes.contains(f.unitCode); });
    std::erase_if(highlights, [&](const Highlight &h) { return !unitCodes.contains(h.unitCode); });
}

ExportInput loadExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                            QJsonObject results, std::optional<int> version, QDateTime asOf,
                            std::optional<VersionRecords> versionRecords)
{
    ExportInput input;
    input.setup = std::move(setup);
    input.results = std::move(results);
    input.version = version;
    input.asOf = std::move(asOf);
    if (version && versionRecords) {
        input.findings = std::move(versionRecords->findings);
        input.highlights = std::move(versionRecords->highlights);
        input.recordsReconstructed = versionRecords->rebuilt;
    } else {
        const FieldRecordRows rows(db);
        input.findings = rows.findings();
        input.highlights = rows.highlights();
    }
    sortByUnit(*input.setup, input.findings);
    sortByUnit(*input.setup, input.highlights);
    return input;
}

ExportInput loadLiveExportInput(SqlConnection &db, std::shared_ptr<const CampaignSetup> setup,
                                std::shared_ptr<const CampaignResults> results, const QStringList &submittedUnits,
                                QDateTime asOf)
{
    ExportInput input = loadExportInput(db, std::move(setup), {}, std::nullopt, std::move(asOf));
    input.live = std::move(results);
    input.submittedUnits = QSet<QString>(submittedUnits.begin(), submittedUnits.end());
    return input;
}

} // namespace onsite::exports
