#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

namespace onsite::sync {
class FieldWorkspace;
} // namespace onsite::sync
Q_MOC_INCLUDE("client/fieldworkspace.h")

namespace onsite::app {

// 回头看 on the unit page: the re-checks HQ assigned for one unit (problem, suggestion, the
// unit's measures, HQ's note) with the results recorded so far, and recording a result
// (整改到位 / 未到位, notes, photos) offline through FieldRecorder.
class RecheckModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY workspaceChanged)
    Q_PROPERTY(QString unitCode READ unitCode WRITE setUnitCode NOTIFY changed)
    Q_PROPERTY(QVariantList rechecks READ rechecks NOTIFY changed)
    Q_PROPERTY(int openCount READ openCount NOTIFY changed) // tasks without a result yet
    Q_PROPERTY(QVariantList photos READ photos NOTIFY changed) // the unit's photos, to choose from
    Q_PROPERTY(bool canRecord READ canRecord NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    explicit RecheckModel(QObject *parent = nullptr) : QObject(parent) {}

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);

    QString unitCode() const { return m_unitCode; }
    void setUnitCode(const QString &code);
    QVariantList rechecks() const { return m_rechecks; }
    int openCount() const { return m_openCount; }
    QVariantList photos() const { return m_photos; }
    bool canRecord() const { return m_canRecord; }
    QString message() const { return m_message; }

    // Saves a picked photo of the unit; returns its id, or empty (see message).
    Q_INVOKABLE QString addPhoto(const QString &file);
    // `outcome`: "done" (整改到位) or "not_done" (未到位).
    Q_INVOKABLE bool record(const QString &recheckId, const QString &outcome, const QString &notes,
                            const QStringList &photoIds);
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void workspaceChanged();
    void changed();
    void messageChanged();

private:
    void setMessage(const QString &message);

    QPointer<sync::FieldWorkspace> m_workspace;
    QString m_unitCode;
    QVariantList m_rechecks;
    QVariantList m_photos;
    int m_openCount = 0;
    bool m_canRecord = false;
    QString m_message;
};

} // namespace onsite::app
