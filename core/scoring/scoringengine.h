#pragma once

#include "decimal.h"
#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"
#include "scoretable.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace onsite {

struct ItemResult
{
    QString indicatorCode;
    std::optional<Decimal> points; // empty: not scored (未评), counts as 0
    int raterCount = 0;
    bool trimmed = false;    // highest and lowest rater scores were dropped
    bool finalValue = false; // a leader's final value replaced the aggregate
    bool vetoTriggered = false;
};

struct ProjectSubtotal
{
    QString projectCode;
    Decimal subtotal; // exact; the bonus project is already capped at its score
};

enum class Grade { Excellent, Good, Fair, Poor }; // 优秀 / 良好 / 一般 / 较差
QString gradeName(Grade grade);

struct UnitResult
{
    QString unitCode;
    QString unitName;
    QString category;
    std::vector<ItemResult> items;
    std::vector<ProjectSubtotal> subtotals;
    Decimal exactTotal;
    Decimal total; // rounded half away from zero to 2 decimals; ranks use this
    Grade grade = Grade::Poor;
    bool veto = false;
    int rank = 0;
    int categoryRank = 0;
    int unscoredCount = 0;
    QStringList warnings; // this unit's entries that could not be evaluated
};

struct CampaignResults
{
    std::vector<UnitResult> units; // by rank; equal ranks keep units.csv order
    QStringList warnings;          // entries that could not be evaluated and were left out
};

// Computes totals, ranks and grades exactly as DOMAIN.md §Scoring binds them.
// Linear in the number of entries: they are bucketed by (unit, item) once, and each
// distinct input of an item is evaluated once (HQ holds millions of entries, most of
// them one of a few level names).
class ScoringEngine
{
public:
    explicit ScoringEngine(const CampaignSetup &setup) : m_setup(setup) {}

    // Where entries disagree for one (account, kind) of an item, the latest recordedAt
    // wins, and on equal times the later one in the vector (or table).
    CampaignResults compute(const std::vector<ScoreEntry> &entries) const;
    CampaignResults compute(const ScoreTable &table) const;

    // The results of the set-up's units whose codes are in `only` (every unit when it is
    // empty), in set-up order and not ranked; rows of other units are ignored. HQ keeps
    // the results of the units no write touched and recomputes only the others.
    std::vector<UnitResult> computeUnits(const ScoreTable &table, const QSet<QString> &only = {}) const;

private:
    Grade gradeFor(const Decimal &total, bool veto) const;

    const CampaignSetup &m_setup;
};

// Assigns shared competition ranks (1, 2, 2, 4): vetoed units after all others, then
// by rounded total, highest first. `rankOf` receives each unit's rank.
void assignRanks(std::vector<UnitResult *> &units, int UnitResult::*rankField);

// Results from unranked unit results in set-up order: the warnings in that order, ranks
// overall and within each category, units ordered by rank.
CampaignResults rankResults(std::vector<UnitResult> units);

} // namespace onsite
