#include "scoring/scoringengine.h"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace onsite;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

// Builds a CampaignSetup in code; only what the engine reads is filled in.
struct SetupBuilder
{
    CampaignSetup setup;

    SetupBuilder()
    {
        setup.campaign.trimFromRaters = 5;
        setup.campaign.gradeLines = GradeLines{Decimal(90), Decimal(80), Decimal(60)};
    }

    SetupBuilder &project(const char *code, int maxScore)
    {
        Indicator project;
        project.code = u8(code);
        project.maxScore = Decimal(maxScore);
        setup.indicators.push_back(project);
        return *this;
    }

    SetupBuilder &item(const char *code, ScoringMethod method, const char *rule, int maxScore)
    {
        Indicator item;
        item.code = u8(code);
        item.parentCode = item.code.section(QLatin1Char('.'), 0, 0);
        item.maxScore = Decimal(maxScore);
        item.ruleText = u8(rule);
        const RuleParseResult parsed = parseScoringRule(method, item.ruleText, item.maxScore);
        if (!parsed.rule)
            throw std::runtime_error("test rule does not parse: " + parsed.error.toStdString());
        item.rule = parsed.rule;
        setup.indicators.push_back(item);
        return *this;
    }

    // An item whose points equal the entered value (0..M), to set totals directly.
    SetupBuilder &directItem(const char *code, int maxScore)
    {
        const QByteArray rule = "默认:" + QByteArray::number(maxScore) + "/0";
        return item(code, ScoringMethod::Threshold, rule.constData(), maxScore);
    }

    SetupBuilder &gradedItem(const char *code) // M = 10: 好 10, 较好 8, 一般 6, 差 3
    {
        return item(code, ScoringMethod::Graded, "好:1;较好:0.8;一般:0.6;差:0.3", 10);
    }

    SetupBuilder &unit(const char *code, const char *category = "城区")
    {
        setup.units.push_back(Unit{u8(code), u8(code), u8(category)});
        return *this;
    }
};

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 6, 20), QTime(9, 0), Qt::UTC).addSecs(minute * 60);
}

ScoreEntry rater(const char *unit, const char *indicator, const char *account, const char *input,
                 int minute = 0)
{
    ScoreEntry entry;
    entry.unitCode = u8(unit);
    entry.indicatorCode = u8(indicator);
    entry.account = u8(account);
    entry.input = u8(input);
    entry.recordedAt = at(minute);
    return entry;
}

ScoreEntry finalValue(const char *unit, const char *indicator, const char *account,
                      const char *input, int minute = 0)
{
    ScoreEntry entry = rater(unit, indicator, account, input, minute);
    entry.kind = ScoreKind::Final;
    entry.reason = QStringLiteral("现场复核");
    return entry;
}

template <typename T, typename Field>
const T &findIn(const std::vector<T> &list, Field field, const char *code)
{
    for (const T &element : list) {
        if (element.*field == u8(code))
            return element;
    }
    throw std::runtime_error(std::string("not in the results: ") + code);
}

const UnitResult &unitOf(const CampaignResults &r, const char *code)
{
    return findIn(r.units, &UnitResult::unitCode, code);
}
const ItemResult &itemOf(const UnitResult &u, const char *code)
{
    return findIn(u.items, &ItemResult::indicatorCode, code);
}
// Throws (failing the test) when the item is unexpectedly unscored.
Decimal pointsOf(const UnitResult &u, const char *code)
{
    return itemOf(u, code).points.value();
}
Decimal subtotalOf(const UnitResult &u, const char *code)
{
    return findIn(u.subtotals, &ProjectSubtotal::projectCode, code).subtotal;
}

QStringList unitOrder(const CampaignResults &results)
{
    QStringList codes;
    for (const UnitResult &unit : results.units)
        codes << unit.unitCode;
    return codes;
}

} // namespace

TEST(ScoringEngine, ItemScoreIsMeanOfRaters)
{
    SetupBuilder b;
    b.project("1", 10).gradedItem("1.1").unit("U1");
    const ScoringEngine engine(b.setup);
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", "好"), rater("U1", "1.1", "r2", "好"),
                        rater("U1", "1.1", "r3", "差")});
    const UnitResult &u = unitOf(results, "U1");
    const ItemResult &item = itemOf(u, "1.1");
    // (10 + 10 + 3) / 3 = 23/3, kept exact until the total is rounded.
    EXPECT_EQ(pointsOf(u, "1.1"), Decimal::fraction(23, 3));
    EXPECT_EQ(item.raterCount, 3);
    EXPECT_FALSE(item.trimmed);
    EXPECT_FALSE(item.finalValue);
    EXPECT_EQ(subtotalOf(u, "1"), Decimal::fraction(23, 3));
    EXPECT_EQ(u.exactTotal, Decimal::fraction(23, 3));
    EXPECT_EQ(u.total.toString(2), QStringLiteral("7.67"));
    EXPECT_EQ(u.unscoredCount, 0);
    EXPECT_TRUE(results.warnings.isEmpty());
}

TEST(ScoringEngine, TrimsFromExactlyNRatersNotBelow)
{
    SetupBuilder b; // trimFromRaters = 5
    b.project("1", 10).gradedItem("1.1").unit("U4").unit("U5").unit("U7");
    const ScoringEngine engine(b.setup);
    std::vector<ScoreEntry> entries = {
        rater("U4", "1.1", "r1", "好"),   rater("U4", "1.1", "r2", "较好"),
        rater("U4", "1.1", "r3", "一般"), rater("U4", "1.1", "r4", "差"),
        rater("U5", "1.1", "r1", "好"),   rater("U5", "1.1", "r2", "较好"),
        rater("U5", "1.1", "r3", "较好"), rater("U5", "1.1", "r4", "一般"),
        rater("U5", "1.1", "r5", "差"),
    };
    for (const char *account : {"r1", "r2", "r3", "r4", "r5"})
        entries.push_back(rater("U7", "1.1", account, "好"));
    entries.push_back(rater("U7", "1.1", "r6", "差"));
    entries.push_back(rater("U7", "1.1", "r7", "一般"));
    const auto results = engine.compute(entries);

    // N − 1 raters: 10, 8, 6, 3 → 27 / 4 = 6.75; trimming would give 7.
    const UnitResult &four = unitOf(results, "U4");
    EXPECT_FALSE(itemOf(four, "1.1").trimmed);
    EXPECT_EQ(pointsOf(four, "1.1"), *Decimal::parse(QStringLiteral("6.75")));

    // N raters: 10, 8, 8, 6, 3 → drop 10 and 3 → 22/3 (untrimmed: 35/5 = 7).
    const UnitResult &five = unitOf(results, "U5");
    EXPECT_TRUE(itemOf(five, "1.1").trimmed);
    EXPECT_EQ(itemOf(five, "1.1").raterCount, 5);
    EXPECT_EQ(pointsOf(five, "1.1"), Decimal::fraction(22, 3));
    EXPECT_EQ(five.total.toString(2), QStringLiteral("7.33"));

    // Seven raters: 10×5, 6, 3 → drop one 10 and the 3 → (40 + 6) / 5 = 9.2. Only one of
    // the five equal highest scores goes.
    const UnitResult &seven = unitOf(results, "U7");
    EXPECT_TRUE(itemOf(seven, "1.1").trimmed);
    EXPECT_EQ(pointsOf(seven, "1.1"), *Decimal::parse(QStringLiteral("9.2")));
}

TEST(ScoringEngine, TrimThresholdComesFromCampaign)
{
    SetupBuilder b;
    b.setup.campaign.trimFromRaters = 3;
    b.project("1", 10).gradedItem("1.1").unit("U3").unit("U2");
    const ScoringEngine engine(b.setup);
    const auto results =
        engine.compute({rater("U3", "1.1", "r1", "好"), rater("U3", "1.1", "r2", "较好"),
                        rater("U3", "1.1", "r3", "差"), rater("U2", "1.1", "r1", "好"),
                        rater("U2", "1.1", "r2", "差")});
    EXPECT_TRUE(itemOf(unitOf(results, "U3"), "1.1").trimmed);
    EXPECT_EQ(pointsOf(unitOf(results, "U3"), "1.1"), Decimal(8)); // only the middle 8 is left
    EXPECT_FALSE(itemOf(unitOf(results, "U2"), "1.1").trimmed);
    EXPECT_EQ(pointsOf(unitOf(results, "U2"), "1.1"), *Decimal::parse(QStringLiteral("6.5")));
}

TEST(ScoringEngine, LeaderFinalValueReplacesAggregate)
{
    SetupBuilder b;
    b.project("1", 10).gradedItem("1.1").unit("U1").unit("U2").unit("U3").unit("U4");
    const ScoringEngine engine(b.setup);
    std::vector<ScoreEntry> entries;
    for (const char *unit : {"U1", "U2", "U3"}) {
        entries.push_back(rater(unit, "1.1", "r1", "好"));
        entries.push_back(rater(unit, "1.1", "r2", "好"));
        entries.push_back(rater(unit, "1.1", "r3", "差")); // mean 23/3
    }
    entries.push_back(finalValue("U1", "1.1", "leader", "5.5"));
    // Two final values: the most recent one stands, whoever gave it.
    entries.push_back(finalValue("U2", "1.1", "hq", "4", 120));
    entries.push_back(finalValue("U2", "1.1", "leader", "5", 60));
    // Out of range: ignored with a warning, the raters' mean stays.
    entries.push_back(finalValue("U3", "1.1", "leader", "11"));
    // A final value alone scores the item.
    entries.push_back(finalValue("U4", "1.1", "leader", "3"));
    const auto results = engine.compute(entries);

    const UnitResult &u1 = unitOf(results, "U1");
    EXPECT_TRUE(itemOf(u1, "1.1").finalValue);
    EXPECT_EQ(itemOf(u1, "1.1").raterCount, 3);
    EXPECT_EQ(u1.total.toString(2), QStringLiteral("5.50"));

    EXPECT_EQ(unitOf(results, "U2").total.toString(2), QStringLiteral("4.00"));

    const UnitResult &u3 = unitOf(results, "U3");
    EXPECT_FALSE(itemOf(u3, "1.1").finalValue);
    EXPECT_EQ(pointsOf(u3, "1.1"), Decimal::fraction(23, 3));
    ASSERT_EQ(results.warnings.size(), 1);
    EXPECT_TRUE(results.warnings.first().contains(QStringLiteral("U3")));

    const UnitResult &u4 = unitOf(results, "U4");
    EXPECT_EQ(u4.unscoredCount, 0);
    EXPECT_EQ(u4.total.toString(2), QStringLiteral("3.00"));
}

TEST(ScoringEngine, UnscoredItemCountsZeroAndIsCounted)
{
    SetupBuilder b;
    b.project("1", 20).gradedItem("1.1").directItem("1.2", 10).project("2", 5).directItem("2.1", 5);
    b.unit("U1").unit("U2");
    const ScoringEngine engine(b.setup);
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", "好"), rater("U1", "2.1", "r1", "2.5")});

    const UnitResult &u1 = unitOf(results, "U1");
    EXPECT_FALSE(itemOf(u1, "1.2").points);
    EXPECT_EQ(itemOf(u1, "1.2").raterCount, 0);
    EXPECT_EQ(u1.unscoredCount, 1);
    EXPECT_EQ(subtotalOf(u1, "1"), Decimal(10));
    EXPECT_EQ(u1.total.toString(2), QStringLiteral("12.50"));

    const UnitResult &u2 = unitOf(results, "U2");
    EXPECT_EQ(u2.unscoredCount, 3);
    EXPECT_EQ(u2.total.toString(2), QStringLiteral("0.00"));
    EXPECT_EQ(u2.grade, Grade::Poor);
}

TEST(ScoringEngine, BonusProjectSubtotalCappedAtProjectScore)
{
    SetupBuilder b;
    b.project("1", 20).directItem("1.1", 20);
    b.project("6", 8)
        .item("6.1", ScoringMethod::Bonus, "优秀创新项目:3;上限:6", 6)
        .item("6.2", ScoringMethod::Bonus, "省级表彰推广:2;国家级表彰推广:4;上限:4", 4);
    b.unit("U1").unit("U2");
    const ScoringEngine engine(b.setup);
    // U1: bonus items 6 + 4 = 10; U2: 3 + 2 = 5.
    const auto results = engine.compute(
        {rater("U1", "1.1", "r1", "15"), rater("U1", "6.1", "r1", "优秀创新项目:2"),
         rater("U1", "6.2", "r1", "国家级表彰推广:1"), rater("U2", "1.1", "r1", "15"),
         rater("U2", "6.1", "r1", "优秀创新项目:1"), rater("U2", "6.2", "r1", "省级表彰推广:1")});

    const UnitResult &u1 = unitOf(results, "U1");
    EXPECT_EQ(pointsOf(u1, "6.1"), Decimal(6));
    EXPECT_EQ(pointsOf(u1, "6.2"), Decimal(4));
    EXPECT_EQ(subtotalOf(u1, "6"), Decimal(8)); // 10 capped at the project's 8
    EXPECT_EQ(u1.total.toString(2), QStringLiteral("23.00"));

    const UnitResult &u2 = unitOf(results, "U2");
    EXPECT_EQ(subtotalOf(u2, "6"), Decimal(5)); // under the cap: untouched
    EXPECT_EQ(u2.total.toString(2), QStringLiteral("20.00"));
}

TEST(ScoringEngine, VetoForcesPoorGradeAndRanksLast)
{
    SetupBuilder b;
    b.project("1", 100)
        .directItem("1.1", 100)
        .project("7", 0)
        .item("7.1", ScoringMethod::Veto, "", 0);
    b.unit("A", "山区县").unit("B", "城区").unit("C", "山区县").unit("D", "城区");
    const ScoringEngine engine(b.setup);
    std::vector<ScoreEntry> entries = {
        rater("A", "1.1", "r1", "95"),
        rater("B", "1.1", "r1", "85"),
        rater("C", "1.1", "r1", "50"),
        rater("D", "1.1", "r1", "92"),
    };
    // A: one of five raters says 是. A mean, or trimming the extremes, would lose it.
    for (const char *account : {"r1", "r2", "r3", "r4"})
        entries.push_back(rater("A", "7.1", account, "否"));
    entries.push_back(rater("A", "7.1", "r5", "是"));
    for (const char *account : {"r1", "r2", "r3"})
        entries.push_back(rater("B", "7.1", account, "否"));
    // D: raters saw nothing, the leader's final value triggers the veto.
    entries.push_back(rater("D", "7.1", "r1", "否"));
    entries.push_back(finalValue("D", "7.1", "leader", "是", 30));
    const auto results = engine.compute(entries);

    const UnitResult &a = unitOf(results, "A");
    const UnitResult &bb = unitOf(results, "B");
    const UnitResult &c = unitOf(results, "C");
    const UnitResult &d = unitOf(results, "D");
    EXPECT_TRUE(a.veto);
    EXPECT_TRUE(itemOf(a, "7.1").vetoTriggered);
    EXPECT_TRUE(d.veto);
    EXPECT_FALSE(bb.veto);
    EXPECT_FALSE(c.veto);

    // The points stand; only grade and rank change.
    EXPECT_EQ(a.total.toString(2), QStringLiteral("95.00"));
    EXPECT_EQ(a.grade, Grade::Poor);
    EXPECT_EQ(d.grade, Grade::Poor);
    EXPECT_EQ(bb.grade, Grade::Good);

    // C (50) ranks ahead of A (95) and D (92) because they are vetoed.
    EXPECT_EQ(bb.rank, 1);
    EXPECT_EQ(c.rank, 2);
    EXPECT_GT(a.rank, 2);
    EXPECT_GT(d.rank, 2);
    EXPECT_EQ(unitOrder(results).mid(0, 2),
              (QStringList{QStringLiteral("B"), QStringLiteral("C")}));

    EXPECT_EQ(c.categoryRank, 1);
    EXPECT_EQ(a.categoryRank, 2);
    EXPECT_EQ(bb.categoryRank, 1);
    EXPECT_EQ(d.categoryRank, 2);
}

TEST(ScoringEngine, TiesShareRankOverallAndInCategory)
{
    SetupBuilder b;
    b.project("1", 100).directItem("1.1", 100);
    b.unit("U1", "城区")
        .unit("U2", "山区县")
        .unit("U3", "城区")
        .unit("U4", "山区县")
        .unit("U5", "城区");
    const ScoringEngine engine(b.setup);
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", "80"), rater("U2", "1.1", "r1", "90"),
                        // Exactly above U1 but equal once rounded: ranks use the rounded total.
                        rater("U3", "1.1", "r1", "80.004"), rater("U4", "1.1", "r1", "70"),
                        rater("U5", "1.1", "r1", "75")});

    EXPECT_EQ(unitOf(results, "U3").total.toString(2), QStringLiteral("80.00"));
    EXPECT_EQ(unitOf(results, "U2").rank, 1);
    EXPECT_EQ(unitOf(results, "U1").rank, 2);
    EXPECT_EQ(unitOf(results, "U3").rank, 2);
    EXPECT_EQ(unitOf(results, "U5").rank, 4);
    EXPECT_EQ(unitOf(results, "U4").rank, 5);
    // Equal ranks keep units.csv order: U1 before U3.
    EXPECT_EQ(unitOrder(results),
              (QStringList{QStringLiteral("U2"), QStringLiteral("U1"), QStringLiteral("U3"),
                           QStringLiteral("U5"), QStringLiteral("U4")}));

    // 城区: 80, 80, 75 → 1, 1, 3. 山区县: 90, 70 → 1, 2.
    EXPECT_EQ(unitOf(results, "U1").categoryRank, 1);
    EXPECT_EQ(unitOf(results, "U3").categoryRank, 1);
    EXPECT_EQ(unitOf(results, "U5").categoryRank, 3);
    EXPECT_EQ(unitOf(results, "U2").categoryRank, 1);
    EXPECT_EQ(unitOf(results, "U4").categoryRank, 2);
}

TEST(ScoringEngine, ManyEqualTotalsKeepUnitsOrder)
{
    // Enough units that an unstable sort would really reorder them (short ranges are
    // insertion-sorted, which happens to be stable). Every third unit scores 60, the rest
    // tie at 50; each group must stay in file order.
    SetupBuilder b;
    b.project("1", 100).directItem("1.1", 100);
    std::vector<ScoreEntry> entries;
    QStringList high, low;
    for (int i = 0; i < 40; ++i) {
        const QByteArray code = "U" + QByteArray::number(i);
        b.unit(code.constData());
        entries.push_back(rater(code.constData(), "1.1", "r1", i % 3 == 0 ? "60" : "50"));
        (i % 3 == 0 ? high : low) << QString::fromLatin1(code);
    }
    const ScoringEngine engine(b.setup);
    const auto results = engine.compute(entries);
    EXPECT_EQ(unitOrder(results), high + low);
    EXPECT_EQ(unitOf(results, "U1").rank, 15); // behind the 14 units at 60
}

TEST(ScoringEngine, GradeLinesComeFromCampaignAndAreInclusive)
{
    const std::pair<const char *, Grade> cases[] = {
        {"100", Grade::Excellent}, {"85", Grade::Excellent}, {"84.99", Grade::Good},
        {"72.5", Grade::Good},     {"72.49", Grade::Fair},   {"50", Grade::Fair},
        {"49.99", Grade::Poor},    {"0", Grade::Poor},
    };
    SetupBuilder b;
    // Not the 90 / 80 / 60 defaults, so the lines must be read from the campaign.
    b.setup.campaign.gradeLines =
        GradeLines{Decimal(85), *Decimal::parse(QStringLiteral("72.5")), Decimal(50)};
    b.project("1", 100).directItem("1.1", 100);
    std::vector<ScoreEntry> entries;
    for (const auto &c : cases) {
        b.unit(c.first);
        entries.push_back(rater(c.first, "1.1", "r1", c.first));
    }
    const ScoringEngine engine(b.setup);
    const auto results = engine.compute(entries);
    for (const auto &[value, grade] : cases)
        EXPECT_EQ(unitOf(results, value).grade, grade) << value;

    EXPECT_EQ(gradeName(Grade::Excellent), QStringLiteral("优秀"));
    EXPECT_EQ(gradeName(Grade::Good), QStringLiteral("良好"));
    EXPECT_EQ(gradeName(Grade::Fair), QStringLiteral("一般"));
    EXPECT_EQ(gradeName(Grade::Poor), QStringLiteral("较差"));
}

TEST(ScoringEngine, RoundsHalfCentAwayFromZeroOnExactValue)
{
    SetupBuilder b;
    b.project("1", 5).item("1.1", ScoringMethod::Threshold, "默认:100/0", 5); // points = v / 20
    b.unit("U1").unit("U2").unit("U3");
    const ScoringEngine engine(b.setup);
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", "20.3"), rater("U2", "1.1", "r1", "20"),
                        rater("U2", "1.1", "r2", "20"), rater("U2", "1.1", "r3", "20.3"),
                        rater("U3", "1.1", "r1", "20.0999")});

    // 20.3 / 20 = 1.015 exactly. In double, 5 * 20.3 / 100 is 1.01499999999999990 and
    // would round to 1.01.
    EXPECT_EQ(unitOf(results, "U1").exactTotal, *Decimal::parse(QStringLiteral("1.015")));
    EXPECT_EQ(unitOf(results, "U1").total.toString(2), QStringLiteral("1.02"));
    // (1 + 1 + 1.015) / 3 = 1.005 exactly; the same mean in double is 1.00499999999999989.
    EXPECT_EQ(unitOf(results, "U2").exactTotal, *Decimal::parse(QStringLiteral("1.005")));
    EXPECT_EQ(unitOf(results, "U2").total.toString(2), QStringLiteral("1.01"));
    // 1.004995 must not be rounded in two steps (1.005 → 1.01).
    EXPECT_EQ(unitOf(results, "U3").total.toString(2), QStringLiteral("1.00"));
}

TEST(ScoringEngine, RoundsTheTotalNotTheItems)
{
    SetupBuilder b;
    b.project("1", 2)
        .item("1.1", ScoringMethod::Checklist, "甲:1", 1)
        .item("1.2", ScoringMethod::Threshold, "默认:0/3", 1);
    b.unit("U1");
    const ScoringEngine engine(b.setup);
    // 1.1: none held, none held, 甲 → mean 1/3. 1.2: (0.985 − 3) / (0 − 3) = 2.015 / 3.
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", ""), rater("U1", "1.1", "r2", ""),
                        rater("U1", "1.1", "r3", "甲"), rater("U1", "1.2", "r1", "0.985")});
    const UnitResult &u = unitOf(results, "U1");
    EXPECT_EQ(pointsOf(u, "1.1"), Decimal::fraction(1, 3));
    // 1/3 + 2.015/3 = 1.005 → 1.01, while 0.33 + 0.67 would give 1.00.
    EXPECT_EQ(u.exactTotal, *Decimal::parse(QStringLiteral("1.005")));
    EXPECT_EQ(u.total.toString(2), QStringLiteral("1.01"));
}

TEST(ScoringEngine, LaterEntryFromSameRaterReplacesEarlier)
{
    SetupBuilder b;
    b.project("1", 10).gradedItem("1.1").unit("U1").unit("U2");
    const ScoringEngine engine(b.setup);
    // Entry order in the list is deliberately not time order: recordedAt decides.
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", "好", 60), rater("U1", "1.1", "r1", "差", 0),
                        rater("U1", "1.1", "r2", "较好", 0), rater("U2", "1.1", "r1", "差", 120),
                        rater("U2", "1.1", "r1", "好", 60)});
    const UnitResult &u1 = unitOf(results, "U1");
    EXPECT_EQ(itemOf(u1, "1.1").raterCount, 2);
    EXPECT_EQ(pointsOf(u1, "1.1"), Decimal(9)); // (10 + 8) / 2
    const UnitResult &u2 = unitOf(results, "U2");
    EXPECT_EQ(itemOf(u2, "1.1").raterCount, 1);
    EXPECT_EQ(pointsOf(u2, "1.1"), Decimal(3));
}

TEST(ScoringEngine, InvalidStoredInputIsWarnedAndIgnored)
{
    SetupBuilder b; // trimFromRaters = 5
    b.project("1", 10).gradedItem("1.1").unit("U1").unit("U2").unit("U3");
    const ScoringEngine engine(b.setup);
    const auto results =
        engine.compute({rater("U1", "1.1", "r1", "很好"), rater("U1", "1.1", "r2", "好"),
                        rater("U1", "1.1", "r3", "较好"), rater("U2", "1.1", "r1", "abc"),
                        // Five entries but one is invalid: four raters, so no trimming.
                        rater("U3", "1.1", "r1", "好"), rater("U3", "1.1", "r2", "较好"),
                        rater("U3", "1.1", "r3", "较好"), rater("U3", "1.1", "r4", "差"),
                        rater("U3", "1.1", "r5", "九十")});

    ASSERT_EQ(results.warnings.size(), 3) << results.warnings.join(QLatin1Char('\n')).toStdString();
    const QString u1Warning = results.warnings.filter(QStringLiteral("U1")).value(0);
    EXPECT_TRUE(u1Warning.contains(QStringLiteral("r1")));
    EXPECT_TRUE(u1Warning.contains(QStringLiteral("1.1")));
    EXPECT_TRUE(u1Warning.contains(QStringLiteral("很好")));

    const UnitResult &u1 = unitOf(results, "U1");
    EXPECT_EQ(itemOf(u1, "1.1").raterCount, 2);
    EXPECT_EQ(pointsOf(u1, "1.1"), Decimal(9)); // (10 + 8) / 2

    const UnitResult &u2 = unitOf(results, "U2");
    EXPECT_FALSE(itemOf(u2, "1.1").points);
    EXPECT_EQ(u2.unscoredCount, 1);

    const UnitResult &u3 = unitOf(results, "U3");
    EXPECT_FALSE(itemOf(u3, "1.1").trimmed);
    EXPECT_EQ(pointsOf(u3, "1.1"), *Decimal::parse(QStringLiteral("7.25"))); // 29 / 4
}
