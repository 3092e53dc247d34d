#include "client/rules/fieldrules.h"

#include "client/rules/fielderror.h"
#include "policy/recheckpolicy.h"
#include "policy/scorepolicy.h"
#include "client/store/setupcache.h"
#include "store/campaignstore.h"
#include "client/store/syncstate.h"

#include <QCoreApplication>
#include <QSet>

namespace onsite::sync {

namespace {

QString roleText(Role role)
{
    switch (role) {
    case Role::Hq:
        return QCoreApplication::translate("FieldRules", "考评办");
    case Role::Leader:
        return QCoreApplication::translate("FieldRules", "检查组长");
    case Role::Inspector:
        return QCoreApplication::translate("FieldRules", "检查组员");
    case Role::Liaison:
        return QCoreApplication::translate("FieldRules", "联络员");
    }
    return {};
}

} // namespace

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
        throw FieldError(QCoreApplication::translate("FieldRules", "%1不能记录现场考评内容").arg(roleText(m_me.role)));
}

ItemValue FieldRules::checkScore(const QString &unitCode, const QString &indicatorCode, const QString &input,
                                 ScoreKind kind, const QString &reason, bool unitLocked,
                                 const std::optional<CheckInEvidence> &checkIns) const
{
    const QSet<QString> scope(m_scope.cbegin(), m_scope.cend());
    const ScoreDecision decision = ScorePolicy(*m_setup, m_me, scope)
                                       .decide({unitCode, indicatorCode, input, kind, reason, checkIns}, unitLocked);
    if (decision.allowed())
        return *decision.value;
    // The policy decides (the same one HQ applies); these are the words for the screen.
    const Unit *unit = decision.unit;
    switch (decision.refusal) {
    case ScoreRefusal::None:
        break;
    case ScoreRefusal::UnknownUnit:
        requireUnit(unitCode); // throws its message
        break;
    case ScoreRefusal::UnknownIndicator:
        requireItem(indicatorCode); // throws its message
        break;
    case ScoreRefusal::ForbiddenRole:
    case ScoreRefusal::NotRater:
        throw FieldError(m_me.role == Role::Hq
                             ? QCoreApplication::translate("FieldRules", "考评办不作为评分人打分；如需核定，请以核定方式录入并写明理由")
                             : QCoreApplication::translate("FieldRules", "%1不能评分").arg(roleText(m_me.role)));
    case ScoreRefusal::OutOfScope:
        if (!scope.contains(unit->code))
            requireUnit(unitCode); // throws its message
        throw FieldError(QCoreApplication::translate("FieldRules", "%1不考评单位 %2（%3）").arg(m_me.groupName, unit->code, unit->name));
    case ScoreRefusal::ConflictOfInterest:
        throw FieldError(QCoreApplication::translate("FieldRules", "回避：你（%1）来自%2（%3），不能为本单位评分")
                             .arg(m_me.name, unit->name, unit->code));
    case ScoreRefusal::NotLeader:
        throw FieldError(QCoreApplication::translate("FieldRules", "只有检查组长或考评办可以核定，你是%1").arg(roleText(m_me.role)));
    case ScoreRefusal::ReasonRequired:
        throw FieldError(QCoreApplication::translate("FieldRules", "核定必须写明理由"));
    case ScoreRefusal::UnitLocked:
        throw FieldError(QCoreApplication::translate("FieldRecorder", "单位 %1 已由组长提交锁定，评分不能再修改").arg(unitCode));
    case ScoreRefusal::LockedNeedsReason:
        throw FieldError(QCoreApplication::translate("FieldRecorder", "单位 %1 已提交锁定，修改评分必须写明理由").arg(unitCode));
    case ScoreRefusal::InvalidInput:
        throw FieldError(QCoreApplication::translate("FieldRules", "指标 %1 的输入“%2”无效：%3")
                             .arg(decision.item->code, input, decision.inputError));
    case ScoreRefusal::CheckInRequired:
        throw FieldError(QCoreApplication::translate("FieldRules", "本次考评要求先在%1的点位现场签到，才能评分")
                             .arg(unit->name));
    case ScoreRefusal::CheckInNoPosition:
        throw FieldError(QCoreApplication::translate("FieldRules", "你在%1的签到没有定位，请在点位重新签到后再评分")
                             .arg(unit->name));
    case ScoreRefusal::CheckInTooFar:
        throw FieldError(QCoreApplication::translate("FieldRules", "你在%1的签到离点位超过 %2 米，请到点位重新签到后再评分")
                             .arg(unit->name)
                             .arg(m_setup->campaign.presence.radiusMeters));
    }
    throw FieldError(QCoreApplication::translate("FieldRules", "无法记录这项评分"));
}

void FieldRules::checkRecheckResult(const RecheckResult &result, const Recheck *recheck) const
{
    const QSet<QString> scope(m_scope.cbegin(), m_scope.cend());
    const RecheckRefusal refusal = RecheckPolicy(*m_setup, m_me, scope).decide(result, recheck);
    // The policy decides (the same one HQ applies); these are the words for the screen.
    switch (refusal) {
    case RecheckRefusal::None:
        return;
    case RecheckRefusal::UnknownUnit:
    case RecheckRefusal::OutOfScope:
        requireUnit(result.unitCode); // throws its message when the unit is unknown or out of scope
        throw FieldError(QCoreApplication::translate("FieldRules", "%1不考评单位 %2").arg(m_me.groupName, result.unitCode));
    case RecheckRefusal::ForbiddenRole:
        throw FieldError(QCoreApplication::translate("FieldRules", "%1不能记录回头看结果，请由检查组现场核查")
                             .arg(roleText(m_me.role)));
    case RecheckRefusal::ConflictOfInterest:
        throw FieldError(QCoreApplication::translate("FieldRules", "回避：你（%1）来自单位 %2，不能回头看本单位")
                             .arg(m_me.name, result.unitCode));
    case RecheckRefusal::UnknownRecheck:
        throw FieldError(QCoreApplication::translate("FieldRules", "回头看任务“%1”不存在，请先同步").arg(result.recheckId));
    case RecheckRefusal::NotAssigned:
        throw FieldError(QCoreApplication::translate("FieldRules", "这项回头看任务没有分配给%1").arg(m_me.groupName));
    case RecheckRefusal::ReasonRequired:
        throw FieldError(QCoreApplication::translate("FieldRules", "整改未到位时请写明情况"));
    case RecheckRefusal::InvalidInput:
        throw FieldError(QCoreApplication::translate("FieldRules", "说明最多 %1 个字").arg(RecheckPolicy::kMaxNotes));
    }
    throw FieldError(QCoreApplication::translate("FieldRules", "无法记录回头看结果"));
}

} // namespace onsite::sync
