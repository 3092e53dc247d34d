#include "scoringrule.h"

namespace onsite {

namespace {

const std::pair<ScoringMethod, const char16_t *> kMethodNames[] = {
    {ScoringMethod::Graded, u"等次评价"},   {ScoringMethod::Checklist, u"逐项核查"},
    {ScoringMethod::Threshold, u"达标计分"}, {ScoringMethod::Deduction, u"扣分制"},
    {ScoringMethod::Bonus, u"加分项"},       {ScoringMethod::Veto, u"一票否决"},
};

struct KeyValue
{
    QString key;
    QString value;
};

// Splits "a:1;b:2" into pairs. Accepts full-width ':' and ';' as Excel users type them.
std::optional<std::vector<KeyValue>> splitPairs(const QString &text, QString *error)
{
    QString normalized = text;
    normalized.replace(QChar(0xFF1A), QLatin1Char(':')).replace(QChar(0xFF1B), QLatin1Char(';'));
    std::vector<KeyValue> pairs;
    const QStringList parts = normalized.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &rawPart : parts) {
        const QString part = rawPart.trimmed();
        if (part.isEmpty())
            continue;
        const qsizetype colon = part.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == part.size() - 1) {
            *error = QStringLiteral("“%1”应为“名称:数值”的形式").arg(part);
            return std::nullopt;
        }
        pairs.push_back({part.left(colon).trimmed(), part.mid(colon + 1).trimmed()});
    }
    if (pairs.empty()) {
        *error = QStringLiteral("计分标准为空");
        return std::nullopt;
    }
    return pairs;
}

std::optional<Decimal> parseNonNegative(const KeyValue &kv, QString *error)
{
    const auto value = Decimal::parse(kv.value);
    if (!value || *value < Decimal(0)) {
        *error = QStringLiteral("“%1:%2”中的数值无效").arg(kv.key, kv.value);
        return std::nullopt;
    }
    return value;
}

bool hasDuplicateName(const std::vector<NamedPoints> &items, const QString &name)
{
    for (const auto &item : items) {
        if (item.name == name)
            return true;
    }
    return false;
}

std::optional<std::vector<NamedPoints>> parseNamedPoints(const std::vector<KeyValue> &pairs,
                                                         QString *error)
{
    std::vector<NamedPoints> items;
    for (const auto &kv : pairs) {
        const auto points = parseNonNegative(kv, error);
        if (!points)
            return std::nullopt;
        if (hasDuplicateName(items, kv.key)) {
            *error = QStringLiteral("“%1”重复出现").arg(kv.key);
            return std::nullopt;
        }
        items.push_back({kv.key, *points});
    }
    return items;
}

RuleParseResult fail(QString message)
{
    return {std::nullopt, std::move(message)};
}

RuleParseResult parseGraded(const std::vector<KeyValue> &pairs)
{
    QString error;
    auto levels = parseNamedPoints(pairs, &error);
    if (!levels)
        return fail(error);
    for (const auto &level : *levels) {
        if (level.points > Decimal(1))
            return fail(QStringLiteral("等次“%1”的系数 %2 超过 1").arg(level.name, level.points.toPlainString()));
    }
    return {ScoringRule{ScoringMethod::Graded, GradedRule{std::move(*levels)}}, {}};
}

RuleParseResult parseChecklist(const std::vector<KeyValue> &pairs, const Decimal &maxScore)
{
    QString error;
    auto items = parseNamedPoints(pairs, &error);
    if (!items)
        return fail(error);
    Decimal sum;
    for (const auto &item : *items)
        sum += item.points;
    if (sum > maxScore)
        return fail(QStringLiteral("核查项合计 %1 分，超过分值 %2").arg(sum.toPlainString(), maxScore.toPlainString()));
    return {ScoringRule{ScoringMethod::Checklist, ChecklistRule{std::move(*items)}}, {}};
}

RuleParseResult parseThreshold(const std::vector<KeyValue> &pairs)
{
    ThresholdRule rule;
    for (const auto &kv : pairs) {
        if (kv.key == QStringLiteral("单位")) {
            rule.unit = kv.value;
            continue;
        }
        const QStringList bounds = kv.value.split(QLatin1Char('/'));
        const auto full = bounds.size() == 2 ? Decimal::parse(bounds[0]) : std::nullopt;
        const auto zero = bounds.size() == 2 ? Decimal::parse(bounds[1]) : std::nullopt;
        if (!full || !zero)
            return fail(QStringLiteral("“%1:%2”应为“类别:满分值/零分值”").arg(kv.key, kv.value));
        if (*full == *zero)
            return fail(QStringLiteral("“%1”的满分值与零分值相同").arg(kv.key));
        if (rule.byCategory.count(kv.key))
            return fail(QStringLiteral("类别“%1”重复出现").arg(kv.key));
        rule.byCategory[kv.key] = ThresholdTarget{*full, *zero};
    }
    if (rule.byCategory.empty())
        return fail(QStringLiteral("达标计分至少需要一个“类别:满分值/零分值”"));
    return {ScoringRule{ScoringMethod::Threshold, std::move(rule)}, {}};
}

RuleParseResult parseDeduction(const std::vector<KeyValue> &pairs)
{
    if (pairs.size() != 1 || pairs[0].key != QStringLiteral("每项"))
        return fail(QStringLiteral("扣分制的计分标准应为“每项:扣分”"));
    QString error;
    const auto per = parseNonNegative(pairs[0], &error);
    if (!per || per->isZero())
        return fail(error.isEmpty() ? QStringLiteral("每项扣分必须大于 0") : error);
    return {ScoringRule{ScoringMethod::Deduction, DeductionRule{*per}}, {}};
}

RuleParseResult parseBonus(const std::vector<KeyValue> &pairs)
{
    BonusRule rule;
    std::vector<KeyValue> itemPairs;
    for (const auto &kv : pairs) {
        if (kv.key == QStringLiteral("上限")) {
            QString error;
            const auto cap = parseNonNegative(kv, &error);
            if (!cap)
                return fail(error);
            rule.cap = *cap;
        } else {
            itemPairs.push_back(kv);
        }
    }
    if (itemPairs.empty())
        return fail(QStringLiteral("加分项至少需要一个“项目:分数”"));
    QString error;
    auto items = parseNamedPoints(itemPairs, &error);
    if (!items)
        return fail(error);
    rule.items = std::move(*items);
    return {ScoringRule{ScoringMethod::Bonus, std::move(rule)}, {}};
}

} // namespace

std::optional<ScoringMethod> scoringMethodFromName(const QString &name)
{
    const QString trimmed = name.trimmed();
    for (const auto &[method, text] : kMethodNames) {
        if (trimmed == QString::fromUtf16(text))
            return method;
    }
    return std::nullopt;
}

QString scoringMethodName(ScoringMethod method)
{
    for (const auto &[m, text] : kMethodNames) {
        if (m == method)
            return QString::fromUtf16(text);
    }
    return {};
}

std::optional<ThresholdTarget> ThresholdRule::targetFor(const QString &category) const
{
    if (auto it = byCategory.find(category); it != byCategory.end())
        return it->second;
    if (auto it = byCategory.find(kDefaultCategory); it != byCategory.end())
        return it->second;
    return std::nullopt;
}

RuleParseResult parseScoringRule(ScoringMethod method, const QString &text, const Decimal &maxScore)
{
    if (method == ScoringMethod::Veto) {
        if (!text.trimmed().isEmpty())
            return fail(QStringLiteral("一票否决不需要计分标准"));
        return {ScoringRule{ScoringMethod::Veto, VetoRule{}}, {}};
    }
    QString error;
    const auto pairs = splitPairs(text, &error);
    if (!pairs)
        return fail(error);
    switch (method) {
    case ScoringMethod::Graded:
        return parseGraded(*pairs);
    case ScoringMethod::Checklist:
        return parseChecklist(*pairs, maxScore);
    case ScoringMethod::Threshold:
        return parseThreshold(*pairs);
    case ScoringMethod::Deduction:
        return parseDeduction(*pairs);
    case ScoringMethod::Bonus:
        return parseBonus(*pairs);
    case ScoringMethod::Veto:
        break;
    }
    return fail(QStringLiteral("未知的计分方法"));
}

} // namespace onsite
