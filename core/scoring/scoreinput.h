#pragma once

#include "decimal.h"
#include "domain/indicator.h"

#include <QString>

#include <optional>

namespace onsite {

// What one input means for one item: the points it earns and, for a veto item,
// whether the veto was triggered.
struct ItemValue
{
    Decimal points;
    bool vetoTriggered = false;
};

struct InputEvaluation
{
    std::optional<ItemValue> value;
    QString error; // set when value is empty; says in Chinese what is wrong with the input
};

// A rater's input in the shared text syntax:
//   等次评价  a level name              "较好"
//   逐项核查  held items joined by ';'   "有年度学习计划;书记讲党课" (empty: none held)
//   达标计分  the verified value         "15.4"
//   扣分制    a whole count              "2"
//   加分项    item:count pairs           "省级表彰推广:1;国家级表彰推广:1" (empty: none)
//   一票否决  是 or 否
// `category` is the unit's category, which selects the threshold target.
InputEvaluation evaluateRaterInput(const Indicator &item, const QString &category, const QString &input);

// A leader's final value (组长核定): the item's points as a number between 0 and the
// item score, or 是/否 for a veto item.
InputEvaluation evaluateFinalInput(const Indicator &item, const QString &input);

} // namespace onsite
