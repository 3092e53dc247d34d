#pragma once

#include "connectionpool.h"
#include "domain/campaignsetup.h"

#include <memory>
#include <mutex>

namespace onsite::hq {

// The campaign set-up, loaded once and shared by the sync API and the console: a data
// folder holds one campaign, imported before the service starts, and it does not
// change while serving.
class SetupCache
{
public:
    explicit SetupCache(ConnectionPool &pool) : m_pool(pool) {}

    // Null while no campaign has been imported.
    std::shared_ptr<const CampaignSetup> get();

private:
    ConnectionPool &m_pool;
    std::mutex m_mutex;
    std::shared_ptr<const CampaignSetup> m_setup;
};

} // namespace onsite::hq
