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

// All items of one unit: the person's own input, what the group's synced scores give
// (same engine as HQ), final values, and what is still missing. A group leader sets
// final values (核定) here, always with a written reason, and submits the unit (提交),
// which locks its scores for everyone; reopening needs a reason too.
class UnitOverviewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY workspaceChanged)
    Q_PROPERTY(QString unitCode READ unitCode WRITE setUnitCode NOTIFY changed)
    Q_PROPERTY(QVariantList items READ items NOTIFY changed)
    // Level-1 projects: code, title, maxScore, subtotal (the group's, capped like HQ's)
    // and mineSubtotal (the person's own points).
    Q_PROPERTY(QVariantList projects READ projects NOTIFY changed)
    Q_PROPERTY(int missingCount READ missingCount NOTIFY changed)
    Q_PROPERTY(QString groupTotal READ groupTotal NOTIFY changed)
    Q_PROPERTY(bool canSetFinal READ canSetFinal NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(bool submitted READ submitted NOTIFY changed)
    Q_PROPERTY(QString submissionText READ submissionText NOTIFY changed)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY changed)
    Q_PROPERTY(int unscoredCount READ unscoredCount NOTIFY changed) // items nobody has scored yet
    Q_PROPERTY(QString unscoredText READ unscoredText NOTIFY changed)

public:
    explicit UnitOverviewModel(QObject *parent = nullptr) : QObject(parent) {}

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);

    QString unitCode() const { return m_unitCode; }
    void setUnitCode(const QString &code);
    QVariantList items() const { return m_items; }
    QVariantList projects() const { return m_projects; }
    int missingCount() const { return m_missing; }
    QString groupTotal() const { return m_groupTotal; }
    bool canSetFinal() const { return m_canSetFinal; }
    QString message() const { return m_message; }
    bool submitted() const { return m_submitted; }
    QString submissionText() const { return m_submissionText; }
    bool canSubmit() const { return m_canSubmit; }
    int unscoredCount() const { return static_cast<int>(m_unscored.size()); }
    QString unscoredText() const { return m_unscored.join(QStringLiteral("、")); }

    Q_INVOKABLE bool setFinalValue(const QString &indicatorCode, const QString &value, const QString &reason);
    Q_INVOKABLE bool submit();
    Q_INVOKABLE bool reopen(const QString &reason);
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void workspaceChanged();
    void changed();

private:
    template <typename Work>
    bool write(Work work, const QString &done);

    QPointer<sync::FieldWorkspace> m_workspace;
    QString m_unitCode, m_groupTotal, m_message, m_submissionText;
    QVariantList m_items, m_projects;
    QStringList m_unscored;
    int m_missing = 0;
    bool m_canSetFinal = false, m_canSubmit = false, m_submitted = false;
};

} // namespace onsite::app
