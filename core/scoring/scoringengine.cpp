#include "scoringengine.h"

#include "scoreinput.h"

#include <algorithm>
#include <map>

namespace onsite {

namespace {

bool isBonusProject(const std::vector<const Indicator *> &items)
{
    return !items.empty() && std::all_of(items.begin(), items.end(), [](const Indicator *item) {
        return item->method() == ScoringMethod::Bonus;
    });
}

// Keeps the latest entry per (account, kind): a re-entered score replaces the old one.
std::vector<const ScoreEntry *> latestPerAccount(const std::vector<const ScoreEntry *> &entries,
                                                 ScoreKind kind)
{
    std::map<QString, const ScoreEntry *> latest;
    for (const ScoreEntry *entry : entries) {
        if (entry->kind != kind)
            continue;
        auto &slot = latest[entry->account];
        if (!slot || slot->recordedAt <= entry->recordedAt)
            slot = entry;
    }
    std::vector<const ScoreEntry *> result;
    for (const auto &[account, entry] : latest)
        result.push_back(entry);
    return result;
}

bool ranksAhead(const UnitResult &a, const UnitResult &b)
{
    if (a.veto != b.veto)
        return !a.veto;
    return a.total > b.total;
}

} // namespace

QString gradeName(Grade grade)
{
    switch (grade) {
    case Grade::Excellent:
        return QStringLiteral("优秀");
    case Grade::Good:
        return QStringLiteral("良好");
    case Grade::Fair:
        return QStringLiteral("一般");
    case Grade::Poor:
        break;
    }
    return QStringLiteral("较差");
}

void assignRanks(std::vector<UnitResult *> &units, int UnitResult::*rankField)
{
    for (UnitResult *unit : units) {
        const auto ahead = std::count_if(units.begin(), units.end(),
                                         [&](const UnitResult *other) { return ranksAhead(*other, *unit); });
        unit->*rankField = static_cast<int>(ahead) + 1;
    }
}

CampaignResults ScoringEngine::compute(const std::vector<ScoreEntry> &entries) const
{
    CampaignResults results;
    for (const Unit &unit : m_setup.units)
        results.units.push_back(computeUnit(unit, entries, results.warnings));

    std::vector<UnitResult *> all;
    std::map<QString, std::vector<UnitResult *>> byCategory;
    for (UnitResult &unit : results.units) {
        all.push_back(&unit);
        byCategory[unit.category].push_back(&unit);
    }
    assignRanks(all, &UnitResult::rank);
    for (auto &[category, members] : byCategory)
        assignRanks(members, &UnitResult::categoryRank);

    std::stable_sort(results.units.begin(), results.units.end(),
                     [](const UnitResult &a, const UnitResult &b) { return a.rank < b.rank; });
    return results;
}

UnitResult ScoringEngine::computeUnit(const Unit &unit, const std::vector<ScoreEntry> &entries,
                                      QStringList &warnings) const
{
    UnitResult result;
    result.unitCode = unit.code;
    result.unitName = unit.name;
    result.category = unit.category;

    std::map<QString, std::vector<const ScoreEntry *>> byIndicator;
    for (const ScoreEntry &entry : entries) {
        if (entry.unitCode == unit.code)
            byIndicator[entry.indicatorCode].push_back(&entry);
    }

    for (const Indicator &project : m_setup.indicators) {
        if (!project.isProject())
            continue;
        const auto items = m_setup.itemsOf(project.code);
        Decimal subtotal;
        for (const Indicator *item : items) {
            ItemResult itemResult = computeItem(unit, *item, byIndicator[item->code], warnings);
            if (itemResult.points)
                subtotal += *itemResult.points;
            else
                ++result.unscoredCount;
            result.veto = result.veto || itemResult.vetoTriggered;
            result.items.push_back(std::move(itemResult));
        }
        if (isBonusProject(items))
            subtotal = Decimal::min(subtotal, project.maxScore);
        result.subtotals.push_back({project.code, subtotal});
        result.exactTotal += subtotal;
    }
    result.total = result.exactTotal.rounded(2);
    result.grade = gradeFor(result.total, result.veto);
    return result;
}

ItemResult ScoringEngine::computeItem(const Unit &unit, const Indicator &item,
                                      const std::vector<const ScoreEntry *> &entries,
                                      QStringList &warnings) const
{
    ItemResult result;
    result.indicatorCode = item.code;

    std::vector<Decimal> raterPoints;
    for (const ScoreEntry *entry : latestPerAccount(entries, ScoreKind::Rater)) {
        const InputEvaluation evaluation = evaluateRaterInput(item, unit.category, entry->input);
        if (!evaluation.value) {
            warnings << QStringLiteral("%1 对 %2 指标 %3 的评分被忽略：%4")
                            .arg(entry->account, unit.code, item.code, evaluation.error);
            continue;
        }
        raterPoints.push_back(evaluation.value->points);
        result.vetoTriggered = result.vetoTriggered || evaluation.value->vetoTriggered;
    }
    result.raterCount = static_cast<int>(raterPoints.size());

    if (!raterPoints.empty()) {
        std::sort(raterPoints.begin(), raterPoints.end());
        auto first = raterPoints.begin();
        auto last = raterPoints.end();
        if (result.raterCount >= m_setup.campaign.trimFromRaters && result.raterCount >= 3) {
            ++first;
            --last;
            result.trimmed = true;
        }
        Decimal sum;
        for (auto it = first; it != last; ++it)
            sum += *it;
        result.points = sum / Decimal(static_cast<int>(last - first));
    }

    const auto finals = latestPerAccount(entries, ScoreKind::Final);
    const ScoreEntry *final = nullptr;
    for (const ScoreEntry *candidate : finals) {
        if (!final || final->recordedAt <= candidate->recordedAt)
            final = candidate;
    }
    if (final) {
        const InputEvaluation evaluation = evaluateFinalInput(item, final->input);
        if (evaluation.value) {
            result.points = evaluation.value->points;
            result.finalValue = true;
            result.vetoTriggered = result.vetoTriggered || evaluation.value->vetoTriggered;
        } else {
            warnings << QStringLiteral("%1 对 %2 指标 %3 的核定被忽略：%4")
                            .arg(final->account, unit.code, item.code, evaluation.error);
        }
    }
    return result;
}

Grade ScoringEngine::gradeFor(const Decimal &total, bool veto) const
{
    const GradeLines &lines = m_setup.campaign.gradeLines;
    if (veto)
        return Grade::Poor;
    if (total >= lines.excellent)
        return Grade::Excellent;
    if (total >= lines.good)
        return Grade::Good;
    if (total >= lines.fair)
        return Grade::Fair;
    return Grade::Poor;
}

} // namespace onsite
