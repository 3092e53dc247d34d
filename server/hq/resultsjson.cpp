#include "resultsjson.h"

#include "store/campaignstore.h"
#include "store/unitsubmissions.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace onsite::hq {

QJsonObject resultsJson(const CampaignSetup &setup, const CampaignResults &results, const QStringList &submittedUnits)
{
    const QSet<QString> submitted(submittedUnits.begin(), submittedUnits.end());
    QJsonArray units;
    for (const UnitResult &unit : results.units) {
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
        units.append(QJsonObject{
            {QStringLiteral("unit"), unit.unitCode},
            {QStringLiteral("unit_name"), unit.unitName},
            {QStringLiteral("category"), unit.category},
            {QStringLiteral("total"), unit.total.toString(2)},
            {QStringLiteral("grade"), gradeName(unit.grade)},
            {QStringLiteral("rank"), unit.rank},
            {QStringLiteral("category_rank"), unit.categoryRank},
            {QStringLiteral("veto"), unit.veto},
            {QStringLiteral("subtotals"), subtotals},
            {QStringLiteral("unscored"), unit.unscoredCount},
            {QStringLiteral("submitted"), submitted.contains(unit.unitCode)},
            {QStringLiteral("items"), items},
        });
    }
    const auto itemCount = std::count_if(setup.indicators.begin(), setup.indicators.end(),
                                         [](const Indicator &i) { return !i.isProject(); });
    return QJsonObject{
        {QStringLiteral("campaign"), setup.campaign.name},
        {QStringLiteral("item_count"), static_cast<int>(itemCount)},
        {QStringLiteral("units"), units},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(results.warnings)},
    };
}

QJsonObject currentResultsJson(SqlConnection &db, const CampaignSetup &setup)
{
    const CampaignResults results = ScoringEngine(setup).compute(CampaignStore(db).loadScoreTable());
    return resultsJson(setup, results, UnitSubmissions(db).lockedUnits());
}

} // namespace onsite::hq
