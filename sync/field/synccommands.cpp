#include "client/store/devicestore.h"
#include "client/store/outbox.h"
#include "client/photos/photouploads.h"
#include "client/transport/syncengine.h"
#include "client/store/syncstate.h"
#include "fieldcommandline.h"
#include "fieldcommands.h"

#include <QEventLoop>

namespace onsite::field {

using namespace onsite::sync;

namespace {

// A mutation in words: what the person recorded, not how it travels.
QString describe(const protocol::Mutation &m)
{
    const QJsonObject &d = m.data;
    auto field = [&d](const char *key) { return d.value(QLatin1String(key)).toString(); };
    if (d.isEmpty())
        return QStringLiteral("%1 %2").arg(m.entity, m.id);
    if (m.entity == protocol::entity::kScore) {
        return QStringLiteral("%1 %2 指标 %3“%4”")
            .arg(field("kind") == QLatin1String("final") ? QStringLiteral("核定") : QStringLiteral("评分"),
                 field("unit"), field("indicator"), field("input"));
    }
    if (m.entity == protocol::entity::kVisit)
        return QStringLiteral("签到 %1").arg(field("site"));
    if (m.entity == protocol::entity::kPhoto)
        return QStringLiteral("照片 %1 %2").arg(field("unit"), field("sha256").left(12));
    if (m.entity == protocol::entity::kFinding)
        return QStringLiteral("%1 %2：%3").arg(field("kind"), field("unit"), field("description").left(30));
    if (m.entity == protocol::entity::kHighlight)
        return QStringLiteral("亮点 %1：%2").arg(field("unit"), field("title"));
    if (m.entity == protocol::entity::kRecheckResult)
        return QStringLiteral("回头看 %1：%2").arg(field("unit"), field("outcome") == QLatin1String("done")
                                                                   ? QStringLiteral("整改到位")
                                                                   : QStringLiteral("未到位"));
    if (m.entity == protocol::entity::kSubmission)
        return d.value(QStringLiteral("locked")).toBool() ? QStringLiteral("提交锁定 %1").arg(field("unit"))
                                                          : QStringLiteral("撤回提交 %1：%2").arg(field("unit"), field("note"));
    return QStringLiteral("%1 %2").arg(m.entity, m.id);
}

QString problemLine(const OutboxEntry &e)
{
    const QString what = e.state == outboxstate::kConflict ? QStringLiteral("冲突") : QStringLiteral("被拒绝");
    return QStringLiteral("  %1：%2 —— %3（%4）").arg(what, describe(e.mutation), e.message, e.reason);
}

QString localTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("从未");
}

} // namespace

int runSync(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("sync"),
                        QStringLiteral("Send local changes and photos to onsite-hq, then fetch the changes of your "
                                       "scope. Exit 0 on success, 1 when the server cannot be reached or refuses "
                                       "(local data is kept)."));
    cl.addOption(QStringLiteral("timeout"), QStringLiteral("Seconds to wait for each answer (default 30)."),
                 QStringLiteral("SECONDS"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    SyncEngine::Options options;
    options.retryAutomatically = false;
    if (cl.isSet(QStringLiteral("timeout"))) {
        const int seconds = cl.value(QStringLiteral("timeout")).toInt();
        if (seconds <= 0) {
            err(QStringLiteral("--timeout 应为正整数（秒）"));
            return kExitUsage;
        }
        options.requestTimeout = std::chrono::seconds(seconds);
    }
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        SyncEngine engine(store, options);
        QString lastLine;
        QObject::connect(&engine, &SyncEngine::progressChanged, [&] {
            if (engine.progressText() != lastLine && engine.isSyncing()) {
                lastLine = engine.progressText();
                out(lastLine);
            }
        });
        QEventLoop loop;
        QObject::connect(&engine, &SyncEngine::finished, &loop, &QEventLoop::quit);
        engine.sync();
        if (engine.isSyncing())
            loop.exec();

        const SyncSummary &s = engine.lastSummary();
        out(QStringLiteral("上传更改 %1 条（接受 %2，拒绝 %3，冲突 %4）；上传照片 %5 张；下载服务器更改 %6 条")
                .arg(s.pushed)
                .arg(s.applied)
                .arg(s.rejected)
                .arg(s.conflicts)
                .arg(s.photosUploaded)
                .arg(s.pulled));
        if (s.renumbered > 0)
            out(QStringLiteral("有 %1 条更改的编号已被总部用于本设备此前的其他更改（设备数据可能从备份恢复），已重新编号并上传")
                    .arg(s.renumbered));
        if (s.hqRestored)
            out(QStringLiteral("总部数据已从备份恢复：本机已重新排队上传 %1 条本机记录，并从头重新下载全部数据").arg(s.resent));
        if (s.keptLocal > 0)
            out(QStringLiteral("有 %1 条服务器更改涉及本机尚未同步的修改，本机修改保留，下次同步时提交").arg(s.keptLocal));
        if (!s.removedUnits.isEmpty())
            out(QStringLiteral("已失去权限的单位，本机数据已移除：%1").arg(s.removedUnits.join(QStringLiteral("、"))));
        for (const OutboxEntry &e : s.problems)
            out(problemLine(e));
        if (!s.ok) {
            err(QStringLiteral("同步失败：%1").arg(s.error.text()));
            err(QStringLiteral("本机数据均已保留（待同步 %1 条），可稍后再次运行 onsite-field sync。").arg(engine.pendingCount()));
            return kExitFailed;
        }
        out(QStringLiteral("同步完成"));
        return kExitOk;
    });
}

int runStatus(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("status"),
                        QStringLiteral("Show pending changes and photos, the last sync and refused items."));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        SyncState state(store.db());
        Outbox outbox(store.db());
        PhotoUploads uploads(store.db());
        qint64 photoBytes = 0;
        const auto waiting = uploads.waiting();
        for (const PhotoUpload &u : waiting)
            photoBytes += u.sizeBytes - u.received;
        out(QStringLiteral("账号：%1").arg(state.account().isEmpty() ? QStringLiteral("（未登录）") : state.account()));
        out(QStringLiteral("服务器：%1").arg(state.serverUrl().isEmpty() ? QStringLiteral("（未设置）") : state.serverUrl()));
        out(QStringLiteral("待同步更改：%1 条").arg(outbox.pendingCount()));
        out(QStringLiteral("待上传照片：%1 张（约 %2 KB）").arg(waiting.size()).arg((photoBytes + 1023) / 1024));
        out(QStringLiteral("上次成功同步：%1").arg(localTime(state.lastSuccess())));
        out(QStringLiteral("上次错误：%1").arg(state.lastError().isEmpty() ? QStringLiteral("无") : state.lastError()));
        const auto rejected = outbox.entries(outboxstate::kRejected);
        const auto conflicts = outbox.entries(outboxstate::kConflict);
        out(QStringLiteral("被拒绝的记录：%1 条").arg(rejected.size()));
        for (const OutboxEntry &e : rejected)
            out(problemLine(e));
        out(QStringLiteral("冲突记录：%1 条").arg(conflicts.size()));
        for (const OutboxEntry &e : conflicts)
            out(problemLine(e));
        return kExitOk;
    });
}

} // namespace onsite::field
