#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>

namespace onsite::app {

// The units of the signed-in person's group with progress and submission state,
// filtered by text.
class UnitListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role { CodeRole = Qt::UserRole + 1, NameRole, CategoryRole, ScoredRole, TotalRole, PhotosWaitingRole,
                SiteCountRole, LockedRole, LockReasonRole, SubmittedRole };

    explicit UnitListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void filterChanged();
    void countChanged();

private:
    struct Row
    {
        QString code, name, category, lockReason;
        int scored = 0, total = 0, photosWaiting = 0, sites = 0;
        bool locked = false;
        bool submitted = false; // the leader submitted and locked the unit (提交)
    };
    std::vector<Row> m_all;
    std::vector<const Row *> m_visible;
    QString m_filter;
    void applyFilter();
};

} // namespace onsite::app
