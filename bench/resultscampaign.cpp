#include "resultscampaign.h"

#include <QJsonArray>

#include <algorithm>
#include <map>

namespace onsite::bench {

namespace {

const char16_t *const kLevels[] = {u"好", u"较好", u"一般", u"差"};
const QString kRule = QStringLiteral("好:1;较好:0.8;一般:0.6;差:0.3");
const char16_t *const kCategories[] = {u"城区", u"川区县", u"山区县"};
constexpr int kItemsPerProject = 20;
constexpr int kUnitsPerGroup = 50;

QString unitCode(int u) { return QStringLiteral("U%1").arg(u + 1, 5, 10, QLatin1Char('0')); }
QString raterAccount(int group, int r) { return QStringLiteral("g%1.r%2").arg(group + 1).arg(r + 1); }

// A fixed pseudo-random stream (splitmix64): the same shape always gives the same scores.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace

CampaignSetup generateResultsSetup(const ResultsShape &shape)
{
    CampaignSetup setup;
    setup.campaign.id = QStringLiteral("00000000-0000-4000-8000-000000000001");
    setup.campaign.name = QStringLiteral("结果基准 %1×%2×%3").arg(shape.units).arg(shape.items).arg(shape.raters);
    setup.campaign.startDate = QDate(2026, 5, 1);
    setup.campaign.endDate = QDate(2026, 6, 30);
    setup.campaign.trimFromRaters = 5;
    // Each item scores 1, so a unit's total is at most `items`; lines at 90/80/60 %.
    setup.campaign.gradeLines = GradeLines{Decimal(shape.items * 9) / Decimal(10), Decimal(shape.items * 8) / Decimal(10),
                                           Decimal(shape.items * 6) / Decimal(10)};
    for (int u = 0; u < shape.units; ++u)
        setup.units.push_back(Unit{unitCode(u), QStringLiteral("单位%1").arg(u + 1), QString::fromUtf16(kCategories[u % 3])});
    int position = 0;
    for (int i = 0; i < shape.items; ++i) {
        const int project = i / kItemsPerProject + 1;
        if (i % kItemsPerProject == 0) {
            Indicator p;
            p.code = QString::number(project);
            p.title = QStringLiteral("项目%1").arg(project);
            p.maxScore = Decimal(std::min(kItemsPerProject, shape.items - i));
            p.position = position++;
            setup.indicators.push_back(p);
        }
        Indicator item;
        item.code = QStringLiteral("%1.%2").arg(project).arg(i % kItemsPerProject + 1);
        item.parentCode = QString::number(project);
        item.title = QStringLiteral("小项%1").arg(item.code);
        item.maxScore = Decimal(1);
        item.ruleText = kRule;
        item.rule = parseScoringRule(ScoringMethod::Graded, kRule, item.maxScore).rule;
        item.position = position++;
        setup.indicators.push_back(item);
    }
    const int groups = (shape.units + kUnitsPerGroup - 1) / kUnitsPerGroup;
    for (int g = 0; g < groups; ++g) {
        InspectionGroup group{QStringLiteral("第%1组").arg(g + 1), {}};
        for (int u = g * kUnitsPerGroup; u < std::min(shape.units, (g + 1) * kUnitsPerGroup); ++u)
            group.unitCodes << unitCode(u);
        setup.groups.push_back(group);
        for (int r = 0; r < shape.raters; ++r) {
            setup.people.push_back(Person{raterAccount(g, r), QStringLiteral("评委%1-%2").arg(g + 1).arg(r + 1),
                                          r == 0 ? Role::Leader : Role::Inspector, QString(), group.name});
        }
    }
    setup.indexUnits();
    return setup;
}

void generateResultsScores(const CampaignSetup &setup, const ResultsShape &shape, int chunk,
                           const std::function<void(const std::vector<ScoreEntry> &)> &sink)
{
    const QDateTime start(QDate(2026, 5, 10), QTime(8, 0), Qt::UTC);
    std::vector<const Indicator *> items;
    for (const Indicator &indicator : setup.indicators) {
        if (!indicator.isProject())
            items.push_back(&indicator);
    }
    std::vector<ScoreEntry> batch;
    batch.reserve(chunk);
    quint64 serial = 0;
    auto flush = [&] {
        if (!batch.empty())
            sink(batch);
        batch.clear();
    };
    for (int u = 0; u < shape.units; ++u) {
        const Unit &unit = setup.units[u];
        const int group = u / kUnitsPerGroup;
        // A unit-wide bias so totals spread out and ranks are not all equal.
        const quint64 bias = mix(u) % 3;
        for (const Indicator *item : items) {
            for (int r = 0; r < shape.raters; ++r) {
                ++serial;
                const quint64 draw = mix(serial * 7919 + u);
                const int level = static_cast<int>(std::min<quint64>(3, (draw % 4 + bias) / 2));
                const QString id = QStringLiteral("%1-0000-4000-8000-%2")
                                       .arg(mix(serial) & 0xFFFFFFFFu, 8, 16, QLatin1Char('0'))
                                       .arg(serial, 12, 16, QLatin1Char('0'));
                batch.push_back(ScoreEntry{id, unit.code, item->code, raterAccount(group, r), ScoreKind::Rater,
                                           QString::fromUtf16(kLevels[level]), QString(),
                                           start.addSecs(static_cast<qint64>(serial % 864000)), QStringLiteral("paper")});
                if (static_cast<int>(batch.size()) >= chunk)
                    flush();
            }
            if (u % 25 == 0 && item == items.front()) {
                ++serial;
                batch.push_back(ScoreEntry{QStringLiteral("f-%1").arg(serial), unit.code, item->code,
                                           raterAccount(group, 0), ScoreKind::Final, QStringLiteral("0.75"),
                                           QStringLiteral("现场复核"), start.addDays(20), QStringLiteral("paper")});
            }
        }
    }
    flush();
}

QStringList checkAgainstReference(SqlConnection &db, const CampaignSetup &setup, const QJsonObject &results)
{
    // (unit, item) → rater points and the final value, straight from the table.
    std::map<std::pair<QString, QString>, std::vector<Decimal>> raters;
    std::map<std::pair<QString, QString>, Decimal> finals;
    for (const SqlRow &r : db.query(QStringLiteral("SELECT unit_code, indicator_code, kind, input FROM score_entries"))) {
        const Indicator *item = setup.indicator(r[1].toString());
        const auto key = std::make_pair(r[0].toString(), r[1].toString());
        if (r[2].toString() == QLatin1String("final")) {
            finals[key] = *Decimal::parse(r[3].toString());
            continue;
        }
        for (const NamedPoints &level : std::get<GradedRule>(item->rule->data).levels) {
            if (level.name == r[3].toString())
                raters[key].push_back(item->maxScore * level.points);
        }
    }
    std::map<QString, Decimal> totals;
    for (const Unit &unit : setup.units) {
        Decimal total;
        for (const Indicator &item : setup.indicators) {
            if (item.isProject())
                continue;
            const auto key = std::make_pair(unit.code, item.code);
            std::vector<Decimal> points = raters[key];
            std::sort(points.begin(), points.end());
            if (points.size() >= static_cast<size_t>(setup.campaign.trimFromRaters) && points.size() >= 3)
                points = std::vector<Decimal>(points.begin() + 1, points.end() - 1);
            Decimal sum;
            for (const Decimal &p : points)
                sum += p;
            if (finals.count(key))
                total += finals[key];
            else if (!points.empty())
                total += sum / Decimal(static_cast<int>(points.size()));
        }
        totals[unit.code] = total.rounded(2);
    }

    QStringList problems;
    const QJsonArray units = results.value(QStringLiteral("units")).toArray();
    if (units.size() != static_cast<qsizetype>(setup.units.size()))
        problems << QStringLiteral("%1 units in the results, %2 in the campaign").arg(units.size()).arg(setup.units.size());
    for (const QJsonValue &value : units) {
        const QJsonObject unit = value.toObject();
        const QString code = unit.value(QStringLiteral("unit")).toString();
        const QString expected = totals[code].toString(2);
        if (unit.value(QStringLiteral("total")).toString() != expected)
            problems << QStringLiteral("%1: total %2, reference %3").arg(code, unit.value(QStringLiteral("total")).toString(), expected);
        int ahead = 0;
        for (const auto &[other, total] : totals)
            ahead += total > totals[code] ? 1 : 0;
        if (unit.value(QStringLiteral("rank")).toInt() != ahead + 1)
            problems << QStringLiteral("%1: rank %2, reference %3").arg(code).arg(unit.value(QStringLiteral("rank")).toInt()).arg(ahead + 1);
    }
    return problems;
}

} // namespace onsite::bench
