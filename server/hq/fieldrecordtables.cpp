#include "fieldrecordtables.h"

#include "geo/geodistance.h"

#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/fieldrecordrows.h"
#include "system/isotime.h"

namespace onsite::hq {

namespace entity = protocol::entity;

namespace {

QString iso(const QDateTime &time) { return isoUtcText(time); }

} // namespace

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
        if (const std::optional<Visit> stored = FieldRecordRows(m_db).visit(id)) {
            const bool samePosition = !stored->position
                                          ? !visit->position
                                          : visit->position && stored->position->latitude == visit->position->latitude &&
                                                stored->position->longitude == visit->position->longitude;
            if (stored->siteCode != visit->siteCode || iso(stored->checkedInAt) != iso(visit->checkedInAt) ||
                !samePosition) {
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

void FieldRecordTables::write(const FieldRecord &record)
{
    std::visit([this](const auto &value) { FieldRecordRows(m_db).write(value); }, record.value);
}

} // namespace onsite::hq
