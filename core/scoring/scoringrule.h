#pragma once

#include "decimal.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <variant>
#include <vector>

namespace onsite {

// 计分方法 as written in indicators.csv.
enum class ScoringMethod { Graded, Checklist, Threshold, Deduction, Bonus, Veto };

std::optional<ScoringMethod> scoringMethodFromName(const QString &name);
QString scoringMethodName(ScoringMethod method);

struct NamedPoints
{
    QString name;
    Decimal points; // a fraction of the item score for graded levels, points otherwise
};

struct GradedRule
{
    std::vector<NamedPoints> levels; // 好:1;较好:0.8;…
};

struct ChecklistRule
{
    std::vector<NamedPoints> items; // item:points;…
};

struct ThresholdTarget
{
    Decimal fullAt; // F: value that earns the full score
    Decimal zeroAt; // Z: value that earns nothing
};

struct ThresholdRule
{
    std::map<QString, ThresholdTarget> byCategory; // key "默认" is the fallback
    QString unit;                                  // 单位:% (display only)

    // The target for a unit category, or nullopt when neither it nor 默认 is given.
    std::optional<ThresholdTarget> targetFor(const QString &category) const;
};

struct DeductionRule
{
    Decimal perOccurrence; // 每项:n
};

struct BonusRule
{
    std::vector<NamedPoints> items; // item:points per occurrence
    std::optional<Decimal> cap;     // 上限:n
};

struct VetoRule
{};

using ScoringRuleData =
    std::variant<GradedRule, ChecklistRule, ThresholdRule, DeductionRule, BonusRule, VetoRule>;

struct ScoringRule
{
    ScoringMethod method = ScoringMethod::Graded;
    ScoringRuleData data;
};

// The category name used as fallback in threshold rules.
inline const QString kDefaultCategory = QStringLiteral("默认");

struct RuleParseResult
{
    std::optional<ScoringRule> rule;
    QString error; // set when rule is empty; names the offending part in Chinese
};

// Parses the 计分标准 text of one indicator for its method. `maxScore` is the item
// score, used to reject rules that can never fit it (checklist points above it).
RuleParseResult parseScoringRule(ScoringMethod method, const QString &text, const Decimal &maxScore);

} // namespace onsite
