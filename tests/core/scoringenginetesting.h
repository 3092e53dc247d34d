#pragma once

// Small campaigns built in code for the scoring engine suites, and lookups into
// their results.

#include "scoring/scoringengine.h"

#include <stdexcept>

namespace onsite::test {

using namespace onsite;

inline QString u8(const char *text)
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

inline QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 6, 20), QTime(9, 0), Qt::UTC).addSecs(minute * 60);
}

inline ScoreEntry rater(const char *unit, const char *indicator, const char *account, const char *input,
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

inline ScoreEntry finalValue(const char *unit, const char *indicator, const char *account,
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

inline const UnitResult &unitOf(const CampaignResults &r, const char *code)
{
    return findIn(r.units, &UnitResult::unitCode, code);
}
inline const ItemResult &itemOf(const UnitResult &u, const char *code)
{
    return findIn(u.items, &ItemResult::indicatorCode, code);
}
// Throws (failing the test) when the item is unexpectedly unscored.
inline Decimal pointsOf(const UnitResult &u, const char *code)
{
    return itemOf(u, code).points.value();
}
inline Decimal subtotalOf(const UnitResult &u, const char *code)
{
    return findIn(u.subtotals, &ProjectSubtotal::projectCode, code).subtotal;
}

inline QStringList unitOrder(const CampaignResults &results)
{
    QStringList codes;
    for (const UnitResult &unit : results.units)
        codes << unit.unitCode;
    return codes;
}

} // namespace onsite::test
