#include "client/rules/fieldrecordedits.h"

#include "client/rules/fielderror.h"
#include "client/rules/fieldrules.h"
#include "client/store/outbox.h"
#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/fieldrecordrows.h"

#include <QCoreApplication>

namespace onsite::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FieldRecorder", text);
}

bool editable(const QString &entity, bool deleting)
{
    return entity == protocol::entity::kFinding || entity == protocol::entity::kHighlight ||
           (deleting && (entity == protocol::entity::kPhoto || entity == protocol::entity::kVisit));
}

} // namespace

FieldRecordEdits::FieldRecordEdits(SqlConnection &db, HybridClock clock)
    : m_db(db), m_clock(std::move(clock))
{
}

StoredRecord FieldRecordEdits::requireAllowed(const FieldRules &rules, const QString &entity,
                                              const QString &id, bool deleting) const
{
    if (!editable(entity, deleting))
        throw FieldError(tr("只能修改或删除照片、问题和亮点"));
    const std::optional<StoredRecord> stored = FieldRecordRows(m_db).stored(entity, id);
    if (!stored)
        throw FieldError(tr("记录 %1 不存在，可能已被删除").arg(id));
    const QSet<QString> scope = rules.scopeSet();
    const FieldRecordPolicy policy(rules.me(), scope);
    const RecordRefusal refusal =
        deleting ? policy.decideDelete(*stored)
                 : policy.decideChange(*stored, rules.me().account, stored->unitCode);
    if (refusal != RecordRefusal::None)
        throw FieldError(FieldRecordPolicy::message(refusal, *stored));
    return *stored;
}

Finding FieldRecordEdits::updateFinding(const QString &id, Finding draft)
{
    const FieldRules rules = FieldRules::load(m_db);
    requireAllowed(rules, protocol::entity::kFinding, id, false);
    if (draft.description.trimmed().isEmpty())
        throw FieldError(tr("问题描述不能为空"));
    if (!draft.indicatorCode.isEmpty())
        rules.requireItem(draft.indicatorCode);
    for (const QString &photo : std::as_const(draft.photoIds)) {
        if (m_db.query(QStringLiteral("SELECT 1 FROM photos WHERE id = ?"), {photo}).empty())
            throw FieldError(tr("照片 %1 不存在").arg(photo));
    }
    const Finding kept = *FieldRecordRows(m_db).finding(id);
    draft.id = id;
    draft.unitCode = kept.unitCode;
    draft.siteCode = kept.siteCode;
    draft.account = kept.account;
    draft.recordedAt = kept.recordedAt;
    draft.description = draft.description.trimmed();
    draft.suggestion = draft.suggestion.trimmed();
    SqlTransaction transaction(m_db);
    FieldRecordRows(m_db).write(draft);
    Outbox(m_db, m_clock)
        .append(protocol::entity::kFinding, id, protocol::op::kUpsert,
                protocol::findingToJson(draft));
    transaction.commit();
    return draft;
}

Highlight FieldRecordEdits::updateHighlight(const QString &id, const QString &title,
                                            const QString &description)
{
    const FieldRules rules = FieldRules::load(m_db);
    requireAllowed(rules, protocol::entity::kHighlight, id, false);
    if (title.trimmed().isEmpty())
        throw FieldError(tr("亮点标题不能为空"));
    Highlight highlight = *FieldRecordRows(m_db).highlight(id);
    highlight.title = title.trimmed();
    highlight.description = description.trimmed();
    SqlTransaction transaction(m_db);
    FieldRecordRows(m_db).write(highlight);
    Outbox(m_db, m_clock)
        .append(protocol::entity::kHighlight, id, protocol::op::kUpsert,
                protocol::highlightToJson(highlight));
    transaction.commit();
    return highlight;
}

void FieldRecordEdits::remove(const QString &entity, const QString &id)
{
    const FieldRules rules = FieldRules::load(m_db);
    requireAllowed(rules, entity, id, true);
    SqlTransaction transaction(m_db);
    FieldRecordRows(m_db).remove(entity, id);
    // A photo record waits in the outbox until its content is uploaded, and the sync
    // sends later changes past it: sent after its own tombstone it would bring the photo
    // back at HQ. Not yet sent, it is dropped; the tombstone covers a copy HQ may have.
    if (entity == protocol::entity::kPhoto)
        m_db.execute(
            QStringLiteral(
                "DELETE FROM outbox WHERE state = 'pending' AND entity = ? AND entity_id = ?"),
            {entity, id});
    Outbox(m_db, m_clock).append(entity, id, protocol::op::kDelete, {});
    transaction.commit();
}

} // namespace onsite::sync
