#pragma once

#include "scoring/decimal.h"
#include "scoring/scoringrule.h"

#include <QString>

#include <optional>

namespace onsite {

// One node of the indicator tree: a level-1 project ("1") or a level-2 item ("1.1").
// Only items carry a scoring method and rule.
struct Indicator
{
    QString code;
    QString parentCode; // empty for projects
    QString title;      // 一级指标 or 二级指标 text
    Decimal maxScore;   // 分值
    QString content;    // 考评内容与目标
    std::optional<ScoringRule> rule;
    QString ruleText;   // 计分标准 as written, kept for display and export
    QString evidence;   // 佐证材料
    QString checkMethod; // 核查方式
    int position = 0;   // order within the file

    bool isProject() const { return parentCode.isEmpty(); }
    std::optional<ScoringMethod> method() const
    {
        return rule ? std::optional<ScoringMethod>(rule->method) : std::nullopt;
    }
};

} // namespace onsite
