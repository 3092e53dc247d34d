#include "unitlistmodel.h"

#include "followworkspace.h"
#include "client/fieldworkspace.h"

namespace onsite::app {

UnitListModel::UnitListModel(QObject *parent) : QAbstractListModel(parent) {}

sync::FieldWorkspace *UnitListModel::workspace() const { return m_workspace; }

void UnitListModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (!followWorkspace(this, m_workspace, workspace, &sync::SyncEngine::statusChanged, &UnitListModel::reload))
        return;
    Q_EMIT workspaceChanged();
    reload();
}

int UnitListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_visible.size());
}

QVariant UnitListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_visible.size()))
        return {};
    const Row &row = *m_visible[static_cast<size_t>(index.row())];
    switch (role) {
    case CodeRole: return row.code;
    case NameRole: return row.name;
    case CategoryRole: return row.category;
    case ScoredRole: return row.scored;
    case TotalRole: return row.total;
    case PhotosWaitingRole: return row.photosWaiting;
    case SiteCountRole: return row.sites;
    case LockedRole: return row.locked;
    case LockReasonRole: return row.lockReason;
    case SubmittedRole: return row.submitted;
    default: return {};
    }
}

QHash<int, QByteArray> UnitListModel::roleNames() const
{
    return {{CodeRole, "code"},       {NameRole, "name"},         {CategoryRole, "category"},
            {ScoredRole, "scored"},   {TotalRole, "total"},       {PhotosWaitingRole, "photosWaiting"},
            {SiteCountRole, "siteCount"}, {LockedRole, "locked"}, {LockReasonRole, "lockReason"},
            {SubmittedRole, "submitted"}};
}

void UnitListModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged();
    beginResetModel();
    applyFilter();
    endResetModel();
    Q_EMIT countChanged();
}

void UnitListModel::applyFilter()
{
    m_visible.clear();
    const QString needle = m_filter.trimmed();
    for (const Row &row : m_all) {
        if (needle.isEmpty() || row.code.contains(needle, Qt::CaseInsensitive) || row.name.contains(needle) ||
            row.category.contains(needle))
            m_visible.push_back(&row);
    }
}

void UnitListModel::reload()
{
    beginResetModel();
    m_all.clear();
    m_visible.clear();
    if (m_workspace) {
        try {
            const sync::FieldRules rules = m_workspace->rules();
            const int items = static_cast<int>(std::count_if(rules.setup().indicators.begin(), rules.setup().indicators.end(),
                                                             [](const Indicator &i) { return !i.isProject(); }));
            QHash<QString, int> sitesPerUnit;
            for (const Site &site : rules.setup().sites)
                ++sitesPerUnit[site.unitCode];
            const QStringList submitted = m_workspace->submissions().lockedUnits();
            const sync::FieldQueries queries = m_workspace->queries();
            const QHash<QString, int> scored = queries.scoredItemsPerUnit(rules.me().account);
            const QHash<QString, int> waiting = queries.photosWaitingPerUnit();
            for (const auto &choice : rules.unitsToAssess()) {
                Row row{choice.unit->code, choice.unit->name, choice.unit->category, {}, 0, items, 0, 0,
                        choice.conflictOfInterest};
                if (row.locked)
                    row.lockReason = tr("回避：您来自本单位，不能为其评分");
                row.scored = scored.value(row.code);
                row.photosWaiting = waiting.value(row.code);
                row.sites = sitesPerUnit.value(row.code);
                row.submitted = submitted.contains(row.code);
                m_all.push_back(row);
            }
        } catch (const std::exception &) {
            // not signed in yet: an empty list
        }
    }
    applyFilter();
    endResetModel();
    Q_EMIT countChanged();
    if (m_loading && m_workspace) {
        m_loading = false;
        Q_EMIT loadingChanged();
    }
}

} // namespace onsite::app
