#include "setupcache.h"

#include "store/campaignstore.h"

namespace onsite::hq {

std::shared_ptr<const CampaignSetup> SetupCache::get()
{
    std::lock_guard lock(m_mutex);
    if (!m_setup) {
        auto lease = m_pool.acquire();
        if (auto loaded = CampaignStore(*lease).loadSetup()) {
            loaded->indexUnits();
            m_setup = std::make_shared<const CampaignSetup>(std::move(*loaded));
        }
    }
    return m_setup;
}

} // namespace onsite::hq
