#include "scoring/scoringrule.h"

#include <gtest/gtest.h>

#include <vector>

using namespace onsite;

namespace {

// Rules are written as in indicators.csv; the max score is the item's 分值.
RuleParseResult parse(ScoringMethod method, const QString &text, int maxScore = 10)
{
    return parseScoringRule(method, text, Decimal(maxScore));
}

template <typename T> const T &dataOf(const RuleParseResult &result)
{
    return std::get<T>(result.rule->data);
}

QString describe(const std::vector<NamedPoints> &items)
{
    QStringList parts;
    for (const auto &item : items)
        parts << item.name + QLatin1Char('=') + item.points.toPlainString();
    return parts.join(QLatin1Char(','));
}

} // namespace

TEST(ScoringRule, MethodNamesRoundTrip)
{
    const std::vector<std::pair<ScoringMethod, QString>> names = {
        {ScoringMethod::Graded, QStringLiteral("等次评价")},
        {ScoringMethod::Checklist, QStringLiteral("逐项核查")},
        {ScoringMethod::Threshold, QStringLiteral("达标计分")},
        {ScoringMethod::Deduction, QStringLiteral("扣分制")},
        {ScoringMethod::Bonus, QStringLiteral("加分项")},
        {ScoringMethod::Veto, QStringLiteral("一票否决")},
    };
    for (const auto &[method, name] : names) {
        EXPECT_EQ(scoringMethodFromName(name), method) << name.toStdString();
        EXPECT_EQ(scoringMethodFromName(QStringLiteral(" ") + name + QStringLiteral(" ")), method);
        EXPECT_EQ(scoringMethodName(method), name);
    }
    EXPECT_FALSE(scoringMethodFromName(QStringLiteral("打分")));
    EXPECT_FALSE(scoringMethodFromName(QString()));
}

TEST(ScoringRule, GradedLevelsKeepOrderAndFractions)
{
    const auto result =
        parse(ScoringMethod::Graded, QStringLiteral("好:1;较好:0.8;一般:0.6;差:0.3"), 4);
    ASSERT_TRUE(result.rule) << result.error.toStdString();
    EXPECT_TRUE(result.error.isEmpty());
    EXPECT_EQ(result.rule->method, ScoringMethod::Graded);
    EXPECT_EQ(describe(dataOf<GradedRule>(result).levels),
              QStringLiteral("好=1,较好=0.8,一般=0.6,差=0.3"));
    // The fraction is stored exactly, not as 0.8000000000000000444 (double).
    EXPECT_EQ(dataOf<GradedRule>(result).levels.at(1).points, Decimal::fraction(4, 5));
}

TEST(ScoringRule, ChecklistItemsFromSample)
{
    const auto r11 =
        parse(ScoringMethod::Checklist,
              QStringLiteral(
                  "动议环节有会议记录:1.5;民主推荐程序规范:1.5;考察材料完整:1.5;任前公示到位:1.5"),
              6);
    ASSERT_TRUE(r11.rule) << r11.error.toStdString();
    EXPECT_EQ(r11.rule->method, ScoringMethod::Checklist);
    EXPECT_EQ(describe(dataOf<ChecklistRule>(r11).items),
              QStringLiteral(
                  "动议环节有会议记录=1.5,民主推荐程序规范=1.5,考察材料完整=1.5,任前公示到位=1.5"));

    // Item names may contain '%' and digits; only the last ':' separates the points.
    const auto r22 = parse(
        ScoringMethod::Checklist,
        QStringLiteral("有年度学习计划:1;会议记录完整:2;党员参学率不低于90%:2;书记讲党课:1"), 6);
    ASSERT_TRUE(r22.rule) << r22.error.toStdString();
    EXPECT_EQ(describe(dataOf<ChecklistRule>(r22).items),
              QStringLiteral("有年度学习计划=1,会议记录完整=2,党员参学率不低于90%=2,书记讲党课=1"));
}

TEST(ScoringRule, ChecklistPointsMayEqualButNotExceedItemScore)
{
    EXPECT_TRUE(parse(ScoringMethod::Checklist, QStringLiteral("甲:2;乙:2;丙:1"), 5).rule);
    const auto over = parse(ScoringMethod::Checklist, QStringLiteral("甲:2;乙:2;丙:1.5"), 5);
    EXPECT_FALSE(over.rule);
    EXPECT_FALSE(over.error.isEmpty());
}

TEST(ScoringRule, ThresholdPerCategoryWithUnit)
{
    const auto result = parse(ScoringMethod::Threshold,
                              QStringLiteral("山区县:12/0;川区县:15/0;城区:18/0;单位:%"), 5);
    ASSERT_TRUE(result.rule) << result.error.toStdString();
    EXPECT_EQ(result.rule->method, ScoringMethod::Threshold);
    const auto &rule = dataOf<ThresholdRule>(result);
    EXPECT_EQ(rule.unit, QStringLiteral("%"));
    EXPECT_EQ(rule.byCategory.size(), 3u); // 单位 is not a category

    const auto mountain = rule.targetFor(QStringLiteral("山区县"));
    ASSERT_TRUE(mountain);
    EXPECT_EQ(mountain->fullAt, Decimal(12));
    EXPECT_EQ(mountain->zeroAt, Decimal(0));
    EXPECT_EQ(rule.targetFor(QStringLiteral("城区")).value().fullAt, Decimal(18));
    // No 默认 in this rule: an unlisted category has no target.
    EXPECT_FALSE(rule.targetFor(QStringLiteral("开发区")));
}

TEST(ScoringRule, ThresholdDefaultFallbackAndReverseDirection)
{
    const auto result = parse(ScoringMethod::Threshold, QStringLiteral("默认:0/3;单位:个"), 6);
    ASSERT_TRUE(result.rule) << result.error.toStdString();
    const auto &rule = dataOf<ThresholdRule>(result);
    EXPECT_EQ(rule.unit, QStringLiteral("个"));
    const auto target = rule.targetFor(QStringLiteral("山区县"));
    ASSERT_TRUE(target);
    EXPECT_EQ(target->fullAt, Decimal(0));
    EXPECT_EQ(target->zeroAt, Decimal(3));

    // A listed category wins over 默认.
    const auto mixed = parse(ScoringMethod::Threshold, QStringLiteral("城区:90/60;默认:85/60"), 8);
    ASSERT_TRUE(mixed.rule) << mixed.error.toStdString();
    EXPECT_EQ(dataOf<ThresholdRule>(mixed).targetFor(QStringLiteral("城区")).value().fullAt,
              Decimal(90));
    EXPECT_EQ(dataOf<ThresholdRule>(mixed).targetFor(QStringLiteral("川区县")).value().fullAt,
              Decimal(85));
}

TEST(ScoringRule, DeductionPerOccurrence)
{
    const auto one = parse(ScoringMethod::Deduction, QStringLiteral("每项:1"), 5);
    ASSERT_TRUE(one.rule) << one.error.toStdString();
    EXPECT_EQ(one.rule->method, ScoringMethod::Deduction);
    EXPECT_EQ(dataOf<DeductionRule>(one).perOccurrence, Decimal(1));

    const auto half = parse(ScoringMethod::Deduction, QStringLiteral("每项:0.5"), 5);
    ASSERT_TRUE(half.rule) << half.error.toStdString();
    EXPECT_EQ(dataOf<DeductionRule>(half).perOccurrence, Decimal::fraction(1, 2));
}

TEST(ScoringRule, BonusItemsAndCap)
{
    const auto r61 = parse(ScoringMethod::Bonus, QStringLiteral("优秀创新项目:3;上限:6"), 6);
    ASSERT_TRUE(r61.rule) << r61.error.toStdString();
    EXPECT_EQ(r61.rule->method, ScoringMethod::Bonus);
    EXPECT_EQ(describe(dataOf<BonusRule>(r61).items),
              QStringLiteral("优秀创新项目=3")); // 上限 is no item
    ASSERT_TRUE(dataOf<BonusRule>(r61).cap);
    EXPECT_EQ(dataOf<BonusRule>(r61).cap.value(), Decimal(6));

    const auto r62 =
        parse(ScoringMethod::Bonus, QStringLiteral("省级表彰推广:2;国家级表彰推广:4;上限:4"), 4);
    ASSERT_TRUE(r62.rule) << r62.error.toStdString();
    EXPECT_EQ(describe(dataOf<BonusRule>(r62).items),
              QStringLiteral("省级表彰推广=2,国家级表彰推广=4"));
    EXPECT_EQ(dataOf<BonusRule>(r62).cap.value(), Decimal(4));

    const auto uncapped = parse(ScoringMethod::Bonus, QStringLiteral("省级表彰推广:2"), 4);
    ASSERT_TRUE(uncapped.rule) << uncapped.error.toStdString();
    EXPECT_FALSE(dataOf<BonusRule>(uncapped).cap);
}

TEST(ScoringRule, VetoTakesNoRuleText)
{
    const auto empty = parse(ScoringMethod::Veto, QString(), 0);
    ASSERT_TRUE(empty.rule) << empty.error.toStdString();
    EXPECT_EQ(empty.rule->method, ScoringMethod::Veto);
    EXPECT_TRUE(std::holds_alternative<VetoRule>(empty.rule->data));
    EXPECT_TRUE(parse(ScoringMethod::Veto, QStringLiteral("  "), 0).rule);
}

TEST(ScoringRule, AcceptsFullWidthSeparatorsAndSpaces)
{
    // Chinese IMEs type ：and ；; the result must equal the ASCII spelling.
    const auto graded =
        parse(ScoringMethod::Graded, QStringLiteral("好：1；较好：0.8；一般：0.6；差：0.3"), 4);
    ASSERT_TRUE(graded.rule) << graded.error.toStdString();
    EXPECT_EQ(describe(dataOf<GradedRule>(graded).levels),
              QStringLiteral("好=1,较好=0.8,一般=0.6,差=0.3"));

    const auto threshold =
        parse(ScoringMethod::Threshold, QStringLiteral("山区县：12/0；默认：15/0；单位：%"), 5);
    ASSERT_TRUE(threshold.rule) << threshold.error.toStdString();
    EXPECT_EQ(dataOf<ThresholdRule>(threshold).targetFor(QStringLiteral("山区县")).value().fullAt,
              Decimal(12));
    EXPECT_EQ(dataOf<ThresholdRule>(threshold).targetFor(QStringLiteral("城区")).value().fullAt,
              Decimal(15));
    EXPECT_EQ(dataOf<ThresholdRule>(threshold).unit, QStringLiteral("%"));

    const auto deduction = parse(ScoringMethod::Deduction, QStringLiteral("每项：2"), 6);
    ASSERT_TRUE(deduction.rule) << deduction.error.toStdString();
    EXPECT_EQ(dataOf<DeductionRule>(deduction).perOccurrence, Decimal(2));

    const auto bonus = parse(ScoringMethod::Bonus, QStringLiteral("省级表彰推广：2；上限：4"), 4);
    ASSERT_TRUE(bonus.rule) << bonus.error.toStdString();
    EXPECT_EQ(dataOf<BonusRule>(bonus).cap.value(), Decimal(4));

    const auto checklist = parse(ScoringMethod::Checklist, QStringLiteral(" 甲 : 1 ；乙:2; "), 3);
    ASSERT_TRUE(checklist.rule) << checklist.error.toStdString();
    EXPECT_EQ(describe(dataOf<ChecklistRule>(checklist).items), QStringLiteral("甲=1,乙=2"));
}

struct BadRule
{
    ScoringMethod method;
    const char16_t *text;
    int maxScore;
    const char *why;
};

TEST(ScoringRule, RejectsMalformedRules)
{
    const BadRule cases[] = {
        {ScoringMethod::Graded, u"", 4, "empty graded"},
        {ScoringMethod::Graded, u"好:;较好:0.8", 4, "missing value"},
        {ScoringMethod::Graded, u"好;较好:0.8", 4, "no colon"},
        {ScoringMethod::Graded, u":1", 4, "missing name"},
        {ScoringMethod::Graded, u"好:一;较好:0.8", 4, "non-numeric"},
        {ScoringMethod::Graded, u"好:1;好:0.8", 4, "duplicate level"},
        {ScoringMethod::Graded, u"好:1.2;较好:0.8", 4, "fraction above 1"},
        {ScoringMethod::Graded, u"好:1;差:-0.3", 4, "negative fraction"},
        {ScoringMethod::Checklist, u"甲:3;乙:4", 6, "points above item score"},
        {ScoringMethod::Checklist, u"甲:x", 6, "non-numeric points"},
        {ScoringMethod::Checklist, u"甲:1;甲:1", 6, "duplicate item"},
        {ScoringMethod::Checklist, u"甲:1;乙:", 6, "missing points"},
        {ScoringMethod::Checklist, u"", 6, "empty checklist"},
        {ScoringMethod::Threshold, u"山区县:12", 5, "missing zero value"},
        {ScoringMethod::Threshold, u"山区县:12/", 5, "empty zero value"},
        {ScoringMethod::Threshold, u"山区县:/0", 5, "empty full value"},
        {ScoringMethod::Threshold, u"山区县:a/0", 5, "non-numeric full value"},
        {ScoringMethod::Threshold, u"山区县:12/0/1", 5, "three bounds"},
        {ScoringMethod::Threshold, u"默认:5/5", 5, "F equals Z"},
        {ScoringMethod::Threshold, u"山区县:12/0;山区县:15/0", 5, "duplicate category"},
        {ScoringMethod::Threshold, u"单位:%", 5, "no category at all"},
        {ScoringMethod::Threshold, u"", 5, "empty threshold"},
        {ScoringMethod::Deduction, u"扣:1", 5, "deduction without 每项"},
        {ScoringMethod::Deduction, u"1", 5, "bare number"},
        {ScoringMethod::Deduction, u"每项:0", 5, "zero per occurrence"},
        {ScoringMethod::Deduction, u"每项:-1", 5, "negative per occurrence"},
        {ScoringMethod::Deduction, u"每项:abc", 5, "non-numeric per occurrence"},
        {ScoringMethod::Deduction, u"每项:1;每项:2", 5, "two 每项"},
        {ScoringMethod::Deduction, u"", 5, "empty deduction"},
        {ScoringMethod::Bonus, u"上限:6", 6, "bonus without items"},
        {ScoringMethod::Bonus, u"", 6, "empty bonus"},
        {ScoringMethod::Bonus, u"甲:2;甲:3", 6, "duplicate bonus item"},
        {ScoringMethod::Bonus, u"甲:x;上限:6", 6, "non-numeric bonus points"},
        {ScoringMethod::Bonus, u"甲:2;上限:x", 6, "non-numeric cap"},
        {ScoringMethod::Bonus, u"甲:2;上限:-1", 6, "negative cap"},
        {ScoringMethod::Veto, u"是", 0, "veto with text"},
        {ScoringMethod::Veto, u"每项:1", 0, "veto with a rule"},
    };
    for (const BadRule &bad : cases) {
        const auto result = parse(bad.method, QString::fromUtf16(bad.text), bad.maxScore);
        EXPECT_FALSE(result.rule) << bad.why;
        EXPECT_FALSE(result.error.isEmpty()) << bad.why;
    }
}

TEST(ScoringRule, ErrorsNameTheOffendingPart)
{
    // HQ staff fix the Excel file from this message, so it must point at the culprit.
    EXPECT_TRUE(parse(ScoringMethod::Graded, QStringLiteral("好:1;较好:八成"), 4)
                    .error.contains(QStringLiteral("较好")));
    EXPECT_TRUE(parse(ScoringMethod::Checklist, QStringLiteral("甲:1;乙:1;甲:1"), 6)
                    .error.contains(QStringLiteral("甲")));
    EXPECT_TRUE(parse(ScoringMethod::Threshold, QStringLiteral("川区县:15/15"), 5)
                    .error.contains(QStringLiteral("川区县")));
    EXPECT_TRUE(parse(ScoringMethod::Graded, QStringLiteral("优:1.5"), 4)
                    .error.contains(QStringLiteral("优")));
}
