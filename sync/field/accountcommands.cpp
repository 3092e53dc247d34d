#include "client/bootstrapapplier.h"
#include "client/devicestore.h"
#include "client/fielderror.h"
#include "client/fieldrules.h"
#include "client/outbox.h"
#include "client/syncclient.h"
#include "client/syncstate.h"
#include "fieldcommandline.h"
#include "fieldcommands.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QSysInfo>

namespace onsite::field {

using namespace onsite::sync;

int guarded(const std::function<int()> &body)
{
    try {
        return body();
    } catch (const FieldError &e) {
        err(e.message());
    } catch (const std::exception &e) {
        err(QStringLiteral("本机数据出错：%1").arg(QString::fromStdString(e.what())));
    }
    return kExitFailed;
}

namespace {

// Signing in as someone else (or to another server) would send the previous person's
// unsynced changes under the wrong name; they must be synced first.
bool mayChangeIdentity(SyncState &state, Outbox &outbox, const QString &server, const QString &account)
{
    const bool changed = (!state.account().isEmpty() && state.account() != account) ||
                         (!state.serverUrl().isEmpty() && state.serverUrl() != server);
    if (changed && outbox.pendingCount() > 0) {
        err(QStringLiteral("本机还有 %1 条账号 %2 的更改没有同步。请先用该账号运行 onsite-field sync，再换账号或服务器登录。")
                .arg(outbox.pendingCount())
                .arg(state.account()));
        return false;
    }
    return true;
}

int finishLogin(DeviceStore &store, SyncClient &client, QEventLoop &loop)
{
    int exitCode = kExitFailed;
    out(QStringLiteral("正在下载考评设置……"));
    client.bootstrap([&](const SyncError &error, const protocol::Bootstrap &bootstrap) {
        if (!error.ok()) {
            err(QStringLiteral("已登录，但下载考评设置失败：%1\n稍后可运行 onsite-field sync 重试。").arg(error.text()));
        } else {
            exitCode = guarded([&] {
                const BootstrapOutcome outcome = BootstrapApplier(store.db(), store.photosFolder()).apply(bootstrap);
                out(QStringLiteral("已载入考评活动“%1”：%2 个单位、%3 个指标、%4 个点位")
                        .arg(bootstrap.setup.campaign.name)
                        .arg(bootstrap.setup.units.size())
                        .arg(bootstrap.setup.indicators.size())
                        .arg(bootstrap.setup.sites.size()));
                if (!outcome.removedUnits.isEmpty())
                    out(QStringLiteral("已不再负责的单位，本机数据已移除：%1").arg(outcome.removedUnits.join(QStringLiteral("、"))));
                return kExitOk;
            });
        }
        loop.quit();
    });
    loop.exec();
    return exitCode;
}

} // namespace

int runLogin(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("login"), QStringLiteral("Sign in to onsite-hq and load the campaign set-up."));
    cl.addOption(QStringLiteral("server"), QStringLiteral("Server address, e.g. https://hq.example.cn:8443."),
                 QStringLiteral("URL"));
    cl.addOption(QStringLiteral("user"), QStringLiteral("Your account."), QStringLiteral("ACCOUNT"));
    cl.addOption(QStringLiteral("password"), QStringLiteral("Your password."), QStringLiteral("PW"));
    cl.addOption(QStringLiteral("ca-cert"), QStringLiteral("Extra CA certificate (PEM) to trust, for a server with its own certificate."),
                 QStringLiteral("FILE"));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode) ||
        !cl.require({QStringLiteral("server"), QStringLiteral("user"), QStringLiteral("password")}, exitCode))
        return exitCode;
    const QUrl url(cl.value(QStringLiteral("server")), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        err(QStringLiteral("服务器地址“%1”无效，应形如 https://hq.example.cn:8443").arg(cl.value(QStringLiteral("server"))));
        return kExitUsage;
    }
    const QString caFile = cl.isSet(QStringLiteral("ca-cert"))
                               ? QFileInfo(cl.value(QStringLiteral("ca-cert"))).absoluteFilePath()
                               : QString();
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        SyncState state(store.db());
        Outbox outbox(store.db());
        const QString server = url.toString(QUrl::StripTrailingSlash);
        const QString user = cl.value(QStringLiteral("user"));
        if (!mayChangeIdentity(state, outbox, server, user))
            return kExitFailed;

        SyncClient client;
        client.transport().setBaseUrl(url);
        QString caError;
        if (!client.transport().setCaCertificateFile(caFile, &caError)) {
            err(caError);
            return kExitFailed;
        }
        out(QStringLiteral("正在登录 %1 ……").arg(server));
        QEventLoop loop;
        SyncError failure;
        LoginAnswer answer;
        client.login(user, cl.value(QStringLiteral("password")), state.deviceId(), QSysInfo::machineHostName(),
                     [&](const SyncError &error, const LoginAnswer &reply) {
                         failure = error;
                         answer = reply;
                         loop.quit();
                     });
        loop.exec();
        if (!failure.ok()) {
            err(QStringLiteral("登录失败：%1").arg(failure.text()));
            return kExitFailed;
        }
        const QString account = answer.account.isEmpty() ? user : answer.account;
        {
            SqlTransaction transaction(store.db());
            // Another person or server sees other records: start the pull from scratch.
            if (state.account() != account || state.serverUrl() != server) {
                state.setCursor(0);
                state.setScopeUnits({});
                state.remove(QStringLiteral("last_bootstrap_at"));
            }
            state.setServerUrl(server);
            state.setAccount(account);
            state.setToken(answer.token);
            state.setCaCertificateFile(caFile);
            transaction.commit();
        }
        out(QStringLiteral("已登录：%1（%2，%3）").arg(answer.name, account, answer.role));
        client.transport().setToken(answer.token);
        return finishLogin(store, client, loop);
    });
}

int runUnits(const QStringList &arguments)
{
    FieldCommandLine cl(QStringLiteral("units"),
                        QStringLiteral("List the units you may assess, one per line: CODE<TAB>name. "
                                       "Your home unit (回避) is noted on stderr."));
    int exitCode = kExitOk;
    if (!cl.parse(arguments, exitCode))
        return exitCode;
    return guarded([&] {
        DeviceStore store(cl.dataFolder());
        const FieldRules rules = FieldRules::load(store.db());
        const auto units = rules.unitsToAssess();
        if (units.empty())
            err(QStringLiteral("%1（%2）没有需要评分的单位").arg(rules.me().name, rules.me().account));
        for (const FieldRules::UnitChoice &choice : units) {
            if (choice.conflictOfInterest)
                err(QStringLiteral("%1\t%2\t已锁定：回避（本单位，不能评分）").arg(choice.unit->code, choice.unit->name));
            else
                out(QStringLiteral("%1\t%2").arg(choice.unit->code, choice.unit->name));
        }
        return kExitOk;
    });
}

} // namespace onsite::field
