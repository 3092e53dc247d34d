#include "client/rules/fieldrecordedits.h"

#include "client/rules/fielderror.h"
#include "client/rules/fieldrules.h"
#include "client/store/outbox.h"
#include "client/store/recordrows.h"
#include "client/store/syncstate.h"
#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/unitsubmissions.h"

#include <QCoreApplication>

namespace onsite::sync {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("FieldRecorder", text); }

QString tableOf(const QString &entity)
{
    if (entity == protocol::entity::kFinding)
        return QStringLiteral("findings");
    if (entity == protocol::entity::kHighlight)
        return QStringLiteral("highlights");
    if (entity == protocol::entity::kPhoto)
        return QStringLiteral("photos");
    return {};
}

} // namespace

FieldRecordEdits::FieldRecordEdits(SqlConnection &db, HybridClock clock) : m_db(db), m_clock(std::move(clock)) {}

FieldRecordEdits::Own FieldRecordEdits::requireOwn(const FieldRules &rules, const QString &entity,
                                                   const QString &id) const
{
    const QString table = tableOf(entity);
    if (table.isEmpty())
        throw FieldError(tr("只能修改或删除照片、问题和亮点"));
    const auto rows = m_db.query(QStringLiteral("SELECT unit_code, account FROM %1 WHERE id = ?").arg(table), {id});
    if (rows.empty())
        throw FieldError(tr("记录 %1 不存在，可能已被删除").arg(id));
    Own own{rows.front()[0].toString(), rows.front()[1].toString()};
    if (own.account != rules.me().account)
        throw FieldError(tr("只能修改或删除本人记录的内容"));
    if (UnitSubmissions(m_db).isLocked(own.unitCode))
        throw FieldError(
            tr("单位 %1 已由组长提交锁定，已记录的照片、问题和亮点不能再修改或删除").arg(own.unitCode));
    return own;
}

Finding FieldRecordEdits::updateFinding(const QString &id, Finding draft)
{
    const FieldRules rules = FieldRules::load(m_db);
    const Own own = requireOwn(rules, protocol::entity::kFinding, id);
    if (draft.description.trimmed().isEmpty())
        throw FieldError(tr("问题描述不能为空"));
    if (!draft.indicatorCode.isEmpty())
        rules.requireItem(draft.indicatorCode);
    for (const QString &photo : std::as_const(draft.photoIds)) {
        if (m_db.query(QStringLiteral("SELECT 1 FROM photos WHERE id = ?"), {photo}).empty())
            throw FieldError(tr("照片 %1 不存在").arg(photo));
    }
    const auto kept = m_db.query(QStringLiteral("SELECT site_code, recorded_at FROM findings WHERE id = ?"), {id});
    draft.id = id;
    draft.unitCode = own.unitCode;
    draft.siteCode = kept.front()[0].toString();
    draft.account = own.account;
    draft.recordedAt = QDateTime::fromString(kept.front()[1].toString(), Qt::ISODateWithMs).toUTC();
    draft.description = draft.description.trimmed();
    draft.suggestion = draft.suggestion.trimmed();
    const QJsonObject data = protocol::findingToJson(draft);
    SqlTransaction transaction(m_db);
    RecordRows(m_db).upsert(protocol::entity::kFinding, id, data, SyncState(m_db).deviceId());
    Outbox(m_db, m_clock).append(protocol::entity::kFinding, id, protocol::op::kUpsert, data);
    transaction.commit();
    return draft;
}

Highlight FieldRecordEdits::updateHighlight(const QString &id, const QString &title, const QString &description)
{
    const FieldRules rules = FieldRules::load(m_db);
    const Own own = requireOwn(rules, protocol::entity::kHighlight, id);
    if (title.trimmed().isEmpty())
        throw FieldError(tr("亮点标题不能为空"));
    const auto kept = m_db.query(QStringLiteral("SELECT site_code, recorded_at FROM highlights WHERE id = ?"), {id});
    Highlight highlight;
    highlight.id = id;
    highlight.unitCode = own.unitCode;
    highlight.siteCode = kept.front()[0].toString();
    highlight.title = title.trimmed();
    highlight.description = description.trimmed();
    highlight.account = own.account;
    highlight.recordedAt = QDateTime::fromString(kept.front()[1].toString(), Qt::ISODateWithMs).toUTC();
    const QJsonObject data = protocol::highlightToJson(highlight);
    SqlTransaction transaction(m_db);
    RecordRows(m_db).upsert(protocol::entity::kHighlight, id, data, SyncState(m_db).deviceId());
    Outbox(m_db, m_clock).append(protocol::entity::kHighlight, id, protocol::op::kUpsert, data);
    transaction.commit();
    return highlight;
}

void FieldRecordEdits::remove(const QString &entity, const QString &id)
{
    const FieldRules rules = FieldRules::load(m_db);
    requireOwn(rules, entity, id);
    // A re-check result is never deleted, so neither is the evidence it shows.
    if (entity == protocol::entity::kPhoto &&
        !m_db.query(QStringLiteral("SELECT 1 FROM recheck_result_photos WHERE photo_id = ?"), {id}).empty())
        throw FieldError(tr("这张照片是回头看结果的佐证，不能删除"));
    SqlTransaction transaction(m_db);
    RecordRows(m_db).remove(entity, id);
    // A photo record waits in the outbox until its content is uploaded, and the sync
    // sends later changes past it: sent after its own tombstone it would bring the photo
    // back at HQ. Not yet sent, it is dropped; the tombstone covers a copy HQ may have.
    if (entity == protocol::entity::kPhoto)
        m_db.execute(QStringLiteral("DELETE FROM outbox WHERE state = 'pending' AND entity = ? AND entity_id = ?"),
                     {entity, id});
    Outbox(m_db, m_clock).append(entity, id, protocol::op::kDelete, {});
    transaction.commit();
}

} // namespace onsite::sync
