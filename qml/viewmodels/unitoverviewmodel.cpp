#include "unitoverviewmodel.h"

#include "followworkspace.h"
#include "client/fieldworkspace.h"
#include "client/rules/fielderror.h"
#include "scoring/scoreinput.h"
#include "scoring/scoringengine.h"

#include <map>

namespace onsite::app {

sync::FieldWorkspace *UnitOverviewModel::workspace() const { return m_workspace; }

void UnitOverviewModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (!followWorkspace(this, m_workspace, workspace, &sync::SyncEngine::finished, &UnitOverviewModel::reload))
        return;
    Q_EMIT workspaceChanged();
    reload();
}

void UnitOverviewModel::setUnitCode(const QString &code)
{
    if (code == m_unitCode)
        return;
    m_unitCode = code;
    reload();
}

void UnitOverviewModel::reload()
{
    m_items.clear();
    m_projects.clear();
    m_missing = 0;
    m_groupTotal.clear();
    m_unscored.clear();
    m_submissionText.clear();
    m_submitted = m_canSubmit = m_canSetFinal = false;
    if (!m_workspace || m_unitCode.isEmpty()) {
        Q_EMIT changed();
        return;
    }
    try {
        const sync::FieldRules rules = m_workspace->rules();
        const Person &me = rules.me();
        m_canSetFinal = me.canSetFinalValue() && me.homeUnitCode != m_unitCode;
        m_canSubmit = m_canSetFinal;
        const UnitSubmissions submissions = m_workspace->submissions();
        m_unscored = submissions.unscoredItems(rules.setup(), m_unitCode);
        if (const auto submission = submissions.find(m_unitCode)) {
            const Person *by = rules.setup().person(submission->account);
            const QString who = by ? by->name : submission->account;
            const QString when = submission->changedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            m_submitted = submission->locked;
            m_submissionText = submission->locked
                                   ? tr("%1 于 %2 提交，本单位评分已锁定").arg(who, when)
                                   : tr("%1 于 %2 撤回提交：%3").arg(who, when, submission->note);
        }
        const std::vector<ScoreEntry> entries = m_workspace->scores();
        const CampaignResults results = ScoringEngine(rules.setup()).compute(entries);
        const auto unit = std::find_if(results.units.begin(), results.units.end(),
                                       [&](const UnitResult &u) { return u.unitCode == m_unitCode; });
        if (unit == results.units.end())
            throw std::runtime_error("unit not in the set-up");
        m_groupTotal = unit->total.toString(2);
        const Unit *assessed = rules.setup().unit(m_unitCode);
        std::map<QString, Decimal> mineByProject;
        for (const ItemResult &item : unit->items) {
            const Indicator *indicator = rules.setup().indicator(item.indicatorCode);
            QString mine, finalValue, finalReason;
            // An empty input is a recorded "none held" (逐项核查, 加分项), not a missing score.
            bool hasMine = false;
            for (const ScoreEntry &entry : entries) {
                if (entry.unitCode != m_unitCode || entry.indicatorCode != item.indicatorCode)
                    continue;
                if (entry.kind == ScoreKind::Rater && entry.account == me.account) {
                    mine = entry.input;
                    hasMine = true;
                }
                if (entry.kind == ScoreKind::Final) {
                    finalValue = entry.input;
                    finalReason = entry.reason;
                }
            }
            if (!hasMine && me.isRater())
                ++m_missing;
            // My input in points, by the same rule the group's score uses.
            QString minePoints;
            if (hasMine && indicator && assessed) {
                const InputEvaluation mineValue = evaluateRaterInput(*indicator, assessed->category, mine);
                if (mineValue.value) {
                    minePoints = mineValue.value->points.toString(2);
                    mineByProject[indicator->parentCode] += mineValue.value->points;
                }
            }
            m_items.append(QVariantMap{
                {QStringLiteral("code"), item.indicatorCode},
                {QStringLiteral("title"), indicator ? indicator->title : QString()},
                {QStringLiteral("method"), indicator && indicator->rule ? scoringMethodName(indicator->rule->method) : QString()},
                {QStringLiteral("maxScore"), indicator ? indicator->maxScore.toPlainString() : QString()},
                {QStringLiteral("mine"), mine},
                {QStringLiteral("mineScored"), hasMine},
                {QStringLiteral("minePoints"), minePoints},
                {QStringLiteral("project"), indicator ? indicator->parentCode : QString()},
                {QStringLiteral("groupPoints"), item.points ? item.points->toString(2) : QString()},
                {QStringLiteral("raters"), item.raterCount},
                {QStringLiteral("finalValue"), finalValue},
                {QStringLiteral("finalReason"), finalReason},
                {QStringLiteral("veto"), item.vetoTriggered}});
        }
        for (const ProjectSubtotal &subtotal : unit->subtotals) {
            const Indicator *project = rules.setup().indicator(subtotal.projectCode);
            Decimal mine = mineByProject[subtotal.projectCode];
            if (project && project->maxScore < mine) // the bonus project is capped, as at HQ
                mine = project->maxScore;
            m_projects.append(QVariantMap{
                {QStringLiteral("code"), subtotal.projectCode},
                {QStringLiteral("title"), project ? project->title : QString()},
                {QStringLiteral("maxScore"), project ? project->maxScore.toPlainString() : QString()},
                {QStringLiteral("subtotal"), subtotal.subtotal.toString(2)},
                {QStringLiteral("mineSubtotal"), mine.toString(2)}});
        }
    } catch (const std::exception &e) {
        m_message = QString::fromUtf8(e.what());
    }
    Q_EMIT changed();
}

template <typename Work>
bool UnitOverviewModel::write(Work work, const QString &done)
{
    if (!m_workspace)
        return false;
    try {
        m_workspace->record(work);
    } catch (const sync::FieldError &e) {
        m_message = e.message();
        Q_EMIT changed();
        return false;
    } catch (const std::exception &e) {
        m_message = tr("保存失败：%1").arg(QString::fromUtf8(e.what()));
        Q_EMIT changed();
        return false;
    }
    reload();
    m_message = done;
    Q_EMIT changed();
    return true;
}

bool UnitOverviewModel::setFinalValue(const QString &indicatorCode, const QString &value, const QString &reason)
{
    return write([&](sync::FieldRecorder &r) {
        r.recordScore(m_unitCode, indicatorCode, value.trimmed(), ScoreKind::Final, reason.trimmed());
    }, tr("已核定指标 %1").arg(indicatorCode));
}

bool UnitOverviewModel::submit()
{
    return write([&](sync::FieldRecorder &r) { r.submitUnit(m_unitCode); },
                 tr("已提交并锁定本单位，联网后同步到考评办"));
}

bool UnitOverviewModel::reopen(const QString &reason)
{
    return write([&](sync::FieldRecorder &r) { r.reopenUnit(m_unitCode, reason); }, tr("已撤回提交，本单位可以继续评分"));
}

} // namespace onsite::app
