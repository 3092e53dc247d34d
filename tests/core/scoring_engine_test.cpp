#include "core/scoringenginetesting.h"

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::test;

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

TEST(ScoringEngine, ManyRatersWhoEachReenteredCountWithTheirLatestEntry)
{
    // More raters on one item than the small-item sort takes (32), each with two entries in
    // the list, the later one first for half of them: the path for large items.
    SetupBuilder b; // trimFromRaters = 5
    b.project("1", 10).gradedItem("1.1").unit("U1");
    const ScoringEngine engine(b.setup);
    std::vector<ScoreEntry> entries;
    std::vector<std::string> accounts;
    for (int r = 0; r < 40; ++r)
        accounts.push_back("r" + std::to_string(r));
    for (int r = 0; r < 40; ++r) {
        const bool endsGood = r % 2 == 0;
        // r % 4: 0, 1 the later entry listed first; 2 in time order; 3 at one time, the
        // entry listed last counting.
        ScoreEntry earlier = rater("U1", "1.1", accounts[r].c_str(), endsGood ? "差" : "好", r % 4 == 3 ? 30 : 0);
        ScoreEntry later = rater("U1", "1.1", accounts[r].c_str(), endsGood ? "好" : "差", 30);
        if (r % 4 < 2)
            std::swap(earlier, later);
        entries.push_back(earlier);
        entries.push_back(later);
    }
    const CampaignResults many = engine.compute(entries);
    const UnitResult &u = unitOf(many, "U1");
    EXPECT_EQ(itemOf(u, "1.1").raterCount, 40);
    EXPECT_TRUE(itemOf(u, "1.1").trimmed);
    // 20 × 10 and 20 × 3; one of each trimmed: (19 × 10 + 19 × 3) / 38 = 6.5.
    EXPECT_EQ(pointsOf(u, "1.1"), Decimal::fraction(13, 2));

    // And with a few raters (the insertion sort): at one time the entry listed last counts
    // (好 for both; an unstable sort lets an earlier 差 win).
    const std::vector<ScoreEntry> few{rater("U1", "1.1", "r2", "差", 30), rater("U1", "1.1", "r1", "差", 30),
                                      rater("U1", "1.1", "r1", "好", 30), rater("U1", "1.1", "r2", "好", 30)};
    const CampaignResults fewResults = engine.compute(few);
    const UnitResult &small = unitOf(fewResults, "U1");
    EXPECT_EQ(itemOf(small, "1.1").raterCount, 2);
    EXPECT_EQ(pointsOf(small, "1.1"), Decimal(10));
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
