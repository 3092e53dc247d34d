#include "sessionmodel.h"

#include "appservices.h"
#include "client/store/devicestore.h"
#include "client/rules/fieldrules.h"
#include "client/store/outbox.h"
#include "client/signin/signinflow.h"
#include "client/transport/syncengine.h"
#include "client/store/syncstate.h"
#include "store/campaignstore.h"

#include <QSysInfo>
#include <QUrl>

namespace onsite::app {

namespace {

sync::DeviceStore *store() { return AppServices::instance().store; }

std::optional<Person> loadMe()
{
    if (!store())
        return std::nullopt;
    try {
        return sync::FieldRules::load(store()->db(), AppServices::instance().setups.get()).me();
    } catch (const std::exception &) {
        return std::nullopt; // not signed in yet: no set-up on the device
    }
}

} // namespace

const std::optional<Person> &SessionModel::me() const
{
    if (!m_me)
        m_me = loadMe();
    return *m_me;
}

SessionModel::SessionModel(QObject *parent) : QObject(parent)
{
    connect(this, &SessionModel::changed, this, [this] { m_me.reset(); }, Qt::DirectConnection);
    if (auto *engine = AppServices::instance().engine)
        connect(engine, &sync::SyncEngine::statusChanged, this, &SessionModel::changed);
}

SessionModel::~SessionModel() = default;

bool SessionModel::signedIn() const
{
    return store() && store()->hasToken() && me().has_value();
}

QString SessionModel::account() const { return store() ? sync::SyncState(store()->db()).account() : QString(); }

QString SessionModel::displayName() const
{
    const auto &person = me();
    return person ? person->name : QString();
}

QString SessionModel::roleName() const
{
    const auto &person = me();
    return person ? onsite::roleName(person->role) : QString();
}

bool SessionModel::leader() const
{
    const auto &person = me();
    return person && person->canSetFinalValue();
}

bool SessionModel::canUseTablet() const
{
    const auto &person = me();
    return !person || person->isRater();
}

QString SessionModel::consoleUrl() const
{
    QUrl url(serverUrl());
    if (!url.isValid() || url.host().isEmpty())
        return {};
    url.setPath(QStringLiteral("/"));
    return url.toString();
}

QString SessionModel::serverUrl() const
{
    const QString stored = store() ? sync::SyncState(store()->db()).serverUrl() : QString();
    return stored.isEmpty() ? AppServices::instance().defaultServerUrl : stored;
}

QString SessionModel::campaignName() const
{
    if (!store())
        return {};
    return CampaignStore(store()->db()).campaignName();
}

int SessionModel::unsyncedCount() const { return store() ? sync::Outbox(store()->db()).pendingCount() : 0; }

void SessionModel::setProgress(bool busy, double fraction, const QString &text, const QString &error)
{
    m_busy = busy;
    m_progress = fraction;
    m_progressText = text;
    m_error = error;
    Q_EMIT progressChanged();
}

void SessionModel::signIn(const QString &server, const QString &account, const QString &password)
{
    if (!store() || m_busy)
        return;
    if (account.trimmed().isEmpty() || password.isEmpty()) {
        setProgress(false, 0, {}, tr("请输入账号和密码"));
        return;
    }
    delete m_flow;
    m_flow = new sync::SignInFlow(*store(), this);
    connect(m_flow, &sync::SignInFlow::progress, this,
            [this](double fraction, const QString &text) { setProgress(true, fraction, text, {}); });
    connect(m_flow, &sync::SignInFlow::finished, this, [this](const QString &error, const QString &) {
        setProgress(false, error.isEmpty() ? 1.0 : 0.0, {}, error);
        Q_EMIT changed();
        if (error.isEmpty()) {
            if (auto *engine = AppServices::instance().engine)
                engine->sync(); // the first sync downloads the group's scores
            Q_EMIT signInSucceeded();
        }
    });
    setProgress(true, 0.05, tr("正在连接……"), {});
    m_flow->start(QUrl(server.trimmed()), account.trimmed(), password, QSysInfo::machineHostName());
}

bool SessionModel::signOut(bool discardUnsynced)
{
    if (!store())
        return false;
    const int waiting = unsyncedCount();
    if (waiting > 0 && !discardUnsynced) {
        setProgress(false, 0, {}, tr("还有 %1 条更改没有同步到总部。请先联网同步；确需丢弃请再次确认。").arg(waiting));
        return false;
    }
    SqlTransaction transaction(store()->db());
    if (discardUnsynced)
        sync::Outbox(store()->db()).discardPending();
    store()->clearToken();
    transaction.commit();
    setProgress(false, 0, {}, {});
    Q_EMIT changed();
    return true;
}

} // namespace onsite::app
