#include "innovationprojects.h"

#include "system/recordid.h"

namespace onsite::followup {

namespace {

const QString kEntity = QStringLiteral("innovation");
QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }
const QString kColumns = QStringLiteral("id, unit_code, title, description, status, reason, bonus_indicator, "
                                        "proposed_by, proposed_at, screened_at");

InnovationProject projectOf(const SqlRow &r)
{
    InnovationProject p;
    p.id = r[0].toString();
    p.unitCode = r[1].toString();
    p.title = r[2].toString();
    p.description = r[3].toString();
    p.status = innovationStatusFromKey(r[4].toString()).value_or(InnovationStatus::Proposed);
    p.reason = r[5].toString();
    p.bonusIndicator = r[6].toString();
    p.proposedBy = r[7].toString();
    p.proposedAt = QDateTime::fromString(r[8].toString(), Qt::ISODateWithMs);
    if (!r[9].isNull() && !r[9].toString().isEmpty())
        p.screenedAt = QDateTime::fromString(r[9].toString(), Qt::ISODateWithMs);
    return p;
}

} // namespace

InnovationProjects::InnovationProjects(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey)
    : m_db(db), m_setup(setup), m_history(db, std::move(historyKey))
{
}

std::vector<InnovationProject> InnovationProjects::list(const QStringList &units, std::optional<InnovationStatus> status)
{
    std::vector<InnovationProject> all;
    for (const SqlRow &r : m_db.query(
             QStringLiteral("SELECT %1 FROM hq_innovation_projects ORDER BY proposed_at, id").arg(kColumns)))
        all.push_back(projectOf(r));
    std::vector<InnovationProject> out;
    for (const Unit &unit : m_setup.units) {
        if (!units.isEmpty() && !units.contains(unit.code))
            continue;
        for (const InnovationProject &project : all)
            if (project.unitCode == unit.code && (!status || project.status == *status))
                out.push_back(project);
    }
    return out;
}

std::optional<InnovationProject> InnovationProjects::find(const QString &id)
{
    const auto rows = m_db.query(QStringLiteral("SELECT %1 FROM hq_innovation_projects WHERE id = ?").arg(kColumns), {id});
    if (rows.empty())
        return std::nullopt;
    return projectOf(rows.front());
}

InnovationProject InnovationProjects::propose(const QString &unitCode, const QString &title, const QString &description,
                                              const QString &account, const QDateTime &now)
{
    if (title.trimmed().isEmpty() || description.trimmed().isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请填写项目名称和内容"));
    if (title.size() > 200 || description.size() > 8000)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("名称最多 200 字，内容最多 8000 字"));
    SqlTransaction transaction(m_db);
    // Counting under a lock on the unit's row: two proposals sent at once cannot both
    // pass the limit (PostgreSQL; SQLite writers are serial anyway).
    m_db.execute(QStringLiteral("UPDATE units SET code = code WHERE code = ?"), {unitCode});
    std::vector<InnovationProject> current;
    for (const SqlRow &r : m_db.query(
             QStringLiteral("SELECT %1 FROM hq_innovation_projects WHERE unit_code = ?").arg(kColumns), {unitCode}))
        current.push_back(projectOf(r));
    if (FollowUpPolicy::mayProposeAnother(current) != FollowUpRefusal::None) {
        const auto standing = std::count_if(current.begin(), current.end(),
                                            [](const InnovationProject &p) { return p.status != InnovationStatus::Rejected; });
        throw FollowUpError(FollowUpRefusal::ProjectLimit,
                            QStringLiteral("每个单位最多申报两个创新项目（已申报 %1 个）；未入选的项目不计在内").arg(standing));
    }
    const QString id = newRecordId();
    m_db.execute(QStringLiteral("INSERT INTO hq_innovation_projects (id, unit_code, title, description, status, reason, "
                                "proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)"),
                 {id, unitCode, title.trimmed(), description.trimmed(), innovationStatusKey(InnovationStatus::Proposed),
                  account, iso(now)});
    m_history.append({kEntity, id, unitCode, QStringLiteral("propose"), account, now, std::nullopt,
                      innovationStatusKey(InnovationStatus::Proposed), title.trimmed()});
    transaction.commit();
    return *find(id);
}

InnovationProject InnovationProjects::review(const QString &id, InnovationStatus status, const QString &reason,
                                             const QString &bonusIndicator, const QString &account, const QDateTime &now)
{
    if (status == InnovationStatus::Proposed)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("筛选结果应为入选或未入选"));
    if (status == InnovationStatus::Rejected && reason.trimmed().isEmpty())
        throw FollowUpError(FollowUpRefusal::ReasonRequired, QStringLiteral("未入选须写明理由"));
    if (reason.size() > 2000)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("理由最多 2000 字"));
    if (!bonusIndicator.isEmpty()) {
        const Indicator *indicator = m_setup.indicator(bonusIndicator);
        if (status != InnovationStatus::Selected || !indicator || indicator->method() != ScoringMethod::Bonus)
            throw FollowUpError(QStringLiteral("bad_request"),
                                QStringLiteral("只有入选的项目可以关联加分项，且“%1”须是计分方法为加分项的指标").arg(bonusIndicator));
    }
    const auto before = find(id);
    if (!before)
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有这个创新项目"));
    SqlTransaction transaction(m_db);
    m_db.execute(QStringLiteral("UPDATE hq_innovation_projects SET status = ?, reason = ?, bonus_indicator = ?, "
                                "screened_by = ?, screened_at = ? WHERE id = ?"),
                 {innovationStatusKey(status), reason.trimmed(),
                  bonusIndicator.isEmpty() ? QVariant() : QVariant(bonusIndicator), account, iso(now), id});
    m_history.append({kEntity, id, before->unitCode, QStringLiteral("review"), account, now,
                      innovationStatusKey(before->status), innovationStatusKey(status), reason.trimmed()});
    transaction.commit();
    return *find(id);
}

} // namespace onsite::followup
