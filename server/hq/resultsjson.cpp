#include "resultsjson.h"

#include "store/campaignstore.h"
#include "store/unitsubmissions.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace onsite::hq {

QJsonObject unitResultJson(const UnitResult &unit)
{
    QJsonObject subtotals;
    for (const ProjectSubtotal &subtotal : unit.subtotals)
        subtotals.insert(subtotal.projectCode, subtotal.subtotal.toString(2));
    QJsonArray items;
    for (const ItemResult &item : unit.items) {
        items.append(QJsonObject{
            {QStringLiteral("indicator"), item.indicatorCode},
            {QStringLiteral("points"), item.points ? QJsonValue(item.points->toString(2)) : QJsonValue()},
            {QStringLiteral("raters"), item.raterCount},
            {QStringLiteral("trimmed"), item.trimmed},
            {QStringLiteral("final_value"), item.finalValue},
            {QStringLiteral("veto"), item.vetoTriggered},
        });
    }
    return QJsonObject{
        {QStringLiteral("unit"), unit.unitCode},
        {QStringLiteral("unit_name"), unit.unitName},
        {QStringLiteral("category"), unit.category},
        {QStringLiteral("total"), unit.total.toString(2)},
        {QStringLiteral("grade"), gradeName(unit.grade)},
        {QStringLiteral("veto"), unit.veto},
        {QStringLiteral("subtotals"), subtotals},
        {QStringLiteral("unscored"), unit.unscoredCount},
        {QStringLiteral("items"), items},
    };
}

QJsonObject rankedUnitJson(QJsonObject unitJson, const UnitResult &unit, bool submitted)
{
    unitJson.insert(QStringLiteral("rank"), unit.rank);
    unitJson.insert(QStringLiteral("category_rank"), unit.categoryRank);
    unitJson.insert(QStringLiteral("submitted"), submitted);
    return unitJson;
}

QJsonObject resultsDocument(const CampaignSetup &setup, QJsonArray units, const QStringList &warnings)
{
    const auto itemCount = std::count_if(setup.indicators.begin(), setup.indicators.end(),
                                         [](const Indicator &i) { return !i.isProject(); });
    return QJsonObject{
        {QStringLiteral("campaign"), setup.campaign.name},
        {QStringLiteral("item_count"), static_cast<int>(itemCount)},
        {QStringLiteral("units"), units},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
    };
}

QJsonObject resultsJson(const CampaignSetup &setup, const CampaignResults &results, const QStringList &submittedUnits)
{
    const QSet<QString> submitted(submittedUnits.begin(), submittedUnits.end());
    QJsonArray units;
    for (const UnitResult &unit : results.units)
        units.append(rankedUnitJson(unitResultJson(unit), unit, submitted.contains(unit.unitCode)));
    return resultsDocument(setup, units, results.warnings);
}

QJsonObject currentResultsJson(SqlConnection &db, const CampaignSetup &setup)
{
    const CampaignResults results = ScoringEngine(setup).compute(CampaignStore(db).loadScoreTable());
    return resultsJson(setup, results, UnitSubmissions(db).lockedUnits());
}

} // namespace onsite::hq
