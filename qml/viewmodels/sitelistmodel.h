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

// The sites of one unit with how many of their items the person has scored. Loads once
// it has both its workspace and a unit, in whichever order QML sets them.
class SiteListModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY workspaceChanged)
    Q_PROPERTY(QString unitCode READ unitCode WRITE setUnitCode NOTIFY changed)
    Q_PROPERTY(QVariantList sites READ sites NOTIFY changed)

public:
    explicit SiteListModel(QObject *parent = nullptr) : QObject(parent) {}

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);
    QString unitCode() const { return m_unitCode; }
    void setUnitCode(const QString &code);
    QVariantList sites() const { return m_sites; }
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void workspaceChanged();
    void changed();

private:
    QPointer<sync::FieldWorkspace> m_workspace;
    QString m_unitCode;
    QVariantList m_sites;
};

} // namespace onsite::app
