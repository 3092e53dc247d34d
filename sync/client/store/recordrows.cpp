#include "client/store/recordrows.h"

#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/unitsubmissions.h"

namespace onsite::sync {

namespace {

QVariant textOrNull(const QString &text) { return text.isEmpty() ? QVariant() : QVariant(text); }

QVariant numberOrNull(const std::optional<double> &value) { return value ? QVariant(*value) : QVariant(); }

QVariantList positionValues(const std::optional<Position> &p)
{
    if (!p)
        return {QVariant(), QVariant(), QVariant()};
    return {p->latitude, p->longitude, numberOrNull(p->accuracyMeters)};
}

template <typename T>
T parsed(std::optional<T> value, const QString &entity, const QString &id, const QString &error)
{
    if (!value)
        throw SqlError(QStringLiteral("%1 %2: %3").arg(entity, id, error).toStdString());
    return std::move(*value);
}

} // namespace

bool RecordRows::knows(const QString &entity)
{
    return entity == protocol::entity::kScore || entity == protocol::entity::kVisit ||
           entity == protocol::entity::kPhoto || entity == protocol::entity::kFinding ||
           entity == protocol::entity::kHighlight || entity == protocol::entity::kSubmission ||
           entity == protocol::entity::kRecheck || entity == protocol::entity::kRecheckResult;
}

void RecordRows::upsert(const QString &entity, const QString &id, const QJsonObject &data, const QString &source)
{
    if (entity == protocol::entity::kScore)
        upsertScore(id, data, source);
    else if (entity == protocol::entity::kVisit)
        upsertVisit(id, data);
    else if (entity == protocol::entity::kPhoto)
        upsertPhoto(id, data);
    else if (entity == protocol::entity::kFinding)
        upsertFinding(id, data);
    else if (entity == protocol::entity::kHighlight)
        upsertHighlight(id, data);
    else if (entity == protocol::entity::kSubmission)
        upsertSubmission(id, data);
    else if (entity == protocol::entity::kRecheck)
        upsertRecheck(id, data);
    else if (entity == protocol::entity::kRecheckResult)
        upsertRecheckResult(id, data);
    else
        throw SqlError(QStringLiteral("unknown entity \"%1\"").arg(entity).toStdString());
}

void RecordRows::remove(const QString &entity, const QString &id)
{
    if (entity == protocol::entity::kScore) {
        m_db.execute(QStringLiteral("DELETE FROM score_entries WHERE id = ?"), {id});
    } else if (entity == protocol::entity::kVisit) {
        m_db.execute(QStringLiteral("DELETE FROM visits WHERE id = ?"), {id});
    } else if (entity == protocol::entity::kPhoto) {
        m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE photo_id = ?"), {id});
        m_db.execute(QStringLiteral("DELETE FROM photos WHERE id = ?"), {id});
    } else if (entity == protocol::entity::kFinding) {
        m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id = ?"), {id});
        m_db.execute(QStringLiteral("DELETE FROM findings WHERE id = ?"), {id});
    } else if (entity == protocol::entity::kHighlight) {
        m_db.execute(QStringLiteral("DELETE FROM highlights WHERE id = ?"), {id});
    } else if (entity == protocol::entity::kSubmission) {
        UnitSubmissions(m_db).remove(id);
    } else if (entity == protocol::entity::kRecheck) {
        m_db.execute(QStringLiteral("DELETE FROM rechecks WHERE id = ?"), {id});
    } else if (entity == protocol::entity::kRecheckResult) {
        m_db.execute(QStringLiteral("DELETE FROM recheck_result_photos WHERE result_id = ?"), {id});
        m_db.execute(QStringLiteral("DELETE FROM recheck_results WHERE id = ?"), {id});
    }
}

QString RecordRows::scoreIdFor(const QString &unit, const QString &indicator, const QString &account,
                               const QString &kind) const
{
    const auto rows = m_db.query(QStringLiteral("SELECT id FROM score_entries WHERE unit_code = ? AND indicator_code = ? "
                                                "AND account = ? AND kind = ?"),
                                 {unit, indicator, account, kind});
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

void RecordRows::upsertScore(const QString &id, const QJsonObject &data, const QString &source)
{
    QString error;
    const ScoreEntry s = parsed(protocol::scoreFromJson(id, data, &error), protocol::entity::kScore, id, error);
    const QString kind = data.value(QStringLiteral("kind")).toString();
    // One score per (unit, indicator, account, kind): a record under another id for
    // the same key is an older copy of the same score and gives way.
    m_db.execute(QStringLiteral("DELETE FROM score_entries WHERE unit_code = ? AND indicator_code = ? AND account = ? "
                                "AND kind = ? AND id <> ?"),
                 {s.unitCode, s.indicatorCode, s.account, kind, id});
    const QString recorded = protocol::timestampText(s.recordedAt);
    m_db.execute(QStringLiteral("INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, reason, "
                                "recorded_at, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET unit_code = excluded.unit_code, "
                                "indicator_code = excluded.indicator_code, account = excluded.account, "
                                "kind = excluded.kind, input = excluded.input, reason = excluded.reason, "
                                "recorded_at = excluded.recorded_at, source = excluded.source, "
                                "updated_at = excluded.updated_at"),
                 {id, s.unitCode, s.indicatorCode, s.account, kind, s.input, s.reason, recorded, source, recorded});
}

void RecordRows::upsertVisit(const QString &id, const QJsonObject &data)
{
    QString error;
    const Visit v = parsed(protocol::visitFromJson(id, data, &error), protocol::entity::kVisit, id, error);
    QVariantList params{id, v.siteCode, v.account, protocol::timestampText(v.checkedInAt)};
    params << positionValues(v.position) << v.notes
           << (v.distanceMeters ? QVariant(*v.distanceMeters) : QVariant())
           << (v.checkedOutAt.isValid() ? QVariant(protocol::timestampText(v.checkedOutAt)) : QVariant());
    m_db.execute(QStringLiteral("INSERT INTO visits (id, site_code, account, checked_in_at, latitude, longitude, "
                                "accuracy_m, notes, distance_m, checked_out_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET site_code = excluded.site_code, "
                                "account = excluded.account, checked_in_at = excluded.checked_in_at, "
                                "latitude = excluded.latitude, longitude = excluded.longitude, "
                                "accuracy_m = excluded.accuracy_m, notes = excluded.notes, "
                                "distance_m = excluded.distance_m, checked_out_at = excluded.checked_out_at"),
                 params);
}

void RecordRows::upsertPhoto(const QString &id, const QJsonObject &data)
{
    QString error;
    const PhotoEvidence p = parsed(protocol::photoFromJson(id, data, &error), protocol::entity::kPhoto, id, error);
    QVariantList params{id, p.sha256, textOrNull(p.visitId), p.unitCode, textOrNull(p.indicatorCode), p.account,
                        protocol::timestampText(p.capturedAt)};
    params << positionValues(p.position) << p.mimeType << p.sizeBytes << photoOriginName(p.origin)
           << (p.originalAt.isValid() ? QVariant(protocol::timestampText(p.originalAt)) : QVariant());
    m_db.execute(QStringLiteral("INSERT INTO photos (id, sha256, visit_id, unit_code, indicator_code, account, "
                                "captured_at, latitude, longitude, accuracy_m, mime_type, size_bytes, origin, "
                                "original_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET sha256 = excluded.sha256, visit_id = excluded.visit_id, "
                                "unit_code = excluded.unit_code, indicator_code = excluded.indicator_code, "
                                "account = excluded.account, captured_at = excluded.captured_at, "
                                "latitude = excluded.latitude, longitude = excluded.longitude, "
                                "accuracy_m = excluded.accuracy_m, mime_type = excluded.mime_type, "
                                "size_bytes = excluded.size_bytes, origin = excluded.origin, "
                                "original_at = excluded.original_at"),
                 params);
}

void RecordRows::upsertFinding(const QString &id, const QJsonObject &data)
{
    QString error;
    const Finding f = parsed(protocol::findingFromJson(id, data, &error), protocol::entity::kFinding, id, error);
    m_db.execute(QStringLiteral("INSERT INTO findings (id, unit_code, site_code, indicator_code, kind, description, "
                                "suggestion, account, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET unit_code = excluded.unit_code, "
                                "site_code = excluded.site_code, indicator_code = excluded.indicator_code, "
                                "kind = excluded.kind, description = excluded.description, "
                                "suggestion = excluded.suggestion, account = excluded.account, "
                                "recorded_at = excluded.recorded_at"),
                 {id, f.unitCode, textOrNull(f.siteCode), textOrNull(f.indicatorCode), findingKindName(f.kind),
                  f.description, f.suggestion, f.account, protocol::timestampText(f.recordedAt)});
    m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id = ?"), {id});
    for (const QString &photo : f.photoIds) {
        m_db.execute(QStringLiteral("INSERT INTO finding_photos (finding_id, photo_id) VALUES (?, ?) "
                                    "ON CONFLICT DO NOTHING"),
                     {id, photo});
    }
}

void RecordRows::upsertHighlight(const QString &id, const QJsonObject &data)
{
    QString error;
    const Highlight h = parsed(protocol::highlightFromJson(id, data, &error), protocol::entity::kHighlight, id, error);
    m_db.execute(QStringLiteral("INSERT INTO highlights (id, unit_code, site_code, title, description, account, "
                                "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET unit_code = excluded.unit_code, "
                                "site_code = excluded.site_code, title = excluded.title, "
                                "description = excluded.description, account = excluded.account, "
                                "recorded_at = excluded.recorded_at"),
                 {id, h.unitCode, textOrNull(h.siteCode), h.title, h.description, h.account,
                  protocol::timestampText(h.recordedAt)});
}

void RecordRows::upsertSubmission(const QString &id, const QJsonObject &data)
{
    QString error;
    UnitSubmissions(m_db).write(
        parsed(protocol::submissionFromJson(id, data, &error), protocol::entity::kSubmission, id, error));
}

void RecordRows::upsertRecheck(const QString &id, const QJsonObject &data)
{
    QString error;
    const Recheck r = parsed(protocol::recheckFromJson(id, data, &error), protocol::entity::kRecheck, id, error);
    m_db.execute(QStringLiteral("INSERT INTO rechecks (id, item_id, unit_code, group_name, problem, suggestion, "
                                "measures, note, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET item_id = excluded.item_id, "
                                "unit_code = excluded.unit_code, group_name = excluded.group_name, "
                                "problem = excluded.problem, suggestion = excluded.suggestion, "
                                "measures = excluded.measures, note = excluded.note, "
                                "assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at"),
                 {id, r.itemId, r.unitCode, r.groupName, r.problem, r.suggestion, r.measures, r.note, r.assignedBy,
                  protocol::timestampText(r.assignedAt)});
}

void RecordRows::upsertRecheckResult(const QString &id, const QJsonObject &data)
{
    QString error;
    const RecheckResult r =
        parsed(protocol::recheckResultFromJson(id, data, &error), protocol::entity::kRecheckResult, id, error);
    m_db.execute(QStringLiteral("INSERT INTO recheck_results (id, recheck_id, unit_code, outcome, notes, account, "
                                "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET recheck_id = excluded.recheck_id, "
                                "unit_code = excluded.unit_code, outcome = excluded.outcome, notes = excluded.notes, "
                                "account = excluded.account, recorded_at = excluded.recorded_at"),
                 {id, r.recheckId, r.unitCode, recheckOutcomeKey(r.outcome), r.notes, r.account,
                  protocol::timestampText(r.recordedAt)});
    m_db.execute(QStringLiteral("DELETE FROM recheck_result_photos WHERE result_id = ?"), {id});
    for (const QString &photo : r.photoIds)
        m_db.execute(QStringLiteral("INSERT INTO recheck_result_photos (result_id, photo_id) VALUES (?, ?) "
                                    "ON CONFLICT DO NOTHING"),
                     {id, photo});
}

} // namespace onsite::sync
