#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

namespace onsite::app {

// The sites of one unit with how many of their items the person has scored.
class SiteListModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString unitCode READ unitCode WRITE setUnitCode NOTIFY changed)
    Q_PROPERTY(QVariantList sites READ sites NOTIFY changed)

public:
    explicit SiteListModel(QObject *parent = nullptr) : QObject(parent) {}

    QString unitCode() const { return m_unitCode; }
    void setUnitCode(const QString &code);
    QVariantList sites() const { return m_sites; }
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void changed();

private:
    QString m_unitCode;
    QVariantList m_sites;
};

} // namespace onsite::app
