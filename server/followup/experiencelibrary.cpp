#include "experiencelibrary.h"

#include "followupattachments.h"
#include "system/recordid.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace onsite::followup {

namespace {

const QString kEntity = QStringLiteral("experience");
const QString kHighlight = QStringLiteral("highlight:");
const QString kSubmission = QStringLiteral("submission:");
QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QStringList tagsFromJson(const QString &text)
{
    QStringList tags;
    for (const QJsonValue &value : QJsonDocument::fromJson(text.toUtf8()).array())
        tags << value.toString();
    return tags;
}

} // namespace

ExperienceLibrary::ExperienceLibrary(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey,
                                     QString dataFolder)
    : m_db(db), m_setup(setup), m_history(db, std::move(historyKey)), m_dataFolder(std::move(dataFolder))
{
}

std::vector<Experience> ExperienceLibrary::list(const ExperienceFilter &filter)
{
    std::vector<Experience> all;
    for (const SqlRow &r : m_db.query(QStringLiteral(
             "SELECT id, unit_code, title, description, account, recorded_at FROM highlights")))
        all.push_back({kHighlight + r[0].toString(), r[1].toString(), r[2].toString(), r[3].toString(),
                       r[4].toString(), QDateTime::fromString(r[5].toString(), Qt::ISODateWithMs),
                       ReviewStatus::Pending, {}, {}, {}});
    FollowUpAttachments attachments(m_db);
    for (const SqlRow &r : m_db.query(QStringLiteral(
             "SELECT id, unit_code, title, description, account, submitted_at FROM hq_experience_submissions"))) {
        Experience experience{kSubmission + r[0].toString(), r[1].toString(), r[2].toString(), r[3].toString(),
                              r[4].toString(), QDateTime::fromString(r[5].toString(), Qt::ISODateWithMs),
                              ReviewStatus::Pending, {}, {}, {}};
        experience.attachments = attachments.of(FollowUpAttachments::kExperience, r[0].toString());
        all.push_back(std::move(experience));
    }
    QHash<QString, SqlRow> reviews;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT ref, status, reason, tags FROM hq_experience_reviews")))
        reviews.insert(r[0].toString(), r);
    std::vector<Experience> out;
    const QString text = filter.text.trimmed();
    for (Experience &experience : all) {
        if (const auto review = reviews.constFind(experience.ref); review != reviews.constEnd()) {
            experience.status = reviewStatusFromKey((*review)[1].toString()).value_or(ReviewStatus::Pending);
            experience.reason = (*review)[2].toString();
            experience.tags = tagsFromJson((*review)[3].toString());
        }
        if (!filter.units.isEmpty() && !filter.units.contains(experience.unitCode))
            continue;
        if (filter.status && experience.status != *filter.status)
            continue;
        if (!filter.tag.isEmpty() && !experience.tags.contains(filter.tag))
            continue;
        if (!text.isEmpty() && !experience.title.contains(text, Qt::CaseInsensitive) &&
            !experience.description.contains(text, Qt::CaseInsensitive))
            continue;
        out.push_back(std::move(experience));
    }
    std::stable_sort(out.begin(), out.end(), [](const Experience &a, const Experience &b) {
        return a.recordedAt != b.recordedAt ? a.recordedAt > b.recordedAt : a.ref < b.ref;
    });
    return out;
}

std::optional<Experience> ExperienceLibrary::find(const QString &ref)
{
    for (Experience &experience : list({}))
        if (experience.ref == ref)
            return std::move(experience);
    return std::nullopt;
}

Experience ExperienceLibrary::submit(const QString &unitCode, const QString &title, const QString &description,
                                     const QStringList &attachmentShas, const QString &account, const QDateTime &now)
{
    if (title.trimmed().isEmpty() || description.trimmed().isEmpty())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请填写经验的标题和内容"));
    if (title.size() > 200 || description.size() > 8000)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("标题最多 200 字，内容最多 8000 字"));
    const QString id = newRecordId();
    SqlTransaction transaction(m_db);
    m_db.execute(QStringLiteral("INSERT INTO hq_experience_submissions (id, unit_code, title, description, account, "
                                "submitted_at) VALUES (?, ?, ?, ?, ?, ?)"),
                 {id, unitCode, title.trimmed(), description.trimmed(), account, iso(now)});
    FollowUpAttachments(m_db).attach(FollowUpAttachments::kExperience, id, unitCode, attachmentShas, account, m_dataFolder);
    m_history.append({kEntity, kSubmission + id, unitCode, QStringLiteral("submit"), account, now, std::nullopt,
                      reviewStatusKey(ReviewStatus::Pending), title.trimmed()});
    transaction.commit();
    return *find(kSubmission + id);
}

Experience ExperienceLibrary::review(const QString &ref, ReviewStatus status, const QString &reason,
                                     const QStringList &tags, const QString &account, const QDateTime &now)
{
    if (status == ReviewStatus::Pending)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("筛选结果应为入选或未入选"));
    if (status == ReviewStatus::Rejected && reason.trimmed().isEmpty())
        throw FollowUpError(FollowUpRefusal::ReasonRequired, QStringLiteral("未入选须写明理由"));
    if (reason.size() > 2000)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("理由最多 2000 字"));
    QStringList cleanTags;
    for (const QString &tag : tags) {
        const QString trimmed = tag.trimmed();
        if (trimmed.isEmpty() || cleanTags.contains(trimmed))
            continue;
        if (trimmed.size() > 20)
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("标签最多 20 字：“%1”").arg(trimmed.left(30)));
        cleanTags << trimmed;
    }
    if (cleanTags.size() > 10)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("标签最多 10 个"));
    const auto before = find(ref);
    if (!before)
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有这条经验"));
    SqlTransaction transaction(m_db);
    m_db.execute(QStringLiteral("DELETE FROM hq_experience_reviews WHERE ref = ?"), {ref});
    m_db.execute(QStringLiteral("INSERT INTO hq_experience_reviews (ref, status, reason, tags, account, reviewed_at) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 {ref, reviewStatusKey(status), reason.trimmed(),
                  QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(cleanTags)).toJson(QJsonDocument::Compact)),
                  account, iso(now)});
    m_history.append({kEntity, ref, before->unitCode, QStringLiteral("review"), account, now,
                      reviewStatusKey(before->status), reviewStatusKey(status), reason.trimmed()});
    transaction.commit();
    return *find(ref);
}

} // namespace onsite::followup
