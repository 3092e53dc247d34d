// Totals, ranks, grades and rounding: the results HQ publishes.
#include "core/scoringenginetesting.h"

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::test;

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
