#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

namespace onsite::app {

// All items of one unit: the person's own input, what the group's synced scores give
// (same engine as HQ), final values, and what is still missing. A group leader sets
// final values (核定) here, always with a written reason.
class UnitOverviewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString unitCode READ unitCode WRITE setUnitCode NOTIFY changed)
    Q_PROPERTY(QVariantList items READ items NOTIFY changed)
    Q_PROPERTY(int missingCount READ missingCount NOTIFY changed)
    Q_PROPERTY(QString groupTotal READ groupTotal NOTIFY changed)
    Q_PROPERTY(bool canSetFinal READ canSetFinal NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)

public:
    explicit UnitOverviewModel(QObject *parent = nullptr);

    QString unitCode() const { return m_unitCode; }
    void setUnitCode(const QString &code);
    QVariantList items() const { return m_items; }
    int missingCount() const { return m_missing; }
    QString groupTotal() const { return m_groupTotal; }
    bool canSetFinal() const { return m_canSetFinal; }
    QString message() const { return m_message; }

    Q_INVOKABLE bool setFinalValue(const QString &indicatorCode, const QString &value, const QString &reason);
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void changed();

private:
    QString m_unitCode, m_groupTotal, m_message;
    QVariantList m_items;
    int m_missing = 0;
    bool m_canSetFinal = false;
};

} // namespace onsite::app
