#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QStringList>

namespace onsite::sync {
class FieldWorkspace;
} // namespace onsite::sync
Q_MOC_INCLUDE("client/fieldworkspace.h")

namespace onsite::app {

// 关于本机: the app's version, this tablet's device id (what HQ's support looks for in
// its logs) and how much room the local data takes, database and photos apart.
class AboutModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY changed)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QStringList details READ details NOTIFY changed) // label, value, label, value, …
    Q_PROPERTY(QString error READ error NOTIFY changed)

public:
    explicit AboutModel(QObject *parent = nullptr) : QObject(parent) {}

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);

    static QString version();
    QStringList details() const { return m_details; }
    QString error() const { return m_error; }
    Q_INVOKABLE void reload();

    // "3.4 MB"-style text for a byte count (binary units, one decimal).
    static QString sizeText(qint64 bytes);

Q_SIGNALS:
    void changed();

private:
    QPointer<sync::FieldWorkspace> m_workspace;
    QStringList m_details;
    QString m_error;
};

} // namespace onsite::app
