#include "scoringengine.h"

#include "scoreinput.h"
#include "system/parallel.h"

#include <QHash>

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <unordered_map>

namespace onsite {

namespace {

// Below this many entries one thread computes every unit: a thread costs more.
constexpr std::size_t kParallelRows = 100000;

bool isBonusProject(const std::vector<const Indicator *> &items)
{
    return !items.empty() && std::all_of(items.begin(), items.end(), [](const Indicator *item) {
        return item->method() == ScoringMethod::Bonus;
    });
}

bool ranksAhead(const UnitResult &a, const UnitResult &b)
{
    if (a.veto != b.veto)
        return !a.veto;
    return a.total > b.total;
}

// Dense ids for a list of codes, first occurrence wins (codes are unique in a valid set-up).
struct CodeIndex
{
    QHash<QString, int> ids;
    void add(const QString &code)
    {
        if (!ids.contains(code))
            ids.insert(code, static_cast<int>(ids.size()));
    }
    int find(const QString &code) const { return ids.value(code, -1); }
};

// The table's row positions grouped by (unit, item) with one counting sort; within a
// group they keep the table's order, which decides ties on recordedAt.
class Buckets
{
public:
    Buckets(const ScoreTable &table, const CodeIndex &units, const CodeIndex &items)
        : m_itemCount(static_cast<std::size_t>(items.ids.size()))
    {
        std::vector<int> unitOf(table.units().size());
        for (qsizetype i = 0; i < table.units().size(); ++i)
            unitOf[i] = units.find(table.units()[i]);
        std::vector<int> itemOf(table.indicators().size());
        for (qsizetype i = 0; i < table.indicators().size(); ++i)
            itemOf[i] = items.find(table.indicators()[i]);
        m_starts.assign(static_cast<std::size_t>(units.ids.size()) * m_itemCount + 1, 0);
        std::vector<std::size_t> bucketOf(table.size(), kNone);
        for (std::size_t p = 0; p < table.size(); ++p) {
            const ScoreTable::Row &row = table.row(p);
            if (unitOf[row.unit] < 0 || itemOf[row.indicator] < 0)
                continue; // not a unit or item of this campaign: no result reads it
            bucketOf[p] = unitOf[row.unit] * m_itemCount + itemOf[row.indicator];
            ++m_starts[bucketOf[p] + 1];
        }
        for (std::size_t b = 1; b < m_starts.size(); ++b)
            m_starts[b] += m_starts[b - 1];
        m_positions.resize(m_starts.back());
        std::vector<quint32> fill(m_starts.begin(), m_starts.end() - 1);
        for (std::size_t p = 0; p < table.size(); ++p) {
            if (bucketOf[p] != kNone)
                m_positions[fill[bucketOf[p]]++] = static_cast<quint32>(p);
        }
    }

    std::pair<const quint32 *, const quint32 *> of(int unit, int item) const
    {
        const std::size_t b = static_cast<std::size_t>(unit) * m_itemCount + item;
        return {m_positions.data() + m_starts[b], m_positions.data() + m_starts[b + 1]};
    }

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t m_itemCount;
    std::vector<quint32> m_starts;
    std::vector<quint32> m_positions;
};

// An evaluated input, with its points as a small fraction when they fit in 64 bits
// (they nearly always do: M × a level's fraction). Sorting and averaging then run on
// integers instead of normalising a rational at every step; the mean is built as one
// rational at the end, so it is the same exact value.
struct Evaluated
{
    InputEvaluation evaluation;
    qint64 num = 0;
    qint64 den = 0; // 0: not small, use the Decimal

    explicit Evaluated(InputEvaluation e) : evaluation(std::move(e))
    {
        if (!evaluation.value)
            return;
        using boost::multiprecision::cpp_int;
        const cpp_int n = boost::multiprecision::numerator(evaluation.value->points.value());
        const cpp_int d = boost::multiprecision::denominator(evaluation.value->points.value());
        const cpp_int limit = cpp_int(1) << 40;
        if (n < limit && -n < limit && d < (cpp_int(1) << 20)) {
            num = n.convert_to<qint64>();
            den = d.convert_to<qint64>();
        }
    }
    const Decimal &points() const { return evaluation.value->points; }
};

bool pointsBefore(const Evaluated *a, const Evaluated *b)
{
    if (a == b)
        return false;
    if (a->den && b->den)
        return a->num * b->den < b->num * a->den; // |num| < 2^40, den < 2^20: no overflow
    return a->points() < b->points();
}

__extension__ typedef __int128 Int128; // GCC and Clang have it; -Wpedantic does not know it

// The mean of [first, last): exact, through integers when every value is small.
Decimal meanOf(const Evaluated *const *first, const Evaluated *const *last)
{
    const auto count = static_cast<qint64>(last - first);
    constexpr Int128 kLimit = static_cast<Int128>(1) << 62;
    Int128 common = 1;
    bool small = true;
    for (auto it = first; small && it != last; ++it) {
        small = (*it)->den != 0;
        if (small) {
            common = std::lcm(static_cast<qint64>(common), (*it)->den);
            small = common < kLimit / (count + 1);
        }
    }
    if (small) {
        Int128 sum = 0;
        for (auto it = first; small && it != last; ++it) {
            sum += static_cast<Int128>((*it)->num) * (common / (*it)->den);
            small = sum < kLimit && -sum < kLimit;
        }
        if (small)
            return Decimal::fraction(static_cast<qint64>(sum), static_cast<qint64>(common * count));
    }
    Decimal sum;
    for (auto it = first; it != last; ++it)
        sum += (*it)->points();
    return sum / Decimal(static_cast<int>(count));
}

// Computes one (unit, item) from its rows; each distinct (item, input, kind) — and
// category, for threshold items — is evaluated once and shared.
class ItemComputer
{
public:
    ItemComputer(const CampaignSetup &setup, const ScoreTable &table, std::size_t itemCount)
        : m_setup(setup), m_table(table), m_cache(itemCount)
    {
        // Accounts in QString order: the order the entries of one item are read in.
        std::vector<int> order(table.accounts().size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<int>(i);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return table.accounts()[a] < table.accounts()[b]; });
        m_accountRank.resize(order.size());
        for (std::size_t r = 0; r < order.size(); ++r)
            m_accountRank[order[r]] = static_cast<int>(r);
    }

    ItemResult compute(const Unit &unit, int category, const Indicator &item, int itemId,
                       std::pair<const quint32 *, const quint32 *> rows, QStringList &warnings)
    {
        ItemResult result;
        result.indicatorCode = item.code;

        // Member buffers: an item's few rows would otherwise cost several allocations each.
        std::vector<const Evaluated *> &raterPoints = m_raterPoints;
        raterPoints.clear();
        for (quint32 p : latestPerAccount(rows, ScoreKind::Rater, m_latestRaters)) {
            const Evaluated &evaluated = evaluate(unit, category, item, itemId, p);
            const InputEvaluation &evaluation = evaluated.evaluation;
            if (!evaluation.value) {
                warnings << QStringLiteral("%1 对 %2 指标 %3 的评分被忽略：%4")
                                .arg(account(p), unit.code, item.code, evaluation.error);
                continue;
            }
            raterPoints.push_back(&evaluated);
            result.vetoTriggered = result.vetoTriggered || evaluation.value->vetoTriggered;
        }
        result.raterCount = static_cast<int>(raterPoints.size());

        if (!raterPoints.empty()) {
            std::sort(raterPoints.begin(), raterPoints.end(), pointsBefore);
            const Evaluated *const *first = raterPoints.data();
            const Evaluated *const *last = first + raterPoints.size();
            if (result.raterCount >= m_setup.campaign.trimFromRaters && result.raterCount >= 3) {
                ++first;
                --last;
                result.trimmed = true;
            }
            result.points = meanOf(first, last);
        }

        // The latest final value of any account; on equal times the account last in order.
        const quint32 *final = nullptr;
        const std::vector<quint32> &finals = latestPerAccount(rows, ScoreKind::Final, m_latestFinals);
        for (const quint32 &candidate : finals) {
            if (!final || m_table.row(*final).recordedAt <= m_table.row(candidate).recordedAt)
                final = &candidate;
        }
        if (final) {
            const InputEvaluation &evaluation = evaluate(unit, category, item, itemId, *final).evaluation;
            if (evaluation.value) {
                result.points = evaluation.value->points;
                result.finalValue = true;
                result.vetoTriggered = result.vetoTriggered || evaluation.value->vetoTriggered;
            } else {
                warnings << QStringLiteral("%1 对 %2 指标 %3 的核定被忽略：%4")
                                .arg(account(*final), unit.code, item.code, evaluation.error);
            }
        }
        return result;
    }

private:
    const QString &account(quint32 position) const { return m_table.accounts()[m_table.row(position).account]; }

    // The latest row per account of one kind (a re-entered score replaces the old one),
    // in account order, into `latest`.
    const std::vector<quint32> &latestPerAccount(std::pair<const quint32 *, const quint32 *> rows, ScoreKind kind,
                                                 std::vector<quint32> &latest)
    {
        std::vector<quint32> &own = m_own;
        own.clear();
        for (const quint32 *p = rows.first; p != rows.second; ++p) {
            if (m_table.kind(*p) == kind)
                own.push_back(*p);
        }
        // Positions ascend within a bucket, so a stable sort keeps table order per account.
        // An item has a few raters: an insertion sort (stable) needs no buffer.
        const auto before = [&](quint32 a, quint32 b) {
            return m_accountRank[m_table.row(a).account] < m_accountRank[m_table.row(b).account];
        };
        constexpr std::size_t kInsertionSortAtMost = 32;
        if (own.size() <= kInsertionSortAtMost) {
            for (std::size_t i = 1; i < own.size(); ++i) {
                const quint32 moving = own[i];
                std::size_t j = i;
                for (; j > 0 && before(moving, own[j - 1]); --j)
                    own[j] = own[j - 1];
                own[j] = moving;
            }
        } else {
            std::stable_sort(own.begin(), own.end(), before);
        }
        latest.clear();
        for (quint32 p : own) {
            if (!latest.empty() && m_table.row(latest.back()).account == m_table.row(p).account) {
                if (m_table.row(latest.back()).recordedAt <= m_table.row(p).recordedAt)
                    latest.back() = p;
            } else {
                latest.push_back(p);
            }
        }
        return latest;
    }

    const Evaluated &evaluate(const Unit &unit, int category, const Indicator &item, int itemId, quint32 p)
    {
        const bool final = m_table.kind(p) == ScoreKind::Final;
        // Only a threshold rater input depends on the unit's category.
        const bool byCategory = !final && item.method() == ScoringMethod::Threshold;
        const quint64 key = (quint64(final) << 63) | (quint64(byCategory ? category + 1 : 0) << 32)
                            | quint32(m_table.row(p).input);
        auto &cache = m_cache[itemId];
        const auto it = cache.find(key);
        if (it != cache.end())
            return m_evaluations[it->second];
        const QString &input = m_table.inputs()[m_table.row(p).input];
        m_evaluations.emplace_back(final ? evaluateFinalInput(item, input)
                                         : evaluateRaterInput(item, unit.category, input));
        cache.emplace(key, m_evaluations.size() - 1);
        return m_evaluations.back();
    }

    const CampaignSetup &m_setup;
    const ScoreTable &m_table;
    std::vector<int> m_accountRank;
    std::vector<std::unordered_map<quint64, std::size_t>> m_cache; // per item id
    std::deque<Evaluated> m_evaluations;                           // stable addresses
    std::vector<quint32> m_own;
    std::vector<quint32> m_latestRaters;
    std::vector<quint32> m_latestFinals;
    std::vector<const Evaluated *> m_raterPoints;
};

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
    // A unit's rank is 1 + the units strictly ahead of it: sort once, then each run of
    // equals shares the position of its first member.
    std::vector<UnitResult *> sorted = units;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const UnitResult *a, const UnitResult *b) { return ranksAhead(*a, *b); });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const bool tied = i > 0 && !ranksAhead(*sorted[i - 1], *sorted[i]);
        sorted[i]->*rankField = tied ? sorted[i - 1]->*rankField : static_cast<int>(i) + 1;
    }
}

CampaignResults ScoringEngine::compute(const std::vector<ScoreEntry> &entries) const
{
    return compute(ScoreTable::fromEntries(entries));
}

CampaignResults ScoringEngine::compute(const ScoreTable &table) const
{
    return rankResults(computeUnits(table));
}

std::vector<UnitResult> ScoringEngine::computeUnits(const ScoreTable &table, const QSet<QString> &only) const
{
    // Projects in file order with their items, as the totals are summed.
    std::vector<std::pair<const Indicator *, std::vector<const Indicator *>>> projects;
    CodeIndex itemIds;
    for (const Indicator &project : m_setup.indicators) {
        if (!project.isProject())
            continue;
        projects.emplace_back(&project, m_setup.itemsOf(project.code));
        for (const Indicator *item : projects.back().second)
            itemIds.add(item->code);
    }
    // Each item's id, in the projects' order: looked up once, not once per unit.
    std::vector<int> itemIdInOrder;
    for (const auto &[project, projectItems] : projects) {
        for (const Indicator *item : projectItems)
            itemIdInOrder.push_back(itemIds.find(item->code));
    }
    CodeIndex categories;
    std::vector<const Unit *> selected;
    for (const Unit &unit : m_setup.units) {
        if (only.isEmpty() || only.contains(unit.code))
            selected.push_back(&unit);
        categories.add(unit.category);
    }

    // Units are independent: large tables are computed in slices of units on several
    // threads (the first results request of a campaign with millions of entries), each
    // slice with its own buckets and evaluations, every result in its set-up position.
    std::vector<UnitResult> units(selected.size());
    const std::size_t slicesAtMost = table.size() >= kParallelRows ? 4 : 1;
    forEachSlice(selected.size(), 1, [&](std::size_t begin, std::size_t end) {
        CodeIndex unitIds;
        for (std::size_t i = begin; i < end; ++i)
            unitIds.add(selected[i]->code);
        const Buckets buckets(table, unitIds, itemIds);
        ItemComputer items(m_setup, table, static_cast<std::size_t>(itemIds.ids.size()));
        for (std::size_t i = begin; i < end; ++i) {
            const Unit &unit = *selected[i];
            const int unitId = unitIds.find(unit.code);
            UnitResult &result = units[i];
            result.unitCode = unit.code;
            result.unitName = unit.name;
            result.category = unit.category;
            const int category = categories.find(unit.category);
            result.items.reserve(itemIdInOrder.size());
            const int *itemId = itemIdInOrder.data();
            for (const auto &[project, projectItems] : projects) {
                Decimal subtotal;
                for (const Indicator *item : projectItems) {
                    ItemResult itemResult =
                        items.compute(unit, category, *item, *itemId, buckets.of(unitId, *itemId), result.warnings);
                    ++itemId;
                    if (itemResult.points)
                        subtotal += *itemResult.points;
                    else
                        ++result.unscoredCount;
                    result.veto = result.veto || itemResult.vetoTriggered;
                    result.items.push_back(std::move(itemResult));
                }
                if (isBonusProject(projectItems))
                    subtotal = Decimal::min(subtotal, project->maxScore);
                result.subtotals.push_back({project->code, subtotal});
                result.exactTotal += subtotal;
            }
            result.total = result.exactTotal.rounded(2);
            result.grade = gradeFor(result.total, result.veto);
        }
    }, slicesAtMost);
    return units;
}

CampaignResults rankResults(std::vector<UnitResult> units)
{
    CampaignResults results;
    for (const UnitResult &unit : units)
        results.warnings << unit.warnings;
    results.units = std::move(units);

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
