#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

#include "domain/person.h"

#include <optional>

namespace onsite::sync {
class FieldWorkspace;
class SignInFlow;
} // namespace onsite::sync
Q_MOC_INCLUDE("client/fieldworkspace.h")

namespace onsite::app {

// Who is signed in on this tablet, and the sign-in and sign-out steps.
class SessionModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // The device's field work; set by QML after construction (Main.qml hands it down).
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY workspaceChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY changed)
    Q_PROPERTY(QString account READ account NOTIFY changed)
    Q_PROPERTY(QString displayName READ displayName NOTIFY changed)
    Q_PROPERTY(QString roleName READ roleName NOTIFY changed)
    Q_PROPERTY(bool leader READ leader NOTIFY changed)
    // Inspectors and leaders work on the tablet; a liaison or HQ account is pointed
    // to the browser console at consoleUrl (the server's own address).
    Q_PROPERTY(bool canUseTablet READ canUseTablet NOTIFY changed)
    Q_PROPERTY(QString consoleUrl READ consoleUrl NOTIFY changed)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY changed)
    Q_PROPERTY(QString campaignName READ campaignName NOTIFY changed)
    Q_PROPERTY(int unsyncedCount READ unsyncedCount NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    Q_PROPERTY(QString error READ error NOTIFY progressChanged)
    // HQ's status and error code behind `error`, kept off its main line.
    Q_PROPERTY(QString errorDetail READ errorDetail NOTIFY progressChanged)

public:
    explicit SessionModel(QObject *parent = nullptr);
    ~SessionModel() override;

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);

    bool signedIn() const;
    QString account() const;
    QString displayName() const;
    QString roleName() const;
    bool leader() const;
    bool canUseTablet() const;
    QString consoleUrl() const;
    QString serverUrl() const;
    QString campaignName() const;
    int unsyncedCount() const;
    bool busy() const { return m_busy; }
    double progress() const { return m_progress; }
    QString progressText() const { return m_progressText; }
    QString error() const { return m_error; }
    QString errorDetail() const { return m_errorDetail; }

    Q_INVOKABLE void signIn(const QString &server, const QString &account, const QString &password);
    // Refuses (returns false, sets error) while changes wait, unless discardUnsynced.
    Q_INVOKABLE bool signOut(bool discardUnsynced);
    // Signs out and keeps the waiting changes for the same account's next sign-in (after
    // HQ revoked this tablet, or a password reset): the way back without losing work.
    Q_INVOKABLE void signOutKeepingChanges();
    Q_INVOKABLE void refresh() { Q_EMIT changed(); }

Q_SIGNALS:
    void workspaceChanged();
    void changed();
    void progressChanged();
    void signInSucceeded();

private:
    // The signed-in person, read once per change: loading the set-up costs a query per
    // site, and QML reads several of these properties on every change.
    const std::optional<Person> &me() const;
    void setProgress(bool busy, double fraction, const QString &text, const QString &error,
                     const QString &errorDetail = {});

    QPointer<sync::FieldWorkspace> m_workspace;
    sync::SignInFlow *m_flow = nullptr;
    mutable std::optional<std::optional<Person>> m_me;
    bool m_busy = false;
    double m_progress = 0;
    QString m_progressText;
    QString m_error, m_errorDetail;
};

} // namespace onsite::app
