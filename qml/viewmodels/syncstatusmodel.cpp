#include "syncstatusmodel.h"

#include "client/fieldworkspace.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace onsite::app {

sync::SyncEngine *SyncStatusModel::engine() const { return m_workspace ? &m_workspace->engine() : nullptr; }

sync::FieldWorkspace *SyncStatusModel::workspace() const { return m_workspace; }

void SyncStatusModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (workspace == m_workspace)
        return;
    if (engine())
        disconnect(engine(), nullptr, this, nullptr);
    m_workspace = workspace;
    if (engine()) {
        connect(engine(), &sync::SyncEngine::statusChanged, this, &SyncStatusModel::changed);
        connect(engine(), &sync::SyncEngine::progressChanged, this, &SyncStatusModel::changed);
    }
    Q_EMIT changed();
}

bool SyncStatusModel::online() const { return engine() && engine()->isOnline(); }
bool SyncStatusModel::syncing() const { return engine() && engine()->isSyncing(); }
int SyncStatusModel::pendingChanges() const { return engine() ? engine()->pendingCount() : 0; }
int SyncStatusModel::pendingPhotos() const { return engine() ? engine()->pendingPhotos() : 0; }
double SyncStatusModel::progress() const { return engine() ? engine()->progress() : 0; }
QString SyncStatusModel::progressText() const { return engine() ? engine()->progressText() : QString(); }
QString SyncStatusModel::errorText() const { return engine() ? engine()->lastErrorForPeople().first : QString(); }
QString SyncStatusModel::errorDetail() const { return engine() ? engine()->lastErrorForPeople().second : QString(); }
QString SyncStatusModel::restoreNotice() const { return engine() ? engine()->restoreNotice() : QString(); }

QString SyncStatusModel::lastSuccessText() const
{
    const QDateTime last = engine() ? engine()->lastSuccess() : QDateTime();
    if (!last.isValid())
        return tr("尚未同步");
    return last.toLocalTime().toString(QStringLiteral("MM-dd HH:mm"));
}

QString SyncStatusModel::summary() const
{
    if (syncing())
        return tr("正在同步……");
    if (const QString notice = restoreNotice(); !notice.isEmpty() && pendingChanges() > 0)
        return notice; // says what the waiting changes are
    const QString place = online() ? tr("在线") : tr("离线");
    // Never "all synced" while a change HQ refused is on the device: it took no effect.
    const int refused = m_workspace ? m_workspace->refusedCount() : 0;
    if (pendingChanges() == 0 && pendingPhotos() == 0 && refused > 0)
        return tr("%1 · 有 %2 条更改未被总部接受（见同步页） · %3").arg(place).arg(refused).arg(lastSuccessText());
    if (pendingChanges() == 0 && pendingPhotos() == 0)
        return tr("%1 · 已全部同步 · %2").arg(place, lastSuccessText());
    return tr("%1 · 待同步 %2 条、照片 %3 张 · 上次 %4")
        .arg(place)
        .arg(pendingChanges())
        .arg(pendingPhotos())
        .arg(lastSuccessText());
}

QString SyncStatusModel::describe(const QString &entity, const QJsonObject &data) const
{
    auto field = [&data](const char *key) { return data.value(QLatin1String(key)).toString(); };
    if (entity == QLatin1String("score"))
        return tr("评分 %1 指标 %2“%3”").arg(field("unit"), field("indicator"), field("input"));
    if (entity == QLatin1String("submission"))
        return data.value(QStringLiteral("locked")).toBool() ? tr("提交单位 %1").arg(field("unit"))
                                                             : tr("撤回单位 %1 的提交").arg(field("unit"));
    if (entity == QLatin1String("visit"))
        return tr("签到点位 %1").arg(field("site"));
    if (entity == QLatin1String("photo"))
        return tr("单位 %1 的照片").arg(field("unit"));
    if (entity == QLatin1String("finding")) {
        const QString kind = field("kind");
        const QString shown = kind == QLatin1String("短板")   ? tr("短板")
                              : kind == QLatin1String("弱项") ? tr("弱项")
                                                              : tr("问题");
        return tr("%1 %2：%3").arg(shown, field("unit"), field("description").left(40));
    }
    if (entity == QLatin1String("highlight"))
        return tr("亮点 %1：%2").arg(field("unit"), field("title"));
    if (entity == QLatin1String("recheck_result"))
        return field("outcome") == QLatin1String("done") ? tr("回头看 %1：整改到位").arg(field("unit"))
                                                         : tr("回头看 %1：未到位").arg(field("unit"));
    return entity;
}

QVariantList SyncStatusModel::problems() const
{
    QVariantList list;
    if (!m_workspace)
        return list;
    // Newest first, at most 200: what the person did last is what they look for.
    for (const sync::OutboxEntry &entry : m_workspace->answeredChanges(200)) {
        const QJsonObject &data = entry.mutation.data;
        list.append(QVariantMap{{QStringLiteral("entity"), entry.mutation.entity},
                                {QStringLiteral("conflict"), entry.state == sync::outboxstate::kConflict},
                                {QStringLiteral("message"), entry.message},
                                {QStringLiteral("unit"), data.value(QStringLiteral("unit")).toString()},
                                {QStringLiteral("indicator"), data.value(QStringLiteral("indicator")).toString()},
                                {QStringLiteral("input"), data.value(QStringLiteral("input")).toString()},
                                {QStringLiteral("what"), describe(entry.mutation.entity, data)}});
    }
    return list;
}

void SyncStatusModel::syncNow()
{
    if (engine())
        engine()->sync();
}

} // namespace onsite::app
