#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>

namespace onsite::sync {
class FieldWorkspace;
} // namespace onsite::sync
Q_MOC_INCLUDE("client/fieldworkspace.h")

namespace onsite::app {

// The units of the signed-in person's group with progress and submission state,
// filtered by text. Empty until QML gives it the workspace; follows each sync round.
class UnitListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY workspaceChanged)
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    // True until the list is first read from a workspace: the page shows a placeholder,
    // not "no units", in between.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    enum Role { CodeRole = Qt::UserRole + 1, NameRole, CategoryRole, ScoredRole, TotalRole, PhotosWaitingRole,
                SiteCountRole, LockedRole, LockReasonRole, SubmittedRole };

    explicit UnitListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);

    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    Q_INVOKABLE void reload();
    bool loading() const { return m_loading; }

Q_SIGNALS:
    void workspaceChanged();
    void filterChanged();
    void countChanged();
    void loadingChanged();

private:
    struct Row
    {
        QString code, name, category, lockReason;
        int scored = 0, total = 0, photosWaiting = 0, sites = 0;
        bool locked = false;
        bool submitted = false; // the leader submitted and locked the unit (提交)
    };
    QPointer<sync::FieldWorkspace> m_workspace;
    std::vector<Row> m_all;
    std::vector<const Row *> m_visible;
    QString m_filter;
    bool m_loading = true;
    void applyFilter();
};

} // namespace onsite::app
