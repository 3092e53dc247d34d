#include "recheckmodel.h"

#include "followworkspace.h"
#include "photoimageprovider.h"

#include "client/fieldworkspace.h"
#include "client/rules/fielderror.h"

#include <QUrl>

namespace onsite::app {

namespace {

QString localTime(const QDateTime &time) { return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")); }

QString outcomeText(RecheckOutcome outcome)
{
    return outcome == RecheckOutcome::Done ? RecheckModel::tr("整改到位") : RecheckModel::tr("未到位");
}

QString stateText(const sync::LocalRecheckResult &result)
{
    if (result.syncState == sync::outboxstate::kPending)
        return RecheckModel::tr("待同步");
    if (result.syncState == sync::outboxstate::kRejected || result.syncState == sync::outboxstate::kConflict)
        return RecheckModel::tr("未被接受：%1").arg(result.syncMessage);
    return RecheckModel::tr("已同步");
}

QString photoSource(const sync::LocalPhoto &photo)
{
    if (photo.sha256.isEmpty())
        return {};
    return PhotoImageProvider::urlFor(photo.sha256);
}

} // namespace

sync::FieldWorkspace *RecheckModel::workspace() const { return m_workspace; }

void RecheckModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    // Re-checks arrive with a pull, and results settle with a push: follow each sync round.
    if (!followWorkspace(this, m_workspace, workspace, &sync::SyncEngine::statusChanged, [this] {
            try {
                reload();
            } catch (const std::exception &) { // a busy database: the next round refreshes
            }
        }))
        return;
    Q_EMIT workspaceChanged();
    reload();
}

void RecheckModel::setUnitCode(const QString &code)
{
    if (code == m_unitCode)
        return;
    m_unitCode = code;
    reload();
}

void RecheckModel::setMessage(const QString &message)
{
    m_message = message;
    Q_EMIT messageChanged();
}

void RecheckModel::reload()
{
    QVariantList rechecks, photos;
    int open = 0;
    bool canRecord = false;
    if (m_workspace && !m_unitCode.isEmpty()) {
        const sync::LocalRechecks stored = m_workspace->rechecks();
        for (const sync::LocalRecheck &local : stored.forUnit(m_unitCode)) {
            const Recheck &r = local.recheck;
            QVariantList results;
            for (const sync::LocalRecheckResult &result : local.results) {
                QVariantList sources;
                for (const sync::LocalPhoto &photo : result.photos)
                    sources << photoSource(photo);
                results.append(QVariantMap{{QStringLiteral("id"), result.result.id},
                                           {QStringLiteral("done"), result.result.outcome == RecheckOutcome::Done},
                                           {QStringLiteral("outcome"), outcomeText(result.result.outcome)},
                                           {QStringLiteral("notes"), result.result.notes},
                                           {QStringLiteral("name"), result.authorName},
                                           {QStringLiteral("time"), localTime(result.result.recordedAt)},
                                           {QStringLiteral("state"), stateText(result)},
                                           {QStringLiteral("photos"), sources}});
            }
            if (results.isEmpty())
                ++open;
            rechecks.append(QVariantMap{{QStringLiteral("id"), r.id},
                                        {QStringLiteral("problem"), r.problem},
                                        {QStringLiteral("suggestion"), r.suggestion},
                                        {QStringLiteral("measures"), r.measures},
                                        {QStringLiteral("note"), r.note},
                                        {QStringLiteral("group"), r.groupName},
                                        {QStringLiteral("assignedAt"), localTime(r.assignedAt)},
                                        {QStringLiteral("results"), results}});
        }
        for (const sync::LocalPhoto &photo : stored.unitPhotos(m_unitCode))
            photos.append(QVariantMap{{QStringLiteral("id"), photo.id}, {QStringLiteral("source"), photoSource(photo)}});
        try {
            // The record button shows when the policy would take a result of this unit
            // for a task of the person's own group (the same check recording makes).
            const sync::FieldRules rules = m_workspace->rules();
            Recheck own;
            own.unitCode = m_unitCode;
            own.groupName = rules.me().groupName;
            RecheckResult probe;
            probe.unitCode = m_unitCode;
            rules.checkRecheckResult(probe, &own);
            canRecord = true;
        } catch (const sync::FieldError &) { // not signed in, or not this person's to record
        }
    }
    m_rechecks = rechecks;
    m_photos = photos;
    m_openCount = open;
    m_canRecord = canRecord;
    Q_EMIT changed();
}

QString RecheckModel::addPhoto(const QString &file)
{
    if (!m_workspace)
        return {};
    const QString path = file.startsWith(QLatin1String("file:")) ? QUrl(file).toLocalFile() : file;
    try {
        const PhotoEvidence photo =
            m_workspace->record([&](sync::FieldRecorder &r) { return r.recordPhoto(path, m_unitCode); });
        setMessage(tr("照片已保存，联网后自动上传"));
        reload();
        return photo.id;
    } catch (const sync::FieldError &e) {
        setMessage(e.message());
    } catch (const std::exception &e) {
        setMessage(tr("保存失败：%1").arg(QString::fromUtf8(e.what())));
    }
    return {};
}

bool RecheckModel::record(const QString &recheckId, const QString &outcome, const QString &notes,
                          const QStringList &photoIds)
{
    if (!m_workspace)
        return false;
    const auto parsed = recheckOutcomeFromKey(outcome);
    if (!parsed) {
        setMessage(tr("请选择“整改到位”或“未到位”"));
        return false;
    }
    try {
        m_workspace->record(
            [&](sync::FieldRecorder &r) { r.recordRecheckResult(recheckId, *parsed, notes, photoIds); });
    } catch (const sync::FieldError &e) {
        setMessage(e.message());
        return false;
    } catch (const std::exception &e) {
        setMessage(tr("保存失败：%1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    setMessage(tr("已记录回头看结果：%1，联网后自动同步").arg(outcomeText(*parsed)));
    reload();
    return true;
}

} // namespace onsite::app
