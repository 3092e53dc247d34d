#include "raterconsistency.h"

#include "scoring/scoreinput.h"
#include "scoring/scoringengine.h"
#include "store/campaignstore.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <map>

namespace onsite::hq {

namespace {

struct RaterPoints
{
    QString account;
    Decimal points;
};

struct ItemScores
{
    const Unit *unit = nullptr;
    const Indicator *item = nullptr;
    std::vector<RaterPoints> raters;
};

struct Tally
{
    int items = 0;
    Decimal sum;
    Decimal absoluteSum;
    Decimal largest;
};

Decimal absolute(const Decimal &value) { return value < Decimal() ? Decimal() - value : value; }

QString text(const Decimal &value) { return value.toString(2); }

} // namespace

QJsonObject raterConsistencyReport(SqlConnection &db, const CampaignSetup &setup, const QStringList &unitCodes,
                                   double threshold)
{
    const QSet<QString> units(unitCodes.cbegin(), unitCodes.cend());
    std::vector<ScoreEntry> raterEntries;
    for (ScoreEntry &entry : CampaignStore(db).loadScores()) {
        if (entry.kind == ScoreKind::Rater && units.contains(entry.unitCode))
            raterEntries.push_back(std::move(entry));
    }
    // The consensus is exactly what the engine aggregates from rater scores alone
    // (final values left out): the mean, trimmed when enough raters scored.
    const CampaignResults consensus = ScoringEngine(setup).compute(raterEntries);
    QHash<QString, Decimal> trimmedMean; // unit \x1f item
    for (const UnitResult &unit : consensus.units) {
        for (const ItemResult &item : unit.items) {
            if (item.points)
                trimmedMean.insert(unit.unitCode + QChar(0x1F) + item.indicatorCode, *item.points);
        }
    }

    std::map<std::pair<int, int>, ItemScores> byItem; // by (unit position, item position): report order
    QHash<QString, int> unitPosition;
    for (int i = 0; i < static_cast<int>(setup.units.size()); ++i)
        unitPosition.insert(setup.units[static_cast<size_t>(i)].code, i);
    for (const ScoreEntry &entry : raterEntries) {
        const Unit *unit = setup.unit(entry.unitCode);
        const Indicator *item = setup.indicator(entry.indicatorCode);
        if (!unit || !item || item->method() == ScoringMethod::Veto)
            continue;
        const InputEvaluation evaluation = evaluateRaterInput(*item, unit->category, entry.input);
        if (!evaluation.value)
            continue; // the engine leaves it out too, with a warning in the results
        ItemScores &scores = byItem[{unitPosition.value(unit->code), item->position}];
        scores.unit = unit;
        scores.item = item;
        scores.raters.push_back({entry.account, evaluation.value->points});
    }

    const Decimal limitShare = Decimal::parse(QString::number(threshold, 'g', 12)).value_or(Decimal());
    QHash<QString, Tally> tallies;
    struct Disagreement
    {
        Decimal share;
        QJsonObject json;
    };
    std::vector<Disagreement> disagreements;
    for (auto &[position, scores] : byItem) {
        std::vector<RaterPoints> &raters = scores.raters;
        if (raters.size() < 2)
            continue;
        const Unit &unit = *scores.unit;
        const Indicator *item = scores.item;
        const Decimal mean = trimmedMean.value(unit.code + QChar(0x1F) + item->code);
        Decimal low = raters.front().points, high = raters.front().points;
        for (const RaterPoints &rater : raters) {
            const Decimal deviation = rater.points - mean;
            Tally &tally = tallies[rater.account];
            ++tally.items;
            tally.sum += deviation;
            tally.absoluteSum += absolute(deviation);
            tally.largest = std::max(tally.largest, absolute(deviation));
            low = std::min(low, rater.points);
            high = std::max(high, rater.points);
        }
        const Decimal spread = high - low;
        if (item->maxScore.isZero() || !(spread > limitShare * item->maxScore))
            continue;
        QJsonArray who;
        std::sort(raters.begin(), raters.end(), [](const RaterPoints &a, const RaterPoints &b) { return a.points > b.points; });
        for (const RaterPoints &rater : raters) {
            const Person *person = setup.person(rater.account);
            who.append(QJsonObject{{QStringLiteral("account"), rater.account},
                                   {QStringLiteral("name"), person ? person->name : QString()},
                                   {QStringLiteral("points"), text(rater.points)}});
        }
        disagreements.push_back({spread / item->maxScore,
                                 QJsonObject{{QStringLiteral("unit"), unit.code},
                                             {QStringLiteral("unit_name"), unit.name},
                                             {QStringLiteral("indicator"), item->code},
                                             {QStringLiteral("indicator_name"), item->title},
                                             {QStringLiteral("max_points"), text(item->maxScore)},
                                             {QStringLiteral("spread"), text(spread)},
                                             {QStringLiteral("raters"), who}}});
    }
    std::stable_sort(disagreements.begin(), disagreements.end(),
                     [](const Disagreement &a, const Disagreement &b) { return a.share > b.share; });

    QJsonArray raters;
    for (const Person &person : setup.people) {
        const auto tally = tallies.constFind(person.account);
        if (tally == tallies.constEnd())
            continue;
        raters.append(QJsonObject{{QStringLiteral("account"), person.account},
                                  {QStringLiteral("name"), person.name},
                                  {QStringLiteral("group"), person.groupName},
                                  {QStringLiteral("items"), tally->items},
                                  {QStringLiteral("mean_deviation"), text(tally->sum / Decimal(tally->items))},
                                  {QStringLiteral("mean_abs_deviation"), text(tally->absoluteSum / Decimal(tally->items))},
                                  {QStringLiteral("max_deviation"), text(tally->largest)}});
    }
    QJsonArray disagreementJson;
    for (const Disagreement &d : disagreements)
        disagreementJson.append(d.json);
    return {{QStringLiteral("raters"), raters}, {QStringLiteral("disagreements"), disagreementJson}};
}

} // namespace onsite::hq
