#include "client/signin/signinflow.h"

#include "client/store/bootstrapapplier.h"
#include "client/store/hqrestore.h"
#include "client/store/outbox.h"
#include "client/store/syncstate.h"

#include <QFileInfo>

namespace onsite::sync {

SignInFlow::SignInFlow(DeviceStore &store, QObject *parent) : QObject(parent), m_store(store) {}

SignInFlow::~SignInFlow() = default;

QString SignInFlow::identityChangeRefusal(const QString &server, const QString &account) const
{
    SyncState state(m_store.db());
    Outbox outbox(m_store.db());
    const bool changed = (!state.account().isEmpty() && state.account() != account) ||
                         (!state.serverUrl().isEmpty() && state.serverUrl() != server);
    if (!changed || outbox.pendingCount() == 0)
        return {};
    return tr("本机还有 %1 条账号 %2 的更改没有同步。请先用该账号同步，再换账号或服务器登录。")
        .arg(outbox.pendingCount())
        .arg(state.account());
}

void SignInFlow::start(const QUrl &url, const QString &user, const QString &password, const QString &deviceName,
                       const QString &caCertificateFile)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        Q_EMIT finished(
            tr("服务器地址“%1”无效，应形如 https://hq.example.cn:8443").arg(url.toString()), {}, {});
        return;
    }
    const QString server = url.toString(QUrl::StripTrailingSlash);
    if (const QString refusal = identityChangeRefusal(server, user); !refusal.isEmpty()) {
        Q_EMIT finished(refusal, {}, {});
        return;
    }
    m_client = std::make_unique<SyncClient>();
    m_client->transport().setBaseUrl(url);
    QString caError;
    const QString caFile = caCertificateFile.isEmpty() ? QString() : QFileInfo(caCertificateFile).absoluteFilePath();
    if (!m_client->transport().setCaCertificateFile(caFile, &caError)) {
        Q_EMIT finished(caError, {}, {});
        return;
    }
    Q_EMIT progress(0.1, tr("正在登录 %1 ……").arg(server));
    SyncState state(m_store.db());
    m_client->login(user, password, state.deviceId(), deviceName,
                    [this, server, user, caFile](const SyncError &error, const LoginAnswer &answer) {
                        if (!error.ok()) {
                            Q_EMIT finished(tr("登录失败：%1").arg(error.headline()), {}, error.detail());
                            return;
                        }
                        const QString account = answer.account.isEmpty() ? user : answer.account;
                        try {
                            SyncState state(m_store.db());
                            SqlTransaction transaction(m_store.db());
                            // Another person or server sees other records: pull from scratch.
                            if (state.account() != account || state.serverUrl() != server) {
                                state.setCursor(0);
                                state.setScopeUnits({});
                                state.remove(QStringLiteral("last_bootstrap_at"));
                                HqRestore(m_store.db()).forgetForNewIdentity();
                            }
                            state.setServerUrl(server);
                            state.setAccount(account);
                            m_store.setToken(answer.token); // the secure store, not sync_state
                            state.setCaCertificateFile(caFile);
                            transaction.commit();
                        } catch (const std::exception &e) {
                            Q_EMIT finished(tr("本机数据出错：%1").arg(QString::fromUtf8(e.what())),
                                            {}, {});
                            return;
                        }
                        m_client->transport().setToken(answer.token);
                        downloadSetup(answer.name.isEmpty() ? account : answer.name);
                    });
}

void SignInFlow::downloadSetup(const QString &displayName)
{
    Q_EMIT progress(0.5, tr("正在下载考评设置……"));
    m_client->bootstrap([this, displayName](const SyncError &error, const protocol::Bootstrap &bootstrap) {
        if (!error.ok()) {
            Q_EMIT finished(tr("已登录，但下载考评设置失败：%1").arg(error.headline()), displayName,
                            error.detail());
            return;
        }
        try {
            BootstrapApplier(m_store.db(), m_store.photosFolder()).apply(bootstrap);
            HqRestore(m_store.db()).adopt(bootstrap.incarnation); // re-sent by the next sync if HQ was restored
        } catch (const std::exception &e) {
            Q_EMIT finished(tr("保存考评设置失败：%1").arg(QString::fromUtf8(e.what())),
                            displayName, {});
            return;
        }
        Q_EMIT progress(1.0, tr("已载入考评活动“%1”").arg(bootstrap.setup.campaign.name));
        Q_EMIT finished({}, displayName, {});
    });
}

} // namespace onsite::sync
