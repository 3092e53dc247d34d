#include "scoreinput.h"

#include <QSet>
#include <QStringList>

namespace onsite {

namespace {

InputEvaluation ok(Decimal points, bool veto = false)
{
    return {ItemValue{std::move(points), veto}, {}};
}

InputEvaluation fail(QString message)
{
    return {std::nullopt, std::move(message)};
}

QString normalizeSeparators(QString text)
{
    return text.replace(QChar(0xFF1A), QLatin1Char(':')).replace(QChar(0xFF1B), QLatin1Char(';'));
}

QStringList splitList(const QString &input)
{
    QStringList parts;
    for (const QString &part : normalizeSeparators(input).split(QLatin1Char(';'))) {
        if (!part.trimmed().isEmpty())
            parts << part.trimmed();
    }
    return parts;
}

QString namesOf(const std::vector<NamedPoints> &items)
{
    QStringList names;
    for (const auto &item : items)
        names << item.name;
    return names.join(QStringLiteral("、"));
}

const NamedPoints *findNamed(const std::vector<NamedPoints> &items, const QString &name)
{
    for (const auto &item : items) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

std::optional<long long> parseCount(const QString &text)
{
    bool isNumber = false;
    const long long count = text.trimmed().toLongLong(&isNumber);
    if (!isNumber || count < 0 || count > 1000000)
        return std::nullopt;
    return count;
}

std::optional<bool> parseYesNo(const QString &input)
{
    const QString text = input.trimmed();
    if (text == QStringLiteral("是"))
        return true;
    if (text == QStringLiteral("否"))
        return false;
    return std::nullopt;
}

InputEvaluation evaluateGraded(const Indicator &item, const GradedRule &rule, const QString &input)
{
    const NamedPoints *level = findNamed(rule.levels, input.trimmed());
    if (!level)
        return fail(QStringLiteral("“%1”不是本项的等次（可选：%2）").arg(input.trimmed(), namesOf(rule.levels)));
    return ok(item.maxScore * level->points);
}

InputEvaluation evaluateChecklist(const ChecklistRule &rule, const QString &input)
{
    Decimal sum;
    QSet<QString> seen;
    for (const QString &name : splitList(input)) {
        const NamedPoints *held = findNamed(rule.items, name);
        if (!held)
            return fail(QStringLiteral("“%1”不是本项的核查内容（可选：%2）").arg(name, namesOf(rule.items)));
        if (seen.contains(name))
            return fail(QStringLiteral("核查内容“%1”重复").arg(name));
        seen.insert(name);
        sum += held->points;
    }
    return ok(sum);
}

InputEvaluation evaluateThreshold(const Indicator &item, const ThresholdRule &rule,
                                  const QString &category, const QString &input)
{
    const auto value = Decimal::parse(input);
    if (!value)
        return fail(QStringLiteral("“%1”不是有效的数值").arg(input.trimmed()));
    const auto target = rule.targetFor(category);
    if (!target)
        return fail(QStringLiteral("计分标准没有类别“%1”的目标，也没有“默认”").arg(category));
    const Decimal ratio = (*value - target->zeroAt) / (target->fullAt - target->zeroAt);
    return ok(item.maxScore * Decimal::clamp(ratio, Decimal(0), Decimal(1)));
}

InputEvaluation evaluateDeduction(const Indicator &item, const DeductionRule &rule, const QString &input)
{
    const auto count = parseCount(input);
    if (!count)
        return fail(QStringLiteral("“%1”不是有效的次数（应为 0 或正整数）").arg(input.trimmed()));
    return ok(Decimal::max(Decimal(0), item.maxScore - Decimal(static_cast<int>(*count)) * rule.perOccurrence));
}

InputEvaluation evaluateBonus(const Indicator &item, const BonusRule &rule, const QString &input)
{
    Decimal sum;
    QSet<QString> seen;
    for (const QString &part : splitList(input)) {
        const qsizetype colon = part.lastIndexOf(QLatin1Char(':'));
        const QString name = colon < 0 ? part : part.left(colon).trimmed();
        const auto count = colon < 0 ? std::optional<long long>(1) : parseCount(part.mid(colon + 1));
        const NamedPoints *bonus = findNamed(rule.items, name);
        if (!bonus)
            return fail(QStringLiteral("“%1”不是本项的加分项目（可选：%2）").arg(name, namesOf(rule.items)));
        if (!count)
            return fail(QStringLiteral("“%1”的次数无效（应为 0 或正整数）").arg(part));
        if (seen.contains(name))
            return fail(QStringLiteral("加分项目“%1”重复").arg(name));
        seen.insert(name);
        sum += Decimal(static_cast<int>(*count)) * bonus->points;
    }
    Decimal capped = Decimal::min(sum, item.maxScore);
    if (rule.cap)
        capped = Decimal::min(capped, *rule.cap);
    return ok(capped);
}

} // namespace

InputEvaluation evaluateRaterInput(const Indicator &item, const QString &category, const QString &input)
{
    if (!item.rule)
        return fail(QStringLiteral("指标 %1 是一级指标，不能直接评分").arg(item.code));
    const ScoringRule &rule = *item.rule;
    const bool emptyMeansNone = rule.method == ScoringMethod::Checklist || rule.method == ScoringMethod::Bonus;
    if (input.trimmed().isEmpty() && !emptyMeansNone)
        return fail(QStringLiteral("评分输入为空"));
    switch (rule.method) {
    case ScoringMethod::Graded:
        return evaluateGraded(item, std::get<GradedRule>(rule.data), input);
    case ScoringMethod::Checklist:
        return evaluateChecklist(std::get<ChecklistRule>(rule.data), input);
    case ScoringMethod::Threshold:
        return evaluateThreshold(item, std::get<ThresholdRule>(rule.data), category, input);
    case ScoringMethod::Deduction:
        return evaluateDeduction(item, std::get<DeductionRule>(rule.data), input);
    case ScoringMethod::Bonus:
        return evaluateBonus(item, std::get<BonusRule>(rule.data), input);
    case ScoringMethod::Veto: {
        const auto triggered = parseYesNo(input);
        if (!triggered)
            return fail(QStringLiteral("一票否决应填“是”或“否”，而不是“%1”").arg(input.trimmed()));
        return ok(Decimal(0), *triggered);
    }
    }
    return fail(QStringLiteral("未知的计分方法"));
}

InputEvaluation evaluateFinalInput(const Indicator &item, const QString &input)
{
    if (!item.rule)
        return fail(QStringLiteral("指标 %1 是一级指标，不能核定").arg(item.code));
    if (item.rule->method == ScoringMethod::Veto) {
        const auto triggered = parseYesNo(input);
        if (!triggered)
            return fail(QStringLiteral("一票否决的核定值应为“是”或“否”，而不是“%1”").arg(input.trimmed()));
        return ok(Decimal(0), *triggered);
    }
    const auto value = Decimal::parse(input);
    if (!value)
        return fail(QStringLiteral("核定值“%1”不是有效的分数").arg(input.trimmed()));
    if (*value < Decimal(0) || *value > item.maxScore)
        return fail(QStringLiteral("核定值 %1 超出 0 到 %2 的范围").arg(value->toPlainString(), item.maxScore.toPlainString()));
    return ok(*value);
}

} // namespace onsite
