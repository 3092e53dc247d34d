#include "recordwriter.h"

#include "fieldrecordtables.h"
#include "hqwriter.h"
#include "photostore.h"
#include "policy/recheckpolicy.h"
#include "policy/scorepolicy.h"
#include "protocol/records.h"
#include "scoring/scoreinput.h"
#include "store/unitsubmissions.h"

#include <QJsonDocument>
#include <QUuid>

namespace onsite::hq {

using protocol::MutationResult;
using protocol::MutationStatus;
namespace entity = protocol::entity;

namespace {

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QString kindText(ScoreKind kind) { return kind == ScoreKind::Final ? QStringLiteral("final") : QStringLiteral("rater"); }

} // namespace

MutationResult rejection(qint64 seq, const QString &reason, const QString &message)
{
    return {seq, MutationStatus::Rejected, reason, message, {}};
}

MutationResult RecordWriter::apply(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                   const QDateTime &now)
{
    if (m.op == protocol::op::kDelete)
        return applyDelete(m, session, scope, now);
    if (m.entity == entity::kScore)
        return applyScore(m, session, scope, now);
    if (m.entity == entity::kSubmission)
        return applySubmission(m, session, scope, now);
    if (m.entity == entity::kRecheck)
        return applyRecheck(m, session, scope, now);
    if (m.entity == entity::kRecheckResult)
        return applyRecheckResult(m, session, scope, now);
    if (m.entity == entity::kVisit || m.entity == entity::kPhoto || m.entity == entity::kFinding ||
        m.entity == entity::kHighlight)
        return applyFieldRecord(m, session, scope, now);
    return rejection(m.seq, QStringLiteral("unknown_entity"), QStringLiteral("未知的记录类型“%1”").arg(m.entity));
}

std::optional<MutationResult> RecordWriter::losesTo(const protocol::Mutation &m, const QString &id,
                                                    const QString &unitCode, const DeviceSession &session,
                                                    const QDateTime &now)
{
    const auto rows = m_db.query(QStringLiteral("SELECT hlc, device_id FROM hq_record_clocks WHERE entity = ? AND entity_id = ?"),
                                 {m.entity, id});
    if (rows.empty())
        return std::nullopt;
    const QString storedHlc = rows.front()[0].toString();
    const QString storedDevice = rows.front()[1].toString();
    const bool incomingLater = m.hlc > storedHlc || (m.hlc == storedHlc && session.deviceId >= storedDevice);
    if (incomingLater)
        return std::nullopt;
    m_db.execute(QStringLiteral("INSERT INTO hq_conflicts (id, entity, entity_id, unit_code, device_id, account, hlc, data, "
                                "winner_hlc, winner_device, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {QUuid::createUuid().toString(QUuid::WithoutBraces), m.entity, id, unitCode, session.deviceId,
                  session.account, m.hlc, QString::fromUtf8(QJsonDocument(m.data).toJson(QJsonDocument::Compact)),
                  storedHlc, storedDevice, iso(now)});
    QJsonObject current = m_feed.latest(m.entity, id);
    current.insert(QStringLiteral("id"), id); // the winner's id, which may differ from the device's
    return MutationResult{m.seq, MutationStatus::Conflict, QStringLiteral("concurrent_edit"),
                          QStringLiteral("该记录已被更晚的修改覆盖；您的修改已作为冲突记录保存"), current};
}

void RecordWriter::publish(const protocol::Mutation &m, const QString &id, const QString &unitCode, const QString &op,
                           const QJsonObject &data, const DeviceSession &session, const QDateTime &now)
{
    const qint64 seq = m_feed.append(m.entity, id, unitCode, op, data, session.account, now);
    // One upsert stamps the record's clock and names its change, so latest() finds it by key.
    m_db.execute(QStringLiteral("INSERT INTO hq_record_clocks (entity, entity_id, hlc, device_id, change_seq) "
                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, entity_id) DO UPDATE SET "
                                "hlc = excluded.hlc, device_id = excluded.device_id, change_seq = excluded.change_seq"),
                 {m.entity, id, m.hlc, session.deviceId, seq});
}

namespace {

// HQ's words for the policy's refusals (the device words them for its screens).
QString refusalMessage(const ScoreDecision &decision, const ScoreEntry &score, const Person &person,
                       const PresenceRule &presence)
{
    switch (decision.refusal) {
    case ScoreRefusal::None:
        break;
    case ScoreRefusal::UnknownUnit:
        return QStringLiteral("单位“%1”不存在").arg(score.unitCode);
    case ScoreRefusal::UnknownIndicator:
        return QStringLiteral("“%1”不是二级指标").arg(score.indicatorCode);
    case ScoreRefusal::ForbiddenRole:
    case ScoreRefusal::OutOfScope:
        return QStringLiteral("无权为单位 %1 评分").arg(score.unitCode);
    case ScoreRefusal::ConflictOfInterest:
        return QStringLiteral("回避：%1 来自 %2，不能为本单位评分").arg(person.account, score.unitCode);
    case ScoreRefusal::NotRater:
        return QStringLiteral("考评办不作为评分人评分，请使用核定");
    case ScoreRefusal::NotLeader:
        return QStringLiteral("只有检查组长或考评办可以核定");
    case ScoreRefusal::ReasonRequired:
        return QStringLiteral("核定必须写明理由");
    case ScoreRefusal::UnitLocked:
        return QStringLiteral("单位 %1 已由组长提交锁定，评分不能再修改").arg(score.unitCode);
    case ScoreRefusal::LockedNeedsReason:
        return QStringLiteral("单位 %1 已提交锁定，修改评分必须写明理由").arg(score.unitCode);
    case ScoreRefusal::InvalidInput:
        return decision.inputError;
    case ScoreRefusal::CheckInRequired:
        return QStringLiteral("本次考评要求先在单位 %1 的点位现场签到，才能评分").arg(score.unitCode);
    case ScoreRefusal::CheckInNoPosition:
        return QStringLiteral("在单位 %1 的签到没有定位，不能证明到过现场，请重新签到").arg(score.unitCode);
    case ScoreRefusal::CheckInTooFar:
        return QStringLiteral("在单位 %1 的签到距点位超过 %2 米，请到现场重新签到")
            .arg(score.unitCode)
            .arg(presence.radiusMeters);
    }
    return {};
}

} // namespace

MutationResult RecordWriter::applyScore(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                        const QDateTime &now)
{
    QString error;
    auto score = protocol::scoreFromJson(m.id, m.data, &error);
    if (!score)
        return rejection(m.seq, QStringLiteral("bad_record"), error);
    const Person &person = scope.person();
    if (score->account != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能提交本人的评分"));
    const ScorePolicy policy(m_setup, person, scope.unitSet());
    ScoreRequest request{score->unitCode, score->indicatorCode, score->input, score->kind, score->reason, {}};
    // A paper score (补录) was written on paper at the site: no check-in to show.
    if (m_setup.campaign.presence.checkInRequired && score->kind == ScoreKind::Rater &&
        session.deviceId != HqWriter::kPaperOrigin)
        request.checkIns = checkInEvidence(m_setup, score->unitCode, score->account,
                                           FieldRecordTables(m_db, m_setup).visitsOf(score->account, score->unitCode));
    const ScoreDecision decision = policy.decide(request, UnitSubmissions(m_db).isLocked(score->unitCode));
    if (!decision.allowed())
        return rejection(m.seq, decision.code(), refusalMessage(decision, *score, person, m_setup.campaign.presence));
    const Unit *unit = decision.unit;
    const Indicator *item = decision.item;

    // One record per (unit, item, account, kind), whatever id each device gave it.
    const auto existing = m_db.query(QStringLiteral("SELECT id, input FROM score_entries WHERE unit_code = ? AND "
                                                    "indicator_code = ? AND account = ? AND kind = ?"),
                                     {score->unitCode, score->indicatorCode, score->account, kindText(score->kind)});
    if (existing.empty()) {
        const auto idTaken = m_db.query(QStringLiteral("SELECT id FROM score_entries WHERE id = ?"), {score->id});
        if (!idTaken.empty())
            return rejection(m.seq, QStringLiteral("id_conflict"), QStringLiteral("记录编号已被另一条评分使用"));
    } else {
        score->id = existing.front()[0].toString();
    }
    if (auto conflict = losesTo(m, score->id, unit->code, session, now))
        return *conflict;

    const QString recorded = iso(score->recordedAt.isValid() ? score->recordedAt : now);
    HistoryChange change{entity::kScore, score->id, unit->code, item->code, kindText(score->kind), {},
                         session.account, session.deviceId, now, {}, score->input, score->reason};
    if (existing.empty()) {
        m_db.execute(QStringLiteral("INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, reason, "
                                    "recorded_at, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {score->id, score->unitCode, score->indicatorCode, score->account, kindText(score->kind),
                      score->input, score->reason, recorded, session.deviceId, nowText(now)});
        change.oldValue = history().deletedValue(unit->code, item->code, score->account, change.kind);
        change.action = change.oldValue ? QStringLiteral("recreate") : QStringLiteral("create");
    } else {
        change.oldValue = existing.front()[1].toString();
        change.action = QStringLiteral("update");
        m_db.execute(QStringLiteral("UPDATE score_entries SET input = ?, reason = ?, recorded_at = ?, source = ?, "
                                    "updated_at = ? WHERE id = ?"),
                     {score->input, score->reason, recorded, session.deviceId, nowText(now), score->id});
    }
    history().append(change);
    publish(m, score->id, unit->code, protocol::op::kUpsert, protocol::scoreToJson(*score), session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

const QString &RecordWriter::nowText(const QDateTime &now)
{
    if (now != m_now) {
        m_now = now;
        m_nowText = iso(now);
    }
    return m_nowText;
}

ScoreHistory &RecordWriter::history()
{
    if (!m_history)
        m_history.emplace(m_db, m_historyKey);
    return *m_history;
}

MutationResult RecordWriter::applyDelete(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                         const QDateTime &now)
{
    const QJsonObject current = m_feed.latest(m.entity, m.id);
    if (current.isEmpty()) // never existed, or already deleted: nothing to do, and nothing to fear
        return {m.seq, MutationStatus::Applied, {}, {}, {}};
    QString unitCode = current.value(QStringLiteral("unit")).toString();
    if (unitCode.isEmpty()) // a visit names its site; the feed filed it under the site's unit
        unitCode = m_feed.unitOf(m.entity, m.id);
    if (const QString refusal = scope.writeRefusal(m.entity, unitCode); !refusal.isEmpty())
        return rejection(m.seq, refusal, QStringLiteral("无权修改单位 %1 的记录").arg(unitCode));
    if (scope.person().homeUnitCode == unitCode)
        return rejection(m.seq, QStringLiteral("conflict_of_interest"),
                         QStringLiteral("回避：%1 来自 %2，不能删除本单位的记录").arg(session.account, unitCode));
    if (current.value(QStringLiteral("account")).toString() != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能删除本人的记录"));
    if (m.entity == entity::kVisit &&
        !m_db.query(QStringLiteral("SELECT id FROM photos WHERE visit_id = ? LIMIT 1"), {m.id}).empty())
        return rejection(m.seq, QStringLiteral("not_deletable"), QStringLiteral("这次实地查看已有照片，不能删除"));
    if (m.entity == entity::kScore && UnitSubmissions(m_db).isLocked(unitCode))
        return rejection(m.seq, QStringLiteral("unit_locked"),
                         QStringLiteral("单位 %1 已提交锁定，评分不能删除；如需修改请由组长填写理由").arg(unitCode));
    // Photos, findings and highlights may still be added to a submitted unit, but what
    // the leader submitted stays: no deletes until the unit is reopened.
    if ((m.entity == entity::kPhoto || m.entity == entity::kFinding || m.entity == entity::kHighlight) &&
        UnitSubmissions(m_db).isLocked(unitCode))
        return rejection(m.seq, QStringLiteral("unit_locked"),
                         QStringLiteral("单位 %1 已提交锁定，照片、问题和亮点不能再删除").arg(unitCode));
    if (m.entity == entity::kSubmission)
        return rejection(m.seq, QStringLiteral("not_deletable"), QStringLiteral("提交记录不能删除，请改为“撤回提交”"));
    if (m.entity == entity::kRecheck || m.entity == entity::kRecheckResult)
        return rejection(m.seq, QStringLiteral("not_deletable"), QStringLiteral("回头看记录不能删除"));
    if (auto conflict = losesTo(m, m.id, unitCode, session, now))
        return *conflict;
    const QString table = m.entity == entity::kScore ? QStringLiteral("score_entries") : fieldRecordTable(m.entity);
    if (table.isEmpty())
        return rejection(m.seq, QStringLiteral("unknown_entity"), QStringLiteral("未知的记录类型“%1”").arg(m.entity));
    if (m.entity == entity::kFinding)
        m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id = ?"), {m.id});
    if (m.entity == entity::kPhoto) // a finding no longer points at a deleted photo
        m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE photo_id = ?"), {m.id});
    if (m.entity == entity::kScore) {
        const auto stored = m_db.query(QStringLiteral("SELECT indicator_code, kind, input FROM score_entries WHERE id = ?"),
                                       {m.id});
        if (!stored.empty())
            history().append({entity::kScore, m.id, unitCode, stored.front()[0].toString(), stored.front()[1].toString(),
                              QStringLiteral("delete"), session.account, session.deviceId, now,
                              stored.front()[2].toString(), std::nullopt, {}});
    }
    m_db.execute(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table), {m.id});
    publish(m, m.id, unitCode, protocol::op::kDelete, {}, session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

MutationResult RecordWriter::applyFieldRecord(const protocol::Mutation &m, const DeviceSession &session,
                                              const Scope &scope, const QDateTime &now)
{
    FieldRecordTables tables(m_db, m_setup);
    QString reason, message;
    auto record = tables.parse(m.entity, m.id, m.data, &reason, &message);
    if (!record)
        return rejection(m.seq, reason, message);
    if (record->account != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能提交本人的记录"));
    if (const QString refusal = scope.writeRefusal(m.entity, record->unitCode); !refusal.isEmpty())
        return rejection(m.seq, refusal, QStringLiteral("无权记录单位 %1 的内容").arg(record->unitCode));
    // 回避 covers the whole inspection of one's home unit, not only its scores.
    if (scope.person().homeUnitCode == record->unitCode)
        return rejection(m.seq, QStringLiteral("conflict_of_interest"),
                         QStringLiteral("回避：%1 来自 %2，不能为本单位记录实地查看、照片、问题或亮点")
                             .arg(session.account, record->unitCode));
    // A photo record shows content only its author has sent in full (PhotoStore).
    if (m.entity == entity::kPhoto &&
        !PhotoStore::uploadedBy(m_db, record->json.value(QStringLiteral("sha256")).toString(), session.account))
        return rejection(m.seq, QStringLiteral("photo_not_uploaded"),
                         QStringLiteral("照片内容尚未由本账号完整上传，请先上传照片"));
    const QString owner = tables.ownerOf(m.entity, m.id);
    if (!owner.isEmpty() && owner != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("该记录属于其他人"));
    if (!owner.isEmpty() && (m.entity == entity::kFinding || m.entity == entity::kHighlight) &&
        UnitSubmissions(m_db).isLocked(record->unitCode))
        return rejection(m.seq, QStringLiteral("unit_locked"),
                         QStringLiteral("单位 %1 已提交锁定，已有的问题和亮点不能再修改").arg(record->unitCode));
    if (auto conflict = losesTo(m, m.id, record->unitCode, session, now))
        return *conflict;
    tables.write(*record, !owner.isEmpty());
    publish(m, m.id, record->unitCode, protocol::op::kUpsert, record->json, session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

MutationResult RecordWriter::applySubmission(const protocol::Mutation &m, const DeviceSession &session,
                                             const Scope &scope, const QDateTime &now)
{
    QString error;
    auto submission = protocol::submissionFromJson(m.id, m.data, &error);
    if (!submission)
        return rejection(m.seq, QStringLiteral("bad_record"), error);
    const Person &person = scope.person();
    if (submission->account != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能以本人名义提交"));
    const Unit *unit = m_setup.unit(submission->unitCode);
    if (!unit)
        return rejection(m.seq, QStringLiteral("unknown_unit"),
                         QStringLiteral("单位“%1”不存在").arg(submission->unitCode));
    if (const QString refusal = scope.writeRefusal(m.entity, unit->code); !refusal.isEmpty())
        return rejection(m.seq, refusal, QStringLiteral("无权提交单位 %1").arg(unit->code));
    if (!person.canSetFinalValue())
        return rejection(m.seq, QStringLiteral("not_leader"), QStringLiteral("只有检查组长或考评办可以提交或撤回"));
    if (person.homeUnitCode == unit->code)
        return rejection(m.seq, QStringLiteral("conflict_of_interest"),
                         QStringLiteral("回避：%1 来自 %2，不能提交本单位").arg(person.account, unit->code));
    UnitSubmissions submissions(m_db);
    if (submission->locked) {
        const QStringList missing = submissions.unscoredItems(m_setup, unit->code);
        if (!missing.isEmpty())
            return rejection(m.seq, QStringLiteral("incomplete"),
                             QStringLiteral("单位 %1 还有 %2 项指标未评分（%3），不能提交")
                                 .arg(unit->code)
                                 .arg(missing.size())
                                 .arg(missing.mid(0, 5).join(QStringLiteral("、"))));
    } else if (submission->note.trimmed().isEmpty()) {
        return rejection(m.seq, QStringLiteral("reason_required"), QStringLiteral("撤回提交必须写明理由"));
    }
    // One record per unit, whatever id each device gave it.
    const auto existing = submissions.find(unit->code);
    if (existing)
        submission->id = existing->id;
    if (auto conflict = losesTo(m, submission->id, unit->code, session, now))
        return *conflict;
    if (!submission->changedAt.isValid())
        submission->changedAt = now;
    submissions.write(*submission);
    const auto lockText = [](bool locked) { return locked ? QStringLiteral("locked") : QStringLiteral("open"); };
    history().append({entity::kSubmission, submission->id, unit->code, {}, {},
                      submission->locked ? QStringLiteral("submit") : QStringLiteral("reopen"), session.account,
                      session.deviceId, now, existing ? std::optional<QString>(lockText(existing->locked)) : std::nullopt,
                      lockText(submission->locked), submission->note});
    publish(m, submission->id, unit->code, protocol::op::kUpsert, protocol::submissionToJson(*submission), session,
            now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

namespace {

// HQ's words for the re-check policy's refusals.
QString recheckRefusalMessage(RecheckRefusal refusal, const RecheckResult &result, const Person &person)
{
    switch (refusal) {
    case RecheckRefusal::None:
        break;
    case RecheckRefusal::UnknownUnit:
        return QStringLiteral("单位“%1”不存在").arg(result.unitCode);
    case RecheckRefusal::ForbiddenRole:
        return QStringLiteral("只有检查组的组长或组员可以记录回头看结果");
    case RecheckRefusal::OutOfScope:
        return QStringLiteral("无权记录单位 %1 的回头看结果").arg(result.unitCode);
    case RecheckRefusal::ConflictOfInterest:
        return QStringLiteral("回避：%1 来自 %2，不能回头看本单位").arg(person.account, result.unitCode);
    case RecheckRefusal::UnknownRecheck:
        return QStringLiteral("回头看任务“%1”不存在").arg(result.recheckId);
    case RecheckRefusal::NotAssigned:
        return QStringLiteral("回头看任务“%1”没有分配给%2").arg(result.recheckId, person.groupName);
    case RecheckRefusal::ReasonRequired:
        return QStringLiteral("整改未到位时必须写明情况");
    case RecheckRefusal::InvalidInput:
        return QStringLiteral("说明最多 %1 个字").arg(RecheckPolicy::kMaxNotes);
    }
    return {};
}

const QString kRectification = QStringLiteral("rectification"); // the history entity of a ledger item

} // namespace

MutationResult RecordWriter::applyRecheck(const protocol::Mutation &m, const DeviceSession &session,
                                          const Scope &scope, const QDateTime &now)
{
    // Assigned at HQ (Rechecks::assign through HqWriter), never from a device.
    if (scope.person().role != Role::Hq || session.deviceId != QLatin1String("hq"))
        return rejection(m.seq, QStringLiteral("forbidden_role"), QStringLiteral("回头看任务只能由考评办布置"));
    FieldRecordTables tables(m_db, m_setup);
    QString reason, message;
    auto record = tables.parse(m.entity, m.id, m.data, &reason, &message);
    if (!record)
        return rejection(m.seq, reason, message);
    if (record->account != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能以本人名义布置回头看"));
    const bool exists = !tables.ownerOf(m.entity, m.id).isEmpty();
    if (auto conflict = losesTo(m, m.id, record->unitCode, session, now))
        return *conflict;
    const auto &recheck = std::get<Recheck>(record->value);
    tables.write(*record, exists);
    history().append({kRectification, recheck.itemId, recheck.unitCode, {}, {}, QStringLiteral("recheck"),
                      session.account, session.deviceId, now, std::nullopt, recheck.groupName, recheck.note});
    publish(m, m.id, record->unitCode, protocol::op::kUpsert, record->json, session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

MutationResult RecordWriter::applyRecheckResult(const protocol::Mutation &m, const DeviceSession &session,
                                                const Scope &scope, const QDateTime &now)
{
    FieldRecordTables tables(m_db, m_setup);
    QString reason, message;
    auto record = tables.parse(m.entity, m.id, m.data, &reason, &message);
    if (!record)
        return rejection(m.seq, reason, message);
    if (record->account != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能提交本人的记录"));
    const auto &result = std::get<RecheckResult>(record->value);
    std::optional<Recheck> recheck;
    const auto rows = m_db.query(QStringLiteral("SELECT item_id, unit_code, group_name FROM rechecks WHERE id = ?"),
                                 {result.recheckId});
    if (!rows.empty()) {
        recheck.emplace();
        recheck->id = result.recheckId;
        recheck->itemId = rows.front()[0].toString();
        recheck->unitCode = rows.front()[1].toString();
        recheck->groupName = rows.front()[2].toString();
    }
    const RecheckRefusal refusal =
        RecheckPolicy(m_setup, scope.person(), scope.unitSet()).decide(result, recheck ? &*recheck : nullptr);
    if (refusal != RecheckRefusal::None)
        return rejection(m.seq, recheckRefusalCode(refusal), recheckRefusalMessage(refusal, result, scope.person()));
    const QString owner = tables.ownerOf(m.entity, m.id);
    if (!owner.isEmpty() && owner != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("该记录属于其他人"));
    if (auto conflict = losesTo(m, m.id, record->unitCode, session, now))
        return *conflict;
    tables.write(*record, !owner.isEmpty());
    history().append({kRectification, recheck->itemId, result.unitCode, {}, {}, QStringLiteral("recheck_result"),
                      session.account, session.deviceId, now, std::nullopt, recheckOutcomeKey(result.outcome),
                      result.notes});
    publish(m, m.id, record->unitCode, protocol::op::kUpsert, record->json, session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

} // namespace onsite::hq
