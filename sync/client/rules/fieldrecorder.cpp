#include "client/rules/fieldrecorder.h"

#include "client/rules/fielderror.h"
#include "client/rules/fieldrules.h"
#include "client/store/localrechecks.h"
#include "client/store/outbox.h"
#include "client/photos/photofiles.h"
#include "client/photos/photouploads.h"
#include "protocol/protocol.h"
#include "client/rules/fieldrecordedits.h"
#include "protocol/records.h"
#include "store/fieldrecordrows.h"
#include "store/unitsubmissions.h"
#include "client/store/syncstate.h"
#include "geo/geodistance.h"
#include "policy/scorepolicy.h"
#include "policy/submissionpolicy.h"
#include "system/recordid.h"

#include <QCoreApplication>

namespace onsite::sync {

namespace {

// Milliseconds are what the wire carries; dropping the rest keeps local and pulled
// copies of a record identical.
QDateTime now()
{
    const QDateTime t = QDateTime::currentDateTimeUtc();
    return QDateTime::fromMSecsSinceEpoch(t.toMSecsSinceEpoch(), Qt::UTC);
}

} // namespace

FieldRecorder::FieldRecorder(SqlConnection &db, QString photosFolder, HybridClock clock, SetupCache *setups)
    : m_db(db), m_photosFolder(std::move(photosFolder)), m_clock(std::move(clock)), m_setups(setups)
{
}

// The record goes straight from its struct into its rows; only the outbox, which is
// what travels, gets the wire form. One transaction: data and queue never part.
template <typename Record>
void FieldRecorder::save(const QString &entity, const Record &record, const QJsonObject &data)
{
    SqlTransaction transaction(m_db);
    write(entity, record, data);
    transaction.commit();
}

template <typename Record>
void FieldRecorder::write(const QString &entity, const Record &record, const QJsonObject &data)
{
    FieldRecordRows(m_db).write(record);
    Outbox(m_db, m_clock).append(entity, record.id, protocol::op::kUpsert, data);
}

void FieldRecorder::checkOptionalLinks(const FieldRules &rules, const QString &unit, const QString &site,
                                       const QString &indicator) const
{
    if (!site.isEmpty() && rules.requireSite(site).unitCode != unit)
        throw FieldError(
            QCoreApplication::translate("FieldRecorder", "点位 %1 不属于单位 %2").arg(site, unit));
    if (!indicator.isEmpty())
        rules.requireItem(indicator);
}

RecordedScore FieldRecorder::recordScore(const QString &unit, const QString &indicator, const QString &input,
                                         ScoreKind kind, const QString &reason)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    std::optional<CheckInEvidence> checkIns;
    if (rules.setup().campaign.presence.checkInRequired && kind == ScoreKind::Rater)
        checkIns = checkInEvidence(rules.setup(), unit, rules.me().account,
                                   FieldRecordRows(m_db).visitsOf(rules.me().account, unit));
    const ItemValue value =
        rules.checkScore(unit, indicator, input, kind, reason, UnitSubmissions(m_db).isLocked(unit), checkIns);
    ScoreEntry entry;
    entry.unitCode = unit;
    entry.indicatorCode = indicator;
    entry.account = rules.me().account;
    entry.kind = kind;
    entry.input = input.trimmed();
    entry.reason = reason.trimmed();
    entry.recordedAt = now();
    entry.source = SyncState(m_db).deviceId();
    const QString existing = FieldRecordRows(m_db).scoreIdFor(unit, indicator, entry.account, kind);
    entry.id = existing.isEmpty() ? newRecordId() : existing;
    save(protocol::entity::kScore, entry, protocol::scoreToJson(entry));
    return {entry, value, !existing.isEmpty()};
}

Visit FieldRecorder::recordVisit(const QString &site, const QString &notes, const std::optional<Position> &position)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    rules.requireFieldWorker();
    const Site &place = rules.requireSite(site);
    Visit visit{newRecordId(), site, rules.me().account, now(), position, notes.trimmed(), std::nullopt, {}};
    visit.distanceMeters = distanceFromSite(place, position); // the function HQ measures with
    save(protocol::entity::kVisit, visit, protocol::visitToJson(visit));
    return visit;
}

Visit FieldRecorder::checkOut(const QString &visitId)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    Visit visit = ownVisit(rules, visitId);
    if (visit.checkedOutAt.isValid())
        throw FieldError(QCoreApplication::translate("FieldRecorder", "这次实地查看已经签退"));
    visit.checkedOutAt = std::max(now(), visit.checkedInAt); // a clock set back never makes a negative length
    save(protocol::entity::kVisit, visit, protocol::visitToJson(visit));
    return visit;
}

Visit FieldRecorder::ownVisit(const FieldRules &rules, const QString &visitId)
{
    std::optional<Visit> visit = FieldRecordRows(m_db).visit(visitId);
    if (!visit)
        throw FieldError(
            QCoreApplication::translate("FieldRecorder", "实地查看记录 %1 不存在").arg(visitId));
    if (visit->account != rules.me().account)
        throw FieldError(
            QCoreApplication::translate("FieldRecorder", "只能修改本人的实地查看记录"));
    return *visit;
}

void FieldRecorder::deleteVisit(const QString &visitId)
{
    FieldRecordEdits(m_db, m_clock).remove(protocol::entity::kVisit, visitId);
}

Visit FieldRecorder::updateVisitNotes(const QString &visitId, const QString &notes)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    Visit visit = ownVisit(rules, visitId); // check-in and check-out stay as they are
    visit.notes = notes.trimmed();
    save(protocol::entity::kVisit, visit, protocol::visitToJson(visit));
    return visit;
}

PhotoEvidence FieldRecorder::recordCapturedPhoto(const QString &file, const QString &unit, const PhotoCapture &capture,
                                         const QString &indicator, const QString &visitId)
{
    // A picked file's EXIF time is when it was taken, not when it became evidence.
    PhotoEvidence photo = recordPhoto(file, unit, indicator, visitId,
                                      capture.origin == PhotoOrigin::Camera ? capture.capturedAt : QDateTime(),
                                      capture.position, capture.origin, capture.originalAt);
    return photo;
}

PhotoEvidence FieldRecorder::recordPhoto(const QString &file, const QString &unit, const QString &indicator,
                                         const QString &visitId, const QDateTime &capturedAt,
                                         const std::optional<Position> &position, PhotoOrigin origin,
                                         const QDateTime &originalAt)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    rules.requireFieldWorker();
    rules.requireUnit(unit);
    checkOptionalLinks(rules, unit, {}, indicator);
    if (!visitId.isEmpty() && m_db.query(QStringLiteral("SELECT 1 FROM visits WHERE id = ?"), {visitId}).empty())
        throw FieldError(
            QCoreApplication::translate("FieldRecorder", "实地查看记录 %1 不存在").arg(visitId));
    // The copy comes first and outside the transaction: it is content-addressed, so a
    // copy left behind by a failed write is harmless and reused next time.
    const StoredPhoto stored = PhotoFiles(m_photosFolder).import(file);
    PhotoEvidence photo;
    photo.id = newRecordId();
    photo.sha256 = stored.sha256;
    photo.visitId = visitId;
    photo.unitCode = unit;
    photo.indicatorCode = indicator;
    photo.account = rules.me().account;
    photo.capturedAt = capturedAt.isValid() ? capturedAt.toUTC() : now();
    photo.position = position;
    photo.origin = origin;
    photo.originalAt = origin == PhotoOrigin::Picked && originalAt.isValid()
                           ? QDateTime::fromMSecsSinceEpoch(originalAt.toMSecsSinceEpoch(), Qt::UTC)
                           : QDateTime();
    photo.mimeType = stored.mimeType;
    photo.sizeBytes = stored.sizeBytes;
    SqlTransaction transaction(m_db);
    PhotoUploads(m_db).add(stored.sha256, stored.sizeBytes, stored.mimeType);
    write(protocol::entity::kPhoto, photo, protocol::photoToJson(photo));
    transaction.commit();
    return photo;
}

Finding FieldRecorder::recordFinding(Finding draft)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    rules.requireFieldWorker();
    rules.requireUnit(draft.unitCode);
    checkOptionalLinks(rules, draft.unitCode, draft.siteCode, draft.indicatorCode);
    if (draft.description.trimmed().isEmpty())
        throw FieldError(QCoreApplication::translate("FieldRecorder", "问题描述不能为空"));
    for (const QString &photo : std::as_const(draft.photoIds)) {
        if (m_db.query(QStringLiteral("SELECT 1 FROM photos WHERE id = ?"), {photo}).empty())
            throw FieldError(
                QCoreApplication::translate("FieldRecorder", "照片 %1 不存在").arg(photo));
    }
    draft.id = newRecordId();
    draft.description = draft.description.trimmed();
    draft.suggestion = draft.suggestion.trimmed();
    draft.account = rules.me().account;
    draft.recordedAt = now();
    save(protocol::entity::kFinding, draft, protocol::findingToJson(draft));
    return draft;
}

Highlight FieldRecorder::recordHighlight(Highlight draft)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    rules.requireFieldWorker();
    rules.requireUnit(draft.unitCode);
    checkOptionalLinks(rules, draft.unitCode, draft.siteCode, {});
    if (draft.title.trimmed().isEmpty())
        throw FieldError(QCoreApplication::translate("FieldRecorder", "亮点标题不能为空"));
    draft.id = newRecordId();
    draft.title = draft.title.trimmed();
    draft.description = draft.description.trimmed();
    draft.account = rules.me().account;
    draft.recordedAt = now();
    save(protocol::entity::kHighlight, draft, protocol::highlightToJson(draft));
    return draft;
}

RecheckResult FieldRecorder::recordRecheckResult(const QString &recheckId, RecheckOutcome outcome,
                                                 const QString &notes, const QStringList &photoIds)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    const std::optional<Recheck> recheck = LocalRechecks(m_db).find(recheckId);
    RecheckResult result;
    result.id = newRecordId();
    result.recheckId = recheckId;
    result.unitCode = recheck ? recheck->unitCode : QString();
    result.outcome = outcome;
    result.notes = notes.trimmed();
    result.account = rules.me().account;
    result.recordedAt = now();
    if (!recheck)
        throw FieldError(QCoreApplication::translate("FieldRules", "回头看任务“%1”不存在，请先同步").arg(recheckId));
    rules.checkRecheckResult(result, &*recheck);
    for (const QString &photo : photoIds) {
        const auto rows = m_db.query(QStringLiteral("SELECT unit_code FROM photos WHERE id = ?"), {photo});
        if (rows.empty() || rows.front()[0].toString() != result.unitCode)
            throw FieldError(
                QCoreApplication::translate("FieldRecorder", "照片 %1 不存在或不属于单位 %2").arg(photo, result.unitCode));
        if (!result.photoIds.contains(photo))
            result.photoIds << photo;
    }
    save(protocol::entity::kRecheckResult, result, protocol::recheckResultToJson(result));
    return result;
}

UnitSubmission FieldRecorder::submitUnit(const QString &unit)
{
    return saveSubmission(unit, true, {});
}

UnitSubmission FieldRecorder::reopenUnit(const QString &unit, const QString &reason)
{
    return saveSubmission(unit, false, reason.trimmed());
}

UnitSubmission FieldRecorder::saveSubmission(const QString &unitCode, bool locked, const QString &note)
{
    const FieldRules rules = FieldRules::load(m_db, m_setups);
    UnitSubmissions submissions(m_db);
    SubmissionRequest request{unitCode, locked, note, {}};
    if (locked && rules.setup().unit(unitCode))
        request.unscoredItems = submissions.unscoredItems(rules.setup(), unitCode);
    const QSet<QString> scope = rules.scopeSet();
    const SubmissionPolicy policy(rules.setup(), rules.me(), scope);
    const auto existing = submissions.find(unitCode);
    SubmissionRefusal refusal = policy.decide(request);
    if (refusal == SubmissionRefusal::None)
        refusal = SubmissionPolicy::stateRefusal(request, existing);
    if (refusal != SubmissionRefusal::None)
        throw FieldError(policy.message(refusal, request));
    UnitSubmission submission{existing ? existing->id : newRecordId(), unitCode, locked, rules.me().account, now(), note};
    save(protocol::entity::kSubmission, submission, protocol::submissionToJson(submission));
    return submission;
}

} // namespace onsite::sync
