#include "sitelistmodel.h"

#include "appservices.h"
#include "client/store/devicestore.h"
#include "client/rules/fieldrules.h"

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
            for (const Site &site : rules.setup().sites) {
                if (site.unitCode != m_unitCode)
                    continue;
                int scored = 0;
                for (const QString &code : site.indicatorCodes) {
                    scored += store->db()
                                  .query(QStringLiteral("SELECT COUNT(*) FROM score_entries WHERE unit_code = ? AND "
                                                        "indicator_code = ? AND account = ? AND kind = 'rater'"),
                                         {m_unitCode, code, rules.me().account})
                                  .front()
                                  .value(0)
                                  .toInt();
                }
                m_sites.append(QVariantMap{{QStringLiteral("code"), site.code},
                                           {QStringLiteral("name"), site.name},
                                           {QStringLiteral("type"), siteTypeName(site.type)},
                                           {QStringLiteral("items"), site.indicatorCodes.join(QStringLiteral("、"))},
                                           {QStringLiteral("itemCount"), site.indicatorCodes.size()},
                                           {QStringLiteral("scored"), scored}});
            }
        } catch (const std::exception &) {
        }
    }
    Q_EMIT changed();
}

} // namespace onsite::app
