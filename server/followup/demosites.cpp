#include "demosites.h"

#include "followupattachments.h"

namespace onsite::followup {

namespace {

const QString kEntity = QStringLiteral("demo_site");
QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

} // namespace

DemoSites::DemoSites(SqlConnection &db, const CampaignSetup &setup, QByteArray historyKey, QString dataFolder)
    : m_db(db), m_setup(setup), m_history(db, std::move(historyKey)), m_dataFolder(std::move(dataFolder))
{
}

std::vector<DemoSiteView> DemoSites::list(const QStringList &units)
{
    QHash<QString, SqlRow> progress;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT site_code, status, note, updated_by, updated_at FROM hq_demo_sites")))
        progress.insert(r[0].toString(), r);
    FollowUpAttachments attachments(m_db);
    std::vector<DemoSiteView> out;
    for (const Site &site : m_setup.sites) {
        if (site.type != SiteType::Demonstration || (!units.isEmpty() && !units.contains(site.unitCode)))
            continue;
        DemoSiteView view;
        view.site = &site;
        view.progress.siteCode = site.code;
        if (const auto row = progress.constFind(site.code); row != progress.constEnd()) {
            view.progress.status = demoSiteStatusFromKey((*row)[1].toString()).value_or(DemoSiteStatus::Planned);
            view.progress.note = (*row)[2].toString();
            view.progress.updatedBy = (*row)[3].toString();
            view.progress.updatedAt = QDateTime::fromString((*row)[4].toString(), Qt::ISODateWithMs);
        }
        view.progress.attachments = attachments.of(FollowUpAttachments::kDemoSite, site.code);
        // Field photos taken during visits at the site, whose authors uploaded them.
        for (const SqlRow &r : m_db.query(QStringLiteral("SELECT DISTINCT p.sha256, p.captured_at FROM photos p "
                                                         "JOIN visits v ON v.id = p.visit_id "
                                                         "JOIN hq_photo_uploaders u ON u.sha256 = p.sha256 AND "
                                                         "u.account = p.account WHERE v.site_code = ? "
                                                         "ORDER BY p.captured_at, p.sha256"),
                                          {site.code}))
            view.photoShas << r[0].toString();
        for (const Attachment &attachment : view.progress.attachments)
            view.photoShas << attachment.sha256;
        view.photoShas.removeDuplicates();
        out.push_back(std::move(view));
    }
    return out;
}

DemoSiteView DemoSites::update(const QString &siteCode, DemoSiteStatus status, const QString &note,
                               const QStringList &attachmentShas, const QString &account, const QDateTime &now)
{
    const auto site = std::find_if(m_setup.sites.begin(), m_setup.sites.end(), [&](const Site &s) { return s.code == siteCode; });
    if (site == m_setup.sites.end() || site->type != SiteType::Demonstration)
        throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有示范点“%1”").arg(siteCode));
    if (note.size() > 4000)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("说明最多 4000 字"));
    SqlTransaction transaction(m_db);
    const auto before = m_db.query(QStringLiteral("SELECT status FROM hq_demo_sites WHERE site_code = ?"), {siteCode});
    m_db.execute(QStringLiteral("DELETE FROM hq_demo_sites WHERE site_code = ?"), {siteCode});
    m_db.execute(QStringLiteral("INSERT INTO hq_demo_sites (site_code, status, note, updated_by, updated_at) "
                                "VALUES (?, ?, ?, ?, ?)"),
                 {siteCode, demoSiteStatusKey(status), note.trimmed(), account, iso(now)});
    FollowUpAttachments(m_db).attach(FollowUpAttachments::kDemoSite, siteCode, site->unitCode, attachmentShas, account,
                                     m_dataFolder);
    m_history.append({kEntity, siteCode, site->unitCode, QStringLiteral("update"), account, now,
                      before.empty() ? std::nullopt : std::optional(before.front()[0].toString()),
                      demoSiteStatusKey(status), note.trimmed().left(500)});
    transaction.commit();
    for (DemoSiteView &view : list({site->unitCode}))
        if (view.site->code == siteCode)
            return view;
    throw FollowUpError(QStringLiteral("not_found"), QStringLiteral("没有示范点“%1”").arg(siteCode));
}

} // namespace onsite::followup
