#include "client/rules/fieldrules.h"

#include "client/rules/fielderror.h"
#include "policy/recheckpolicy.h"
#include "policy/policytext.h"
#include "policy/scorepolicy.h"
#include "client/store/setupcache.h"
#include "store/campaignstore.h"
#include "client/store/syncstate.h"

#include <QCoreApplication>
#include <QSet>

namespace onsite::sync {

FieldRules::FieldRules(CampaignSetup setup, Person me, QStringList scopeUnits)
    : FieldRules(std::make_shared<const CampaignSetup>(std::move(setup)), std::move(me),
                 std::move(scopeUnits))
{
}

FieldRules::FieldRules(std::shared_ptr<const CampaignSetup> setup, Person me,
                       QStringList scopeUnits)
    : m_setup(std::move(setup)), m_me(std::move(me)), m_scope(std::move(scopeUnits))
{
}

FieldRules FieldRules::load(SqlConnection &db, SetupCache *setups)
{
    const SyncState state(db);
    const QString account = state.account();
    std::shared_ptr<const CampaignSetup> setup;
    if (setups) {
        setup = setups->load(db);
    } else if (std::optional<CampaignSetup> loaded = CampaignStore(db).loadSetup()) {
        setup = std::make_shared<const CampaignSetup>(std::move(*loaded));
    }
    if (account.isEmpty() || !setup)
        throw FieldError(QCoreApplication::translate("FieldRules", "本机还没有登录，请先登录以下载考评设置"));
    const Person *me = setup->person(account);
    if (!me)
        throw FieldError(QCoreApplication::translate("FieldRules", "本机的考评设置中没有账号“%1”，请重新登录").arg(account));
    Person person = *me;
    return FieldRules(std::move(setup), std::move(person), state.scopeUnits());
}

std::vector<FieldRules::UnitChoice> FieldRules::unitsToAssess() const
{
    std::vector<UnitChoice> choices;
    if (!m_me.isRater() && m_me.role != Role::Hq)
        return choices;
    // Sets, not list lookups: a group and a scope may hold thousands of units.
    const QSet<QString> scope(m_scope.cbegin(), m_scope.cend());
    QSet<QString> groupUnits; // what CampaignSetup::assesses checks, for a rater
    if (const InspectionGroup *group = m_me.isRater() ? m_setup->group(m_me.groupName) : nullptr)
        groupUnits = QSet<QString>(group->unitCodes.cbegin(), group->unitCodes.cend());
    for (const Unit &unit : m_setup->units) {
        if (!scope.contains(unit.code))
            continue;
        if (m_me.isRater() && !groupUnits.contains(unit.code))
            continue;
        choices.push_back({&unit, unit.code == m_me.homeUnitCode});
    }
    return choices;
}

const Unit &FieldRules::requireUnit(const QString &code) const
{
    const Unit *unit = m_setup->unit(code);
    if (!unit || !m_scope.contains(code)) {
        throw FieldError(unit ? QCoreApplication::translate("FieldRules", "单位 %1（%2）不在你的考评范围内").arg(code, unit->name)
                              : QCoreApplication::translate("FieldRules", "没有编码为“%1”的单位（或不在你的考评范围内）").arg(code));
    }
    return *unit;
}

const Indicator &FieldRules::requireItem(const QString &code) const
{
    const Indicator *indicator = m_setup->indicator(code);
    if (!indicator)
        throw FieldError(QCoreApplication::translate("FieldRules", "指标“%1”不存在").arg(code));
    if (indicator->isProject())
        throw FieldError(QCoreApplication::translate("FieldRules", "“%1 %2”是一级指标，请选择其下的二级指标").arg(code, indicator->title));
    return *indicator;
}

const Site &FieldRules::requireSite(const QString &code) const
{
    for (const Site &site : m_setup->sites) {
        if (site.code == code) {
            requireUnit(site.unitCode);
            return site;
        }
    }
    throw FieldError(QCoreApplication::translate("FieldRules", "点位“%1”不存在（或不在你的考评范围内）").arg(code));
}

void FieldRules::requireFieldWorker() const
{
    if (!m_me.isRater() && m_me.role != Role::Hq)
        throw FieldError(QCoreApplication::translate("FieldRules", "%1不能记录现场考评内容").arg(roleTitle(m_me.role)));
}

ItemValue FieldRules::checkScore(const QString &unitCode, const QString &indicatorCode, const QString &input,
                                 ScoreKind kind, const QString &reason, bool unitLocked,
                                 const std::optional<CheckInEvidence> &checkIns) const
{
    const QSet<QString> scope(m_scope.cbegin(), m_scope.cend());
    const ScoreRequest request{unitCode, indicatorCode, input, kind, reason, checkIns};
    const ScoreDecision decision = ScorePolicy(*m_setup, m_me, scope).decide(request, unitLocked);
    if (decision.allowed())
        return *decision.value;
    // The policy decides and words it, the same as HQ.
    throw FieldError(ScorePolicy(*m_setup, m_me, scope).message(decision, request));
}

void FieldRules::checkRecheckResult(const RecheckResult &result, const Recheck *recheck) const
{
    const QSet<QString> scope = scopeSet();
    const RecheckPolicy policy(*m_setup, m_me, scope);
    const RecheckRefusal refusal = policy.decide(result, recheck);
    if (refusal == RecheckRefusal::None)
        return;
    // An out-of-scope unit is named as the other screens name it.
    if (refusal == RecheckRefusal::OutOfScope && !scope.contains(result.unitCode))
        requireUnit(result.unitCode);
    throw FieldError(policy.message(refusal, result)); // the policy's words, the same as HQ's
}

} // namespace onsite::sync
