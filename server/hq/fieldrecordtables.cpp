#include "fieldrecordtables.h"

#include "geo/geodistance.h"

#include "protocol/protocol.h"
#include "protocol/records.h"

namespace onsite::hq {

namespace entity = protocol::entity;

namespace {

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QVariant orNull(const QString &text) { return text.isEmpty() ? QVariant() : QVariant(text); }

QVariantList positionParams(const std::optional<Position> &p)
{
    if (!p)
        return {QVariant(), QVariant(), QVariant()};
    return {p->latitude, p->longitude, p->accuracyMeters ? QVariant(*p->accuracyMeters) : QVariant()};
}

// Runs the UPDATE when the row exists, else the INSERT; both take the same
// parameters with the id last, so each entity writes one list.
void upsert(SqlConnection &db, bool exists, const QString &table, const QStringList &columns, QVariantList params,
            const QString &id)
{
    if (exists) {
        QStringList sets;
        for (const QString &column : columns)
            sets << column + QStringLiteral(" = ?");
        db.execute(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(table, sets.join(QStringLiteral(", "))),
                   params << id);
    } else {
        QStringList marks(columns.size() + 1, QStringLiteral("?"));
        db.execute(QStringLiteral("INSERT INTO %1 (%2, id) VALUES (%3)")
                       .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))),
                   params << id);
    }
}

} // namespace

QString fieldRecordTable(const QString &name)
{
    if (name == entity::kVisit)
        return QStringLiteral("visits");
    if (name == entity::kPhoto)
        return QStringLiteral("photos");
    if (name == entity::kFinding)
        return QStringLiteral("findings");
    if (name == entity::kHighlight)
        return QStringLiteral("highlights");
    if (name == entity::kRecheck)
        return QStringLiteral("rechecks");
    if (name == entity::kRecheckResult)
        return QStringLiteral("recheck_results");
    return {};
}

bool FieldRecordTables::checkSiteAndIndicator(const QString &unitCode, const QString &siteCode,
                                              const QString &indicatorCode, QString *reason, QString *message) const
{
    *reason = QStringLiteral("invalid_reference");
    if (!m_setup.unit(unitCode)) {
        *message = QStringLiteral("单位“%1”不存在").arg(unitCode);
        return false;
    }
    if (!siteCode.isEmpty()) {
        const auto site = std::find_if(m_setup.sites.begin(), m_setup.sites.end(),
                                       [&](const Site &s) { return s.code == siteCode; });
        if (site == m_setup.sites.end() || site->unitCode != unitCode) {
            *message = QStringLiteral("点位“%1”不属于单位 %2").arg(siteCode, unitCode);
            return false;
        }
    }
    if (!indicatorCode.isEmpty()) {
        const Indicator *item = m_setup.indicator(indicatorCode);
        if (!item || item->isProject()) {
            *message = QStringLiteral("“%1”不是二级指标").arg(indicatorCode);
            return false;
        }
    }
    reason->clear();
    return true;
}

std::optional<FieldRecord> FieldRecordTables::parse(const QString &name, const QString &id, const QJsonObject &data,
                                                    QString *reason, QString *message)
{
    QString error;
    auto badShape = [&]() -> std::optional<FieldRecord> {
        *reason = QStringLiteral("bad_record");
        *message = error;
        return std::nullopt;
    };
    if (name == entity::kVisit) {
        auto visit = protocol::visitFromJson(id, data, &error);
        if (!visit)
            return badShape();
        const auto site = std::find_if(m_setup.sites.begin(), m_setup.sites.end(),
                                       [&](const Site &s) { return s.code == visit->siteCode; });
        if (site == m_setup.sites.end()) {
            *reason = QStringLiteral("invalid_reference");
            *message = QStringLiteral("点位“%1”不存在").arg(visit->siteCode);
            return std::nullopt;
        }
        // The check-in is evidence: a later version of the visit (notes, check-out) keeps it.
        const auto stored = m_db.query(QStringLiteral("SELECT site_code, checked_in_at, latitude, longitude "
                                                      "FROM visits WHERE id = ?"),
                                       {id});
        if (!stored.empty()) {
            const SqlRow &r = stored.front();
            const bool samePosition = r[2].isNull() ? !visit->position
                                                    : visit->position && r[2].toDouble() == visit->position->latitude &&
                                                          r[3].toDouble() == visit->position->longitude;
            if (r[0].toString() != visit->siteCode || r[1].toString() != iso(visit->checkedInAt) || !samePosition) {
                *reason = QStringLiteral("check_in_changed");
                *message = QStringLiteral("签到的点位、时间和位置不能修改，请重新签到");
                return std::nullopt;
            }
        }
        // HQ measures the distance itself, with the device's function and inputs.
        visit->distanceMeters = distanceFromSite(*site, visit->position);
        return FieldRecord{name, id, site->unitCode, visit->account, protocol::visitToJson(*visit), *visit};
    }
    if (name == entity::kPhoto) {
        auto photo = protocol::photoFromJson(id, data, &error);
        if (!photo)
            return badShape();
        if (!checkSiteAndIndicator(photo->unitCode, {}, photo->indicatorCode, reason, message))
            return std::nullopt;
        if (m_db.query(QStringLiteral("SELECT sha256 FROM hq_photo_blobs WHERE sha256 = ?"), {photo->sha256}).empty()) {
            *reason = QStringLiteral("photo_missing");
            *message = QStringLiteral("照片内容尚未上传完成");
            return std::nullopt;
        }
        if (!photo->visitId.isEmpty() &&
            m_db.query(QStringLiteral("SELECT id FROM visits WHERE id = ?"), {photo->visitId}).empty()) {
            *reason = QStringLiteral("invalid_reference");
            *message = QStringLiteral("照片所属的实地查看记录不存在");
            return std::nullopt;
        }
        return FieldRecord{name, id, photo->unitCode, photo->account, protocol::photoToJson(*photo), *photo};
    }
    if (name == entity::kFinding) {
        auto finding = protocol::findingFromJson(id, data, &error);
        if (!finding)
            return badShape();
        if (!checkSiteAndIndicator(finding->unitCode, finding->siteCode, finding->indicatorCode, reason, message))
            return std::nullopt;
        return FieldRecord{name, id, finding->unitCode, finding->account, protocol::findingToJson(*finding), *finding};
    }
    if (name == entity::kHighlight) {
        auto highlight = protocol::highlightFromJson(id, data, &error);
        if (!highlight)
            return badShape();
        if (!checkSiteAndIndicator(highlight->unitCode, highlight->siteCode, {}, reason, message))
            return std::nullopt;
        return FieldRecord{name, id, highlight->unitCode, highlight->account, protocol::highlightToJson(*highlight),
                           *highlight};
    }
    if (name == entity::kRecheck) {
        auto recheck = protocol::recheckFromJson(id, data, &error);
        if (!recheck)
            return badShape();
        if (!checkSiteAndIndicator(recheck->unitCode, {}, {}, reason, message))
            return std::nullopt;
        const InspectionGroup *group = m_setup.group(recheck->groupName);
        if (!group || !group->unitCodes.contains(recheck->unitCode)) {
            *reason = QStringLiteral("invalid_reference");
            *message = QStringLiteral("检查组“%1”不考评单位 %2").arg(recheck->groupName, recheck->unitCode);
            return std::nullopt;
        }
        return FieldRecord{name, id, recheck->unitCode, recheck->assignedBy, protocol::recheckToJson(*recheck), *recheck};
    }
    if (name == entity::kRecheckResult) {
        auto result = protocol::recheckResultFromJson(id, data, &error);
        if (!result)
            return badShape();
        if (!checkSiteAndIndicator(result->unitCode, {}, {}, reason, message))
            return std::nullopt;
        return FieldRecord{name, id, result->unitCode, result->account, protocol::recheckResultToJson(*result), *result};
    }
    *reason = QStringLiteral("unknown_entity");
    *message = QStringLiteral("未知的记录类型“%1”").arg(name);
    return std::nullopt;
}

QString FieldRecordTables::ownerOf(const QString &name, const QString &id)
{
    const QString column = name == entity::kRecheck ? QStringLiteral("assigned_by") : QStringLiteral("account");
    const auto rows =
        m_db.query(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, fieldRecordTable(name)), {id});
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

std::vector<Visit> FieldRecordTables::visitsOf(const QString &account, const QString &unitCode)
{
    std::vector<Visit> visits;
    const auto rows = m_db.query(QStringLiteral("SELECT v.id, v.site_code, v.latitude, v.longitude, v.accuracy_m "
                                                "FROM visits v JOIN sites s ON s.code = v.site_code "
                                                "WHERE v.account = ? AND s.unit_code = ?"),
                                 {account, unitCode});
    for (const SqlRow &r : rows) {
        Visit visit;
        visit.id = r[0].toString();
        visit.siteCode = r[1].toString();
        visit.account = account;
        if (!r[2].isNull() && !r[3].isNull())
            visit.position = Position{r[2].toDouble(), r[3].toDouble(),
                                      r[4].isNull() ? std::nullopt : std::optional<double>(r[4].toDouble())};
        visits.push_back(std::move(visit));
    }
    return visits;
}

void FieldRecordTables::write(const FieldRecord &record, bool exists)
{
    std::visit(
        [&](const auto &value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, Visit>)
                writeVisit(value, exists);
            else if constexpr (std::is_same_v<T, PhotoEvidence>)
                writePhoto(value, exists);
            else if constexpr (std::is_same_v<T, Finding>)
                writeFinding(value, exists);
            else if constexpr (std::is_same_v<T, Highlight>)
                writeHighlight(value, exists);
            else if constexpr (std::is_same_v<T, Recheck>)
                writeRecheck(value, exists);
            else
                writeRecheckResult(value, exists);
        },
        record.value);
}

void FieldRecordTables::writeVisit(const Visit &v, bool exists)
{
    upsert(m_db, exists, QStringLiteral("visits"),
           {QStringLiteral("site_code"), QStringLiteral("account"), QStringLiteral("checked_in_at"),
            QStringLiteral("latitude"), QStringLiteral("longitude"), QStringLiteral("accuracy_m"), QStringLiteral("notes"),
            QStringLiteral("distance_m"), QStringLiteral("checked_out_at")},
           QVariantList{v.siteCode, v.account, iso(v.checkedInAt)} + positionParams(v.position) +
               QVariantList{v.notes, v.distanceMeters ? QVariant(*v.distanceMeters) : QVariant(),
                            v.checkedOutAt.isValid() ? QVariant(iso(v.checkedOutAt)) : QVariant()},
           v.id);
}

void FieldRecordTables::writePhoto(const PhotoEvidence &p, bool exists)
{
    upsert(m_db, exists, QStringLiteral("photos"),
           {QStringLiteral("sha256"), QStringLiteral("visit_id"), QStringLiteral("unit_code"),
            QStringLiteral("indicator_code"), QStringLiteral("account"), QStringLiteral("captured_at"),
            QStringLiteral("latitude"), QStringLiteral("longitude"), QStringLiteral("accuracy_m"),
            QStringLiteral("mime_type"), QStringLiteral("size_bytes"), QStringLiteral("origin"),
            QStringLiteral("original_at")},
           QVariantList{p.sha256, orNull(p.visitId), p.unitCode, orNull(p.indicatorCode), p.account, iso(p.capturedAt)} +
               positionParams(p.position) +
               QVariantList{p.mimeType, p.sizeBytes, photoOriginName(p.origin),
                            p.originalAt.isValid() ? QVariant(iso(p.originalAt)) : QVariant()},
           p.id);
}

void FieldRecordTables::writeFinding(const Finding &f, bool exists)
{
    upsert(m_db, exists, QStringLiteral("findings"),
           {QStringLiteral("unit_code"), QStringLiteral("site_code"), QStringLiteral("indicator_code"),
            QStringLiteral("kind"), QStringLiteral("description"), QStringLiteral("suggestion"),
            QStringLiteral("account"), QStringLiteral("recorded_at")},
           {f.unitCode, orNull(f.siteCode), orNull(f.indicatorCode), findingKindName(f.kind), f.description,
            f.suggestion, f.account, iso(f.recordedAt)},
           f.id);
    m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id = ?"), {f.id});
    QStringList photoIds = f.photoIds;
    photoIds.removeDuplicates();
    for (const QString &photoId : std::as_const(photoIds)) {
        m_db.execute(QStringLiteral("INSERT INTO finding_photos (finding_id, photo_id) VALUES (?, ?)"), {f.id, photoId});
    }
}

void FieldRecordTables::writeHighlight(const Highlight &h, bool exists)
{
    upsert(m_db, exists, QStringLiteral("highlights"),
           {QStringLiteral("unit_code"), QStringLiteral("site_code"), QStringLiteral("title"),
            QStringLiteral("description"), QStringLiteral("account"), QStringLiteral("recorded_at")},
           {h.unitCode, orNull(h.siteCode), h.title, h.description, h.account, iso(h.recordedAt)}, h.id);
}

void FieldRecordTables::writeRecheck(const Recheck &r, bool exists)
{
    upsert(m_db, exists, QStringLiteral("rechecks"),
           {QStringLiteral("item_id"), QStringLiteral("unit_code"), QStringLiteral("group_name"),
            QStringLiteral("problem"), QStringLiteral("suggestion"), QStringLiteral("measures"), QStringLiteral("note"),
            QStringLiteral("assigned_by"), QStringLiteral("assigned_at")},
           {r.itemId, r.unitCode, r.groupName, r.problem, r.suggestion, r.measures, r.note, r.assignedBy,
            iso(r.assignedAt)},
           r.id);
}

void FieldRecordTables::writeRecheckResult(const RecheckResult &r, bool exists)
{
    upsert(m_db, exists, QStringLiteral("recheck_results"),
           {QStringLiteral("recheck_id"), QStringLiteral("unit_code"), QStringLiteral("outcome"), QStringLiteral("notes"),
            QStringLiteral("account"), QStringLiteral("recorded_at")},
           {r.recheckId, r.unitCode, recheckOutcomeKey(r.outcome), r.notes, r.account, iso(r.recordedAt)}, r.id);
    m_db.execute(QStringLiteral("DELETE FROM recheck_result_photos WHERE result_id = ?"), {r.id});
    for (const QString &photoId : r.photoIds) // unique: the wire form drops repeats
        m_db.execute(QStringLiteral("INSERT INTO recheck_result_photos (result_id, photo_id) VALUES (?, ?)"),
                     {r.id, photoId});
}

} // namespace onsite::hq
