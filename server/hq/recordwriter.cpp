#include "recordwriter.h"

#include "fieldrecordtables.h"
#include "hqwriter.h"
#include "photostore.h"
#include "policy/fieldrecordpolicy.h"
#include "policy/recheckpolicy.h"
#include "policy/scorepolicy.h"
#include "policy/submissionpolicy.h"
#include "protocol/records.h"
#include "scoring/scoreinput.h"
#include "store/fieldrecordrows.h"
#include "store/unitsubmissions.h"
#include "system/isotime.h"
#include "system/recordid.h"

#include <QJsonDocument>

#include <algorithm>

namespace onsite::hq {

using protocol::MutationResult;
using protocol::MutationStatus;
namespace entity = protocol::entity;

namespace {

QString iso(const QDateTime &time) { return isoUtcText(time); }

} // namespace

MutationResult rejection(qint64 seq, const QString &reason, const QString &message)
{
    return {seq, MutationStatus::Rejected, reason, message, {}};
}

RecordWriter::ParsedScore RecordWriter::parseScore(const protocol::Mutation &m)
{
    ParsedScore parsed;
    parsed.score = protocol::scoreFromJson(m.id, m.data, &parsed.error);
    if (parsed.score)
        parsed.feedText = protocol::scoreJsonText(*parsed.score); // names no id: the stored id may differ
    return parsed;
}

MutationResult RecordWriter::apply(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                   const QDateTime &now, const ParsedScore *parsed)
{
    if (m.op == protocol::op::kDelete)
        return applyDelete(m, session, scope, now);
    if (m.entity == entity::kScore)
        return applyScore(m, session, scope, now, parsed);
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
    const auto stored = m_feed.clockOf(m.entity, id);
    if (!stored)
        return std::nullopt;
    const bool incomingLater = m.hlc > stored->hlc || (m.hlc == stored->hlc && session.deviceId >= stored->deviceId);
    if (incomingLater)
        return std::nullopt;
    m_db.execute(QStringLiteral("INSERT INTO hq_conflicts (id, entity, entity_id, unit_code, device_id, account, hlc, data, "
                                "winner_hlc, winner_device, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {newRecordId(), m.entity, id, unitCode, session.deviceId,
                  session.account, m.hlc, QString::fromUtf8(QJsonDocument(m.data).toJson(QJsonDocument::Compact)),
                  stored->hlc, stored->deviceId, iso(now)});
    QJsonObject current = m_feed.latest(m.entity, id);
    current.insert(QStringLiteral("id"), id); // the winner's id, which may differ from the device's
    return MutationResult{m.seq, MutationStatus::Conflict, QStringLiteral("concurrent_edit"),
                          QStringLiteral("该记录已被更晚的修改覆盖；您的修改已作为冲突记录保存"), current};
}

void RecordWriter::publish(const protocol::Mutation &m, const QString &id, const QString &unitCode, const QString &op,
                           const QJsonObject &data, const DeviceSession &session, const QDateTime &now)
{
    // Numbered, with the record's clock naming its change, in flush().
    m_feed.append(m.entity, id, unitCode, op, data, session.account, now, m.hlc, session.deviceId);
}

void RecordWriter::publishJson(const protocol::Mutation &m, const QString &id, const QString &unitCode,
                               const QString &op, const QString &dataJson, const DeviceSession &session,
                               const QDateTime &now)
{
    m_feed.appendJson(m.entity, id, unitCode, op, dataJson, session.account, now, m.hlc, session.deviceId);
}

void RecordWriter::flush()
{
    // The history's head, then the feed's counter: each writer takes them in this order,
    // both only here, and holds them to its commit.
    if (m_history)
        m_history->flush();
    m_feed.flush();
}

MutationResult RecordWriter::applyScore(const protocol::Mutation &m, const DeviceSession &session, const Scope &scope,
                                        const QDateTime &now, const ParsedScore *parsed)
{
    ParsedScore readHere;
    if (!parsed) {
        readHere = parseScore(m);
        parsed = &readHere;
    }
    if (!parsed->score)
        return rejection(m.seq, QStringLiteral("bad_record"), parsed->error);
    auto score = parsed->score;
    const Person &person = scope.person();
    if (score->account != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("只能提交本人的评分"));
    auto groupUnits = m_groupUnits.constFind(person.account);
    if (groupUnits == m_groupUnits.constEnd())
        groupUnits = m_groupUnits.insert(person.account, ScorePolicy::groupUnitsOf(m_setup, person));
    const ScorePolicy policy(m_setup, person, scope.unitSet(), &*groupUnits);
    ScoreRequest request{score->unitCode, score->indicatorCode, score->input, score->kind, score->reason, {}};
    // A paper score (补录) was written on paper at the site: no check-in to show.
    if (m_setup.campaign.presence.checkInRequired && score->kind == ScoreKind::Rater &&
        session.deviceId != HqWriter::kPaperOrigin)
        request.checkIns = checkInEvidence(m_setup, score->unitCode, score->account,
                                           FieldRecordRows(m_db).visitsOf(score->account, score->unitCode));
    const ScoreDecision decision = policy.decide(request, unitLocked(score->unitCode));
    if (!decision.allowed())
        return rejection(m.seq, decision.code(), policy.message(decision, request));
    const Unit *unit = decision.unit;
    const Indicator *item = decision.item;

    // One record per (unit, item, account, kind), whatever id each device gave it. The row
    // of that key and a row holding the device's id come back from one statement.
    const QString kind = scoreKindKey(score->kind);
    const auto found = m_db.query(
        QStringLiteral("SELECT id, input, CASE WHEN unit_code = ? AND indicator_code = ? AND account = ? AND kind = ? "
                       "THEN 1 ELSE 0 END FROM score_entries WHERE (unit_code = ? AND indicator_code = ? AND "
                       "account = ? AND kind = ?) OR id = ?"),
        {score->unitCode, score->indicatorCode, score->account, kind, score->unitCode, score->indicatorCode,
         score->account, kind, score->id});
    const auto sameKey = std::find_if(found.begin(), found.end(), [](const SqlRow &row) { return row[2].toInt() == 1; });
    const bool existing = sameKey != found.end();
    if (existing)
        score->id = (*sameKey)[0].toString();
    else if (!found.empty())
        return rejection(m.seq, QStringLiteral("id_conflict"), QStringLiteral("记录编号已被另一条评分使用"));
    if (auto conflict = losesTo(m, score->id, unit->code, session, now))
        return *conflict;

    HistoryChange change{entity::kScore, score->id, unit->code, item->code, kind, {},
                         session.account, session.deviceId, now, {}, score->input, score->reason};
    ScoreEntry stored = *score;
    if (!stored.recordedAt.isValid())
        stored.recordedAt = now;
    stored.source = session.deviceId;
    FieldRecordRows(m_db).writeScore(stored, nowText(now));
    if (!existing) {
        change.oldValue = history().deletedValue(unit->code, item->code, score->account, change.kind);
        change.action = change.oldValue ? QStringLiteral("recreate") : QStringLiteral("create");
    } else {
        change.oldValue = (*sameKey)[1].toString();
        change.action = QStringLiteral("update");
    }
    history().queue(change);
    publishJson(m, score->id, unit->code, protocol::op::kUpsert, parsed->feedText, session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

bool RecordWriter::unitLocked(const QString &unitCode)
{
    auto found = m_unitLocked.constFind(unitCode);
    if (found == m_unitLocked.constEnd())
        found = m_unitLocked.insert(unitCode, UnitSubmissions(m_db).isLocked(unitCode));
    return *found;
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
    FieldRecordRows rows(m_db);
    const StoredRecord stored =
        rows.describe(m.entity, m.id, unitCode, current.value(QStringLiteral("account")).toString());
    if (const RecordRefusal refusal = FieldRecordPolicy(scope.person(), scope.unitSet()).decideDelete(stored);
        refusal != RecordRefusal::None)
        return rejection(m.seq, recordRefusalCode(refusal), FieldRecordPolicy::message(refusal, stored));
    if (FieldRecordRows::tableOf(m.entity).isEmpty())
        return rejection(m.seq, QStringLiteral("unknown_entity"), QStringLiteral("未知的记录类型“%1”").arg(m.entity));
    if (auto conflict = losesTo(m, m.id, unitCode, session, now))
        return *conflict;
    if (m.entity == entity::kScore) {
        const auto stored = m_db.query(QStringLiteral("SELECT indicator_code, kind, input FROM score_entries WHERE id = ?"),
                                       {m.id});
        if (!stored.empty())
            history().queue({entity::kScore, m.id, unitCode, stored.front()[0].toString(), stored.front()[1].toString(),
                              QStringLiteral("delete"), session.account, session.deviceId, now,
                              stored.front()[2].toString(), std::nullopt, {}});
    }
    rows.remove(m.entity, m.id); // a finding no longer points at a deleted photo
    m_unitLocked.remove(unitCode);
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
    // A new version: the author's, for the unit it was made for, and not of what a
    // submitted unit holds (the stored row's unit decides, not the one the device names).
    if (const auto stored = FieldRecordRows(m_db).stored(m.entity, m.id)) {
        if (const RecordRefusal refusal = FieldRecordPolicy(scope.person(), scope.unitSet())
                                              .decideChange(*stored, session.account, record->unitCode);
            refusal != RecordRefusal::None)
            return rejection(m.seq, recordRefusalCode(refusal), FieldRecordPolicy::message(refusal, *stored));
    }
    if (auto conflict = losesTo(m, m.id, record->unitCode, session, now))
        return *conflict;
    tables.write(*record);
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
    UnitSubmissions submissions(m_db);
    SubmissionRequest request{submission->unitCode, submission->locked, submission->note, {}};
    if (request.locked && m_setup.unit(request.unitCode))
        request.unscoredItems = submissions.unscoredItems(m_setup, request.unitCode);
    const SubmissionPolicy policy(m_setup, person, scope.unitSet());
    if (const SubmissionRefusal refusal = policy.decide(request); refusal != SubmissionRefusal::None)
        return rejection(m.seq, submissionRefusalCode(refusal), policy.message(refusal, request));
    const Unit *unit = m_setup.unit(submission->unitCode);
    // One record per unit, whatever id each device gave it.
    const auto existing = submissions.find(unit->code);
    if (existing)
        submission->id = existing->id;
    if (auto conflict = losesTo(m, submission->id, unit->code, session, now))
        return *conflict;
    if (!submission->changedAt.isValid())
        submission->changedAt = now;
    submissions.write(*submission);
    m_unitLocked.remove(unit->code);
    const auto lockText = [](bool locked) { return locked ? QStringLiteral("locked") : QStringLiteral("open"); };
    history().queue({entity::kSubmission, submission->id, unit->code, {}, {},
                      submission->locked ? QStringLiteral("submit") : QStringLiteral("reopen"), session.account,
                      session.deviceId, now, existing ? std::optional<QString>(lockText(existing->locked)) : std::nullopt,
                      lockText(submission->locked), submission->note});
    publish(m, submission->id, unit->code, protocol::op::kUpsert, protocol::submissionToJson(*submission), session,
            now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

namespace {

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
    if (auto conflict = losesTo(m, m.id, record->unitCode, session, now))
        return *conflict;
    const auto &recheck = std::get<Recheck>(record->value);
    tables.write(*record);
    history().queue({kRectification, recheck.itemId, recheck.unitCode, {}, {}, QStringLiteral("recheck"),
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
    const RecheckPolicy policy(m_setup, scope.person(), scope.unitSet());
    const RecheckRefusal refusal = policy.decide(result, recheck ? &*recheck : nullptr);
    if (refusal != RecheckRefusal::None)
        return rejection(m.seq, recheckRefusalCode(refusal), policy.message(refusal, result));
    const QString owner = FieldRecordRows(m_db).ownerOf(m.entity, m.id);
    if (!owner.isEmpty() && owner != session.account)
        return rejection(m.seq, QStringLiteral("not_owner"), QStringLiteral("该记录属于其他人"));
    if (auto conflict = losesTo(m, m.id, record->unitCode, session, now))
        return *conflict;
    tables.write(*record);
    history().queue({kRectification, recheck->itemId, result.unitCode, {}, {}, QStringLiteral("recheck_result"),
                      session.account, session.deviceId, now, std::nullopt, recheckOutcomeKey(result.outcome),
                      result.notes});
    publish(m, m.id, record->unitCode, protocol::op::kUpsert, record->json, session, now);
    return {m.seq, MutationStatus::Applied, {}, {}, {}};
}

} // namespace onsite::hq
