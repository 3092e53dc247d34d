// SetupReader: indicators.csv, the indicator tree with its scoring rules.
#include "setupreader.h"

#include <QRegularExpression>
#include <QSet>

namespace onsite {

namespace {

const QString kCode = QStringLiteral("编号");
const QString kProject = QStringLiteral("一级指标");
const QString kItem = QStringLiteral("二级指标");
const QString kScore = QStringLiteral("分值");
const QString kContent = QStringLiteral("考评内容与目标");
const QString kMethod = QStringLiteral("计分方法");
const QString kRule = QStringLiteral("计分标准");
const QString kEvidence = QStringLiteral("佐证材料");
const QString kCheck = QStringLiteral("核查方式");

} // namespace

void SetupReader::readIndicators(const QByteArray &bytes)
{
    const CsvTable table = CsvTable::fromBytes(bytes, QStringLiteral("indicators.csv"),
                                               {kCode, kProject, kItem, kScore, kContent, kMethod, kRule,
                                                kEvidence, kCheck});
    QHash<QString, int> projectLines;
    int position = 0;
    for (const CsvRow &row : table.rows()) {
        readIndicatorRow(row, position++);
        const Indicator &added = m_setup.indicators.back();
        if (added.isProject())
            projectLines.insert(added.code, row.line());
        else
            checkThresholdCategories(row, added);
    }
    if (m_setup.indicators.empty())
        throw ImportException(ImportError{table.fileName(), 0, 0, {}, QStringLiteral("没有任何指标")});
    checkProjectTotals(table, projectLines);
}

void SetupReader::readIndicatorRow(const CsvRow &row, int position)
{
    static const QRegularExpression projectCode(QStringLiteral("^[1-9][0-9]*$"));
    static const QRegularExpression itemCode(QStringLiteral("^([1-9][0-9]*)\\.([1-9][0-9]*)$"));

    Indicator indicator;
    indicator.position = position;
    indicator.code = row.value(kCode);
    if (indicator.code.isEmpty())
        row.fail(kCode, QStringLiteral("不能为空"));
    if (m_setup.indicator(indicator.code))
        row.fail(kCode, QStringLiteral("编号“%1”重复").arg(indicator.code));
    const auto itemMatch = itemCode.match(indicator.code);
    if (!projectCode.match(indicator.code).hasMatch() && !itemMatch.hasMatch())
        row.fail(kCode, QStringLiteral("编号“%1”应为一级指标“1”或二级指标“1.1”的形式").arg(indicator.code));

    const auto score = Decimal::parse(row.value(kScore));
    if (!score || *score < Decimal(0))
        row.fail(kScore, QStringLiteral("“%1”不是有效的分值").arg(row.value(kScore)));
    indicator.maxScore = *score;
    indicator.content = row.value(kContent);
    indicator.evidence = row.value(kEvidence);
    indicator.checkMethod = row.value(kCheck);
    indicator.ruleText = row.value(kRule);

    if (!itemMatch.hasMatch()) {
        indicator.title = row.value(kProject);
        if (indicator.title.isEmpty())
            row.fail(kProject, QStringLiteral("一级指标名称不能为空"));
        if (!row.value(kMethod).isEmpty())
            row.fail(kMethod, QStringLiteral("一级指标不设计分方法，请写在其二级指标上"));
        m_setup.indicators.push_back(std::move(indicator));
        return;
    }

    indicator.parentCode = itemMatch.captured(1);
    const Indicator *parent = m_setup.indicator(indicator.parentCode);
    if (!parent)
        row.fail(kCode, QStringLiteral("二级指标“%1”之前没有一级指标“%2”").arg(indicator.code, indicator.parentCode));
    indicator.title = row.value(kItem);
    if (indicator.title.isEmpty())
        row.fail(kItem, QStringLiteral("二级指标名称不能为空"));
    const auto method = scoringMethodFromName(row.value(kMethod));
    if (!method) {
        row.fail(kMethod, QStringLiteral("未知的计分方法“%1”（应为 等次评价、逐项核查、达标计分、扣分制、加分项 或 一票否决）")
                              .arg(row.value(kMethod)));
    }
    const RuleParseResult parsed = parseScoringRule(*method, indicator.ruleText, indicator.maxScore);
    if (!parsed.rule)
        row.fail(kRule, QStringLiteral("计分标准有误：%1").arg(parsed.error));
    indicator.rule = parsed.rule;
    m_setup.indicators.push_back(std::move(indicator));
}

void SetupReader::checkThresholdCategories(const CsvRow &row, const Indicator &item) const
{
    if (item.method() != ScoringMethod::Threshold)
        return;
    const auto &rule = std::get<ThresholdRule>(item.rule->data);
    for (const Unit &unit : m_setup.units) {
        if (!rule.targetFor(unit.category)) {
            row.fail(kRule, QStringLiteral("计分标准没有类别“%1”（单位 %2）的目标，也没有“默认”")
                                .arg(unit.category, unit.code));
        }
    }
    for (const auto &entry : rule.byCategory) {
        const QString &category = entry.first; // not a structured binding: clang 14 cannot capture one
        const bool known = category == kDefaultCategory ||
                           std::any_of(m_setup.units.begin(), m_setup.units.end(),
                                       [&](const Unit &unit) { return unit.category == category; });
        if (!known)
            row.fail(kRule, QStringLiteral("类别“%1”不是 units.csv 中的类别").arg(category));
    }
}

void SetupReader::checkProjectTotals(const CsvTable &table, const QHash<QString, int> &projectLines) const
{
    for (const Indicator &project : m_setup.indicators) {
        if (!project.isProject())
            continue;
        const auto items = m_setup.itemsOf(project.code);
        const int line = projectLines.value(project.code);
        if (items.empty())
            table.fail(line, kCode, QStringLiteral("一级指标“%1”下没有二级指标").arg(project.code));
        Decimal sum;
        bool bonus = true;
        for (const Indicator *item : items) {
            sum += item->maxScore;
            bonus = bonus && item->method() == ScoringMethod::Bonus;
        }
        // Bonus items may add up to any amount: the project caps them.
        if (!bonus && !(sum == project.maxScore)) {
            table.fail(line, kScore, QStringLiteral("二级指标分值合计 %1，与一级指标分值 %2 不符")
                                         .arg(sum.toPlainString(), project.maxScore.toPlainString()));
        }
    }
}

} // namespace onsite
