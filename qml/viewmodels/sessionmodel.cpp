#include "sessionmodel.h"

#include "followworkspace.h"
#include "client/fieldworkspace.h"
#include "client/signin/signinflow.h"

#include <QSysInfo>
#include <QUrl>

namespace onsite::app {

const std::optional<Person> &SessionModel::me() const
{
    if (!m_me)
        m_me = m_workspace ? m_workspace->me() : std::nullopt;
    return *m_me;
}

SessionModel::SessionModel(QObject *parent) : QObject(parent)
{
    connect(this, &SessionModel::changed, this, [this] { m_me.reset(); }, Qt::DirectConnection);
}

SessionModel::~SessionModel() = default;

sync::FieldWorkspace *SessionModel::workspace() const { return m_workspace; }

void SessionModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (!followWorkspace(this, m_workspace, workspace, &sync::SyncEngine::statusChanged, &SessionModel::changed))
        return;
    Q_EMIT workspaceChanged();
    Q_EMIT changed();
}

bool SessionModel::signedIn() const { return m_workspace && m_workspace->store().hasToken() && me().has_value(); }

QString SessionModel::account() const { return m_workspace ? m_workspace->account() : QString(); }

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

QString SessionModel::serverUrl() const { return m_workspace ? m_workspace->serverUrl() : QString(); }

QString SessionModel::campaignName() const { return m_workspace ? m_workspace->campaignName() : QString(); }

int SessionModel::unsyncedCount() const { return m_workspace ? m_workspace->unsyncedCount() : 0; }

void SessionModel::setProgress(bool busy, double fraction, const QString &text, const QString &error,
                               const QString &errorDetail)
{
    m_busy = busy;
    m_progress = fraction;
    m_progressText = text;
    m_error = error;
    m_errorDetail = errorDetail;
    Q_EMIT progressChanged();
}

void SessionModel::signIn(const QString &server, const QString &account, const QString &password)
{
    if (!m_workspace || m_busy)
        return;
    if (account.trimmed().isEmpty() || password.isEmpty()) {
        setProgress(false, 0, {}, tr("请输入账号和密码"));
        return;
    }
    delete m_flow;
    m_flow = m_workspace->startSignIn(this);
    connect(m_flow, &sync::SignInFlow::progress, this,
            [this](double fraction, const QString &text) { setProgress(true, fraction, text, {}); });
    connect(m_flow, &sync::SignInFlow::finished, this,
            [this](const QString &error, const QString &, const QString &detail) {
        setProgress(false, error.isEmpty() ? 1.0 : 0.0, {}, error, detail);
        Q_EMIT changed();
        if (error.isEmpty()) {
            if (m_workspace)
                m_workspace->engine().sync(); // the first sync downloads the group's scores
            Q_EMIT signInSucceeded();
        }
    });
    setProgress(true, 0.05, tr("正在连接……"), {});
    m_flow->start(QUrl(server.trimmed()), account.trimmed(), password, QSysInfo::machineHostName());
}

void SessionModel::signOutKeepingChanges()
{
    if (!m_workspace)
        return;
    m_workspace->signOut(false);
    setProgress(false, 0, {}, {});
    Q_EMIT changed();
}

bool SessionModel::signOut(bool discardUnsynced)
{
    if (!m_workspace)
        return false;
    const int waiting = unsyncedCount();
    if (waiting > 0 && !discardUnsynced) {
        setProgress(false, 0, {}, tr("还有 %1 条更改没有同步到总部。请先联网同步；确需丢弃请再次确认。").arg(waiting));
        return false;
    }
    m_workspace->signOut(discardUnsynced);
    setProgress(false, 0, {}, {});
    Q_EMIT changed();
    return true;
}

} // namespace onsite::app
