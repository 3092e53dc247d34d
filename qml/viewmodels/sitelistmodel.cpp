#include "sitelistmodel.h"

#include "appservices.h"
#include "client/store/devicestore.h"
#include "client/store/fieldqueries.h"
#include "client/rules/fieldrules.h"

#include <algorithm>

namespace onsite::app {

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
    auto *store = AppServices::instance().store;
    if (store && !m_unitCode.isEmpty()) {
        try {
            const sync::FieldRules rules = sync::FieldRules::load(store->db(), AppServices::instance().setups.get());
            const QHash<QString, QString> mine =
                sync::FieldQueries(store->db()).raterInputs(m_unitCode, rules.me().account);
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
