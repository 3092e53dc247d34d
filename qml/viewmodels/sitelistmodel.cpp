#include "sitelistmodel.h"

#include "client/fieldworkspace.h"

#include <algorithm>

namespace onsite::app {

sync::FieldWorkspace *SiteListModel::workspace() const { return m_workspace; }

void SiteListModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (workspace == m_workspace)
        return;
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    // Each site's "我已评 x/y" follows every write and every pull, so coming back from a
    // site shows what was just scored there.
    if (m_workspace)
        connect(m_workspace, &sync::FieldWorkspace::changed, this, &SiteListModel::reload);
    Q_EMIT workspaceChanged();
    reload();
}

void SiteListModel::setUnitCode(const QString &code)
{
    if (code == m_unitCode)
        return;
    m_unitCode = code;
    reload();
}

void SiteListModel::reload()
{
    m_sites.clear();
    if (m_workspace && !m_unitCode.isEmpty()) {
        try {
            const sync::FieldRules rules = m_workspace->rules();
            const QHash<QString, QString> mine = m_workspace->queries().raterInputs(m_unitCode, rules.me().account);
            for (const Site &site : rules.setup().sites) {
                if (site.unitCode != m_unitCode)
                    continue;
                const auto scored = std::count_if(site.indicatorCodes.begin(), site.indicatorCodes.end(),
                                                  [&](const QString &code) { return mine.contains(code); });
                m_sites.append(QVariantMap{{QStringLiteral("code"), site.code},
                                           {QStringLiteral("name"), site.name},
                                           {QStringLiteral("type"), siteTypeName(site.type)},
                                           {QStringLiteral("items"), site.indicatorCodes.join(QStringLiteral("、"))},
                                           {QStringLiteral("itemCount"), site.indicatorCodes.size()},
                                           {QStringLiteral("scored"), static_cast<int>(scored)}});
            }
        } catch (const std::exception &) {
        }
    }
    Q_EMIT changed();
}

} // namespace onsite::app
