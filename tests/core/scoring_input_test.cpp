#include "scoring/scoreinput.h"

#include <gtest/gtest.h>

using namespace onsite;

namespace {

// A level-2 item as the importer would build it from one indicators.csv row.
Indicator makeItem(ScoringMethod method, const QString &ruleText, int maxScore)
{
    Indicator item;
    item.code = QStringLiteral("9.1");
    item.parentCode = QStringLiteral("9");
    item.maxScore = Decimal(maxScore);
    item.ruleText = ruleText;
    const RuleParseResult parsed = parseScoringRule(method, ruleText, item.maxScore);
    if (!parsed.rule)
        ADD_FAILURE() << "test rule does not parse: " << parsed.error.toStdString();
    item.rule = parsed.rule;
    return item;
}

Decimal dec(const char *text)
{
    return *Decimal::parse(QString::fromLatin1(text));
}

// Exact comparison with a readable failure message (Decimal has no printer).
testing::AssertionResult givesPoints(const InputEvaluation &evaluation, const Decimal &expected)
{
    if (!evaluation.value)
        return testing::AssertionFailure() << "rejected: " << evaluation.error.toStdString();
    if (!(evaluation.value->points == expected))
        return testing::AssertionFailure()
               << "points " << evaluation.value->points.toPlainString().toStdString()
               << ", expected " << expected.toPlainString().toStdString();
    if (evaluation.value->vetoTriggered)
        return testing::AssertionFailure() << "unexpected veto";
    return testing::AssertionSuccess();
}

testing::AssertionResult rejected(const InputEvaluation &evaluation)
{
    if (evaluation.value)
        return testing::AssertionFailure()
               << "accepted with points " << evaluation.value->points.toPlainString().toStdString();
    if (evaluation.error.isEmpty())
        return testing::AssertionFailure() << "rejected without a message";
    return testing::AssertionSuccess();
}

const QString kMountain = QStringLiteral("山区县");
const QString kRiver = QStringLiteral("川区县");
const QString kCity = QStringLiteral("城区");

} // namespace

// ---- 等次评价 ----------------------------------------------------------------

TEST(ScoringInput, GradedLevelTimesFraction)
{
    const Indicator item =
        makeItem(ScoringMethod::Graded, QStringLiteral("好:1;较好:0.8;一般:0.6;差:0.3"), 4);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("好")), Decimal(4)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("较好")), dec("3.2")));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("一般")), dec("2.4")));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral(" 差 ")), dec("1.2")));
}

TEST(ScoringInput, GradedRejectsUnknownOrEmptyLevel)
{
    const Indicator item =
        makeItem(ScoringMethod::Graded, QStringLiteral("好:1;较好:0.8;一般:0.6;差:0.3"), 4);
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("很好"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("1"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QString())));
    // The message lists the allowed levels so the rater can correct the entry.
    EXPECT_TRUE(evaluateRaterInput(item, kCity, QStringLiteral("很好"))
                    .error.contains(QStringLiteral("较好")));
}

// ---- 逐项核查 ----------------------------------------------------------------

TEST(ScoringInput, ChecklistSumsHeldItems)
{
    const Indicator item = makeItem(
        ScoringMethod::Checklist,
        QStringLiteral("有年度学习计划:1;会议记录完整:2;党员参学率不低于90%:2;书记讲党课:1"), 6);
    EXPECT_TRUE(givesPoints(
        evaluateRaterInput(item, kCity, QStringLiteral("有年度学习计划;书记讲党课")), Decimal(2)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("党员参学率不低于90%")),
                            Decimal(2)));
    EXPECT_TRUE(givesPoints(
        evaluateRaterInput(
            item, kCity,
            QStringLiteral("有年度学习计划;会议记录完整;党员参学率不低于90%;书记讲党课")),
        Decimal(6)));
    // Full-width separator and stray spaces, as typed on a Chinese keyboard.
    EXPECT_TRUE(givesPoints(
        evaluateRaterInput(item, kCity, QStringLiteral(" 有年度学习计划 ；会议记录完整；")),
        Decimal(3)));
}

TEST(ScoringInput, ChecklistEmptyMeansNoneHeld)
{
    const Indicator item = makeItem(
        ScoringMethod::Checklist,
        QStringLiteral(
            "动议环节有会议记录:1.5;民主推荐程序规范:1.5;考察材料完整:1.5;任前公示到位:1.5"),
        6);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QString()), Decimal(0)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("  ")), Decimal(0)));
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(
                        item, kCity, QStringLiteral("民主推荐程序规范;考察材料完整;任前公示到位")),
                    dec("4.5")));
}

TEST(ScoringInput, ChecklistRejectsUnknownAndDuplicateItems)
{
    const Indicator item = makeItem(ScoringMethod::Checklist, QStringLiteral("甲:1;乙:2;丙:2"), 5);
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("甲;丁"))));
    // A duplicate would otherwise count the same item twice (甲;甲 = 2 > its 1 point).
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("甲;甲"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("乙；乙"))));
}

// ---- 达标计分 ----------------------------------------------------------------

TEST(ScoringInput, ThresholdRisingTargetPerCategory)
{
    // 2.1: 山区县 85 → full, 60 → zero; 川区县 90/60. M = 8.
    const Indicator item = makeItem(
        ScoringMethod::Threshold, QStringLiteral("山区县:85/60;川区县:90/60;城区:90/60;单位:%"), 8);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("85")), Decimal(8)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("60")), Decimal(0)));
    // 8 × (72.5 − 60) / 25 = 4
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("72.5")), Decimal(4)));
    // Same value, other category: 8 × 25 / 30 = 20/3, kept exact.
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kRiver, QStringLiteral("85")),
                            Decimal::fraction(20, 3)));
}

TEST(ScoringInput, ThresholdClampsOutsideTheRange)
{
    const Indicator item =
        makeItem(ScoringMethod::Threshold, QStringLiteral("山区县:85/60;单位:%"), 8);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("50")),
                            Decimal(0))); // below Z
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("99.9")),
                            Decimal(8))); // above F

    const Indicator fromZero =
        makeItem(ScoringMethod::Threshold, QStringLiteral("山区县:12/0;川区县:15/0;城区:18/0"), 5);
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(fromZero, kMountain, QStringLiteral("12")), Decimal(5)));
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(fromZero, kMountain, QStringLiteral("6")), dec("2.5")));
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(fromZero, kMountain, QStringLiteral("15")), Decimal(5)));
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(fromZero, kMountain, QStringLiteral("-1")), Decimal(0)));
    // 城区 needs 18 for the full score: 5 × 12 / 18 = 10/3.
    EXPECT_TRUE(givesPoints(evaluateRaterInput(fromZero, kCity, QStringLiteral("12")),
                            Decimal::fraction(10, 3)));
}

TEST(ScoringInput, ThresholdFallingTargetZeroIsFull)
{
    // 3.3 空壳村: 0 left → full score, 3 or more → nothing. M = 6.
    const Indicator item =
        makeItem(ScoringMethod::Threshold, QStringLiteral("默认:0/3;单位:个"), 6);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("0")), Decimal(6)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("1")), Decimal(4)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("2")), Decimal(2)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("3")), Decimal(0)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kRiver, QStringLiteral("7")), Decimal(0)));
    // 6 × (0.5 − 3) / (0 − 3) = 5
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kRiver, QStringLiteral("0.5")), Decimal(5)));
}

TEST(ScoringInput, ThresholdCategoryTargetBeatsDefault)
{
    const Indicator item =
        makeItem(ScoringMethod::Threshold, QStringLiteral("山区县:12/0;默认:20/0"), 5);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kMountain, QStringLiteral("12")), Decimal(5)));
    // 城区 is not listed, so 默认 applies: 5 × 12 / 20 = 3.
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("12")), Decimal(3)));
}

TEST(ScoringInput, ThresholdMissingCategoryOrBadValue)
{
    const Indicator item =
        makeItem(ScoringMethod::Threshold, QStringLiteral("山区县:12/0;川区县:15/0;单位:%"), 5);
    const InputEvaluation missing =
        evaluateRaterInput(item, QStringLiteral("开发区"), QStringLiteral("12"));
    EXPECT_TRUE(rejected(missing));
    EXPECT_TRUE(missing.error.contains(QStringLiteral("开发区")));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kMountain, QStringLiteral("十二"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kMountain, QStringLiteral("12%"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kMountain, QString())));
}

// ---- 扣分制 ------------------------------------------------------------------

TEST(ScoringInput, DeductionSubtractsPerOccurrence)
{
    const Indicator item = makeItem(ScoringMethod::Deduction, QStringLiteral("每项:1"), 5);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("0")), Decimal(5)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("2")), Decimal(3)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("5")), Decimal(0)));

    const Indicator half = makeItem(ScoringMethod::Deduction, QStringLiteral("每项:0.5"), 5);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(half, kCity, QStringLiteral("3")), dec("3.5")));
}

TEST(ScoringInput, DeductionFloorsAtZero)
{
    const Indicator item = makeItem(ScoringMethod::Deduction, QStringLiteral("每项:2"), 6);
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("4")), Decimal(0))); // 6 − 8 → 0
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("100")), Decimal(0)));
}

TEST(ScoringInput, DeductionRejectsNonCounts)
{
    const Indicator item = makeItem(ScoringMethod::Deduction, QStringLiteral("每项:1"), 5);
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("1.5"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("-1"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("两"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QString())));
}

// ---- 加分项 ------------------------------------------------------------------

TEST(ScoringInput, BonusSumsCountTimesPoints)
{
    const Indicator item =
        makeItem(ScoringMethod::Bonus, QStringLiteral("优秀创新项目:3;上限:6"), 6);
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("优秀创新项目:1")), Decimal(3)));
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("优秀创新项目:2")), Decimal(6)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QStringLiteral("优秀创新项目：0")),
                            Decimal(0)));
    EXPECT_TRUE(givesPoints(evaluateRaterInput(item, kCity, QString()), Decimal(0)));

    const Indicator two = makeItem(ScoringMethod::Bonus, QStringLiteral("甲:1.5;乙:2"), 10);
    // 2 × 1.5 + 3 × 2 = 9
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(two, kCity, QStringLiteral("甲:2;乙:3")), Decimal(9)));
}

TEST(ScoringInput, BonusCappedByLimitAndItemScore)
{
    // 6.2: 2 + 4 = 6 is above 上限 4.
    const Indicator r62 =
        makeItem(ScoringMethod::Bonus, QStringLiteral("省级表彰推广:2;国家级表彰推广:4;上限:4"), 4);
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(r62, kCity, QStringLiteral("省级表彰推广:1")), Decimal(2)));
    EXPECT_TRUE(givesPoints(
        evaluateRaterInput(r62, kCity, QStringLiteral("省级表彰推广:1;国家级表彰推广:1")),
        Decimal(4)));

    // 上限 below the item score binds: min(6, 3, 6) = 3.
    const Indicator lowCap = makeItem(ScoringMethod::Bonus, QStringLiteral("甲:2;上限:3"), 6);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(lowCap, kCity, QStringLiteral("甲:3")), Decimal(3)));
    // 上限 above the item score: M binds, min(6, 10, 4) = 4.
    const Indicator highCap = makeItem(ScoringMethod::Bonus, QStringLiteral("甲:2;上限:10"), 4);
    EXPECT_TRUE(
        givesPoints(evaluateRaterInput(highCap, kCity, QStringLiteral("甲:3")), Decimal(4)));
    // No 上限 at all: still never above M.
    const Indicator noCap = makeItem(ScoringMethod::Bonus, QStringLiteral("甲:2"), 5);
    EXPECT_TRUE(givesPoints(evaluateRaterInput(noCap, kCity, QStringLiteral("甲:4")), Decimal(5)));
}

TEST(ScoringInput, BonusRejectsUnknownItemAndBadCount)
{
    const Indicator item =
        makeItem(ScoringMethod::Bonus, QStringLiteral("省级表彰推广:2;国家级表彰推广:4;上限:4"), 4);
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("市级表彰推广:1"))));
    // 上限 is part of the rule, not something a rater can claim.
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("上限:1"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("省级表彰推广:x"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("省级表彰推广:1.5"))));
    EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, QStringLiteral("省级表彰推广:-1"))));
    EXPECT_TRUE(
        rejected(evaluateRaterInput(item, kCity, QStringLiteral("省级表彰推广:1;省级表彰推广:1"))));
}

// ---- 一票否决 ----------------------------------------------------------------

TEST(ScoringInput, VetoYesNo)
{
    const Indicator item = makeItem(ScoringMethod::Veto, QString(), 0);
    const InputEvaluation yes = evaluateRaterInput(item, kCity, QStringLiteral("是"));
    ASSERT_TRUE(yes.value) << yes.error.toStdString();
    EXPECT_TRUE(yes.value->vetoTriggered);
    EXPECT_EQ(yes.value->points, Decimal(0));

    const InputEvaluation no = evaluateRaterInput(item, kCity, QStringLiteral(" 否 "));
    ASSERT_TRUE(no.value) << no.error.toStdString();
    EXPECT_FALSE(no.value->vetoTriggered);
    EXPECT_EQ(no.value->points, Decimal(0));
}

TEST(ScoringInput, VetoRejectsOtherText)
{
    const Indicator item = makeItem(ScoringMethod::Veto, QString(), 0);
    for (const QString &bad : {QStringLiteral("有"), QStringLiteral("Y"), QStringLiteral("1"),
                               QStringLiteral("是否"), QString()})
        EXPECT_TRUE(rejected(evaluateRaterInput(item, kCity, bad))) << bad.toStdString();
}

TEST(ScoringInput, ProjectCannotBeScored)
{
    Indicator project;
    project.code = QStringLiteral("1");
    project.maxScore = Decimal(20);
    EXPECT_TRUE(rejected(evaluateRaterInput(project, kCity, QStringLiteral("10"))));
    EXPECT_TRUE(rejected(evaluateFinalInput(project, QStringLiteral("10"))));
}

// ---- 组长核定 ----------------------------------------------------------------

TEST(ScoringInput, FinalValueIsPointsWithinItemScore)
{
    // A final value is points, not a level, whatever the method.
    const Indicator graded =
        makeItem(ScoringMethod::Graded, QStringLiteral("好:1;较好:0.8;一般:0.6;差:0.3"), 4);
    EXPECT_TRUE(givesPoints(evaluateFinalInput(graded, QStringLiteral("3.5")), dec("3.5")));
    EXPECT_TRUE(givesPoints(evaluateFinalInput(graded, QStringLiteral("0")), Decimal(0)));
    EXPECT_TRUE(givesPoints(evaluateFinalInput(graded, QStringLiteral("4")), Decimal(4)));
    EXPECT_TRUE(rejected(evaluateFinalInput(graded, QStringLiteral("好"))));

    const Indicator deduction = makeItem(ScoringMethod::Deduction, QStringLiteral("每项:1"), 5);
    EXPECT_TRUE(givesPoints(evaluateFinalInput(deduction, QStringLiteral("2.25")), dec("2.25")));
    const Indicator bonus =
        makeItem(ScoringMethod::Bonus, QStringLiteral("优秀创新项目:3;上限:6"), 6);
    EXPECT_TRUE(givesPoints(evaluateFinalInput(bonus, QStringLiteral("6")), Decimal(6)));
}

TEST(ScoringInput, FinalValueOutOfRangeRejected)
{
    const Indicator item = makeItem(ScoringMethod::Threshold, QStringLiteral("默认:100/0"), 6);
    EXPECT_TRUE(rejected(evaluateFinalInput(item, QStringLiteral("6.01"))));
    EXPECT_TRUE(rejected(evaluateFinalInput(item, QStringLiteral("-0.5"))));
    EXPECT_TRUE(rejected(evaluateFinalInput(item, QStringLiteral("abc"))));
    EXPECT_TRUE(rejected(evaluateFinalInput(item, QString())));
}

TEST(ScoringInput, FinalValueForVetoIsYesNo)
{
    const Indicator item = makeItem(ScoringMethod::Veto, QString(), 0);
    const InputEvaluation yes = evaluateFinalInput(item, QStringLiteral("是"));
    ASSERT_TRUE(yes.value) << yes.error.toStdString();
    EXPECT_TRUE(yes.value->vetoTriggered);
    const InputEvaluation no = evaluateFinalInput(item, QStringLiteral("否"));
    ASSERT_TRUE(no.value) << no.error.toStdString();
    EXPECT_FALSE(no.value->vetoTriggered);
    EXPECT_TRUE(rejected(evaluateFinalInput(item, QStringLiteral("0"))));
    EXPECT_TRUE(rejected(evaluateFinalInput(item, QStringLiteral("不是"))));
}
