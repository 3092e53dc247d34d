#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

namespace onsite::sync {
class FieldWorkspace;
class SyncEngine;
} // namespace onsite::sync
Q_MOC_INCLUDE("client/fieldworkspace.h")

namespace onsite::app {

// What has reached HQ, in plain words: online or not, what waits, the last success,
// the last error, and the changes HQ refused or overrode.
class SyncStatusModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY changed)
    Q_PROPERTY(bool online READ online NOTIFY changed)
    Q_PROPERTY(bool syncing READ syncing NOTIFY changed)
    Q_PROPERTY(int pendingChanges READ pendingChanges NOTIFY changed)
    Q_PROPERTY(int pendingPhotos READ pendingPhotos NOTIFY changed)
    Q_PROPERTY(QString lastSuccessText READ lastSuccessText NOTIFY changed)
    // The last error as what to do (登录已失效，请重新登录); HQ's status and code apart.
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    Q_PROPERTY(QString errorDetail READ errorDetail NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(double progress READ progress NOTIFY changed)
    Q_PROPERTY(QString progressText READ progressText NOTIFY changed)
    Q_PROPERTY(QVariantList problems READ problems NOTIFY changed) // rejected and conflicting changes
    // HQ was restored from a backup: what this tablet re-sends (empty otherwise)
    Q_PROPERTY(QString restoreNotice READ restoreNotice NOTIFY changed)

public:
    explicit SyncStatusModel(QObject *parent = nullptr) : QObject(parent) {}

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);

    bool online() const;
    bool syncing() const;
    int pendingChanges() const;
    int pendingPhotos() const;
    QString lastSuccessText() const;
    QString errorText() const;
    QString errorDetail() const;
    QString summary() const;
    double progress() const;
    QString progressText() const;
    QVariantList problems() const;
    QString restoreNotice() const;

    Q_INVOKABLE void syncNow();

Q_SIGNALS:
    void changed();

private:
    sync::SyncEngine *engine() const;

    QPointer<sync::FieldWorkspace> m_workspace;
    // The change in a few words, for the list of refused and conflicting changes.
    QString describe(const QString &entity, const QJsonObject &data) const;
};

} // namespace onsite::app
