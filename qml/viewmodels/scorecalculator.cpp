#include "scorecalculator.h"

#include "domain/indicator.h"
#include "scoring/scoreinput.h"

namespace onsite::app {

ScoreCalculator::ScoreCalculator(QObject *parent) : QObject(parent)
{
    connect(this, &ScoreCalculator::changed, this, &ScoreCalculator::recompute);
}

void ScoreCalculator::recompute()
{
    if (m_computing)
        return;
    m_computing = true;
    m_valid = false;
    m_veto = false;
    m_points.clear();
    m_error.clear();
    m_target.clear();
    m_bonusCap.clear();
    m_options.clear();
    m_optionPoints.clear();

    Indicator item;
    item.code = QStringLiteral("item");
    item.parentCode = QStringLiteral("project");
    item.maxScore = Decimal::parse(m_maxScore).value_or(Decimal(0));
    const auto method = scoringMethodFromName(m_method);
    const RuleParseResult parsed = method ? parseScoringRule(*method, m_rule, item.maxScore)
                                          : RuleParseResult{std::nullopt, tr("未知的计分方法")};
    if (!parsed.rule) {
        m_error = parsed.error;
    } else {
        item.rule = parsed.rule;
        auto listPoints = [this](const std::vector<NamedPoints> &entries, const Decimal &scale) {
            for (const NamedPoints &entry : entries) {
                m_options << entry.name;
                m_optionPoints << (entry.points * scale).toPlainString();
            }
        };
        if (const auto *graded = std::get_if<GradedRule>(&parsed.rule->data))
            listPoints(graded->levels, item.maxScore);
        else if (const auto *checklist = std::get_if<ChecklistRule>(&parsed.rule->data))
            listPoints(checklist->items, Decimal(1));
        else if (const auto *bonus = std::get_if<BonusRule>(&parsed.rule->data)) {
            listPoints(bonus->items, Decimal(1));
            m_bonusCap = Decimal::min(bonus->cap.value_or(item.maxScore), item.maxScore).toPlainString();
        } else if (const auto *threshold = std::get_if<ThresholdRule>(&parsed.rule->data)) {
            if (const auto t = threshold->targetFor(m_category)) {
                const bool upward = t->fullAt > t->zeroAt;
                m_target = tr("满分 %1 %2%4，零分 %3 %5%4")
                               .arg(upward ? QStringLiteral("≥") : QStringLiteral("≤"), t->fullAt.toPlainString(),
                                    upward ? QStringLiteral("≤") : QStringLiteral("≥"), threshold->unit,
                                    t->zeroAt.toPlainString());
            }
        }
        const bool empty = m_input.trimmed().isEmpty();
        const bool emptyIsNone = *method == ScoringMethod::Checklist || *method == ScoringMethod::Bonus;
        if (!empty || (emptyIsNone && m_recorded && m_final != QLatin1String("true"))) {
            const InputEvaluation evaluation = m_final == QLatin1String("true")
                                                   ? evaluateFinalInput(item, m_input)
                                                   : evaluateRaterInput(item, m_category, m_input);
            if (evaluation.value) {
                m_valid = true;
                m_veto = evaluation.value->vetoTriggered;
                m_points = evaluation.value->points.toString(2);
            } else if (!empty) {
                m_error = evaluation.error;
            }
        }
    }
    // One signal serves inputs and results: emitted while m_computing is set, it tells
    // QML the results changed without starting another computation.
    Q_EMIT changed();
    m_computing = false;
}

} // namespace onsite::app
