#include "client/store/setupcache.h"

#include "client/store/syncstate.h"
#include "store/campaignstore.h"

#include <QUuid>

namespace onsite::sync {

namespace {

const QString kStampKey = QStringLiteral("setup_stamp");

} // namespace

void SetupCache::stamp(SqlConnection &db)
{
    SyncState(db).setValue(kStampKey, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

std::shared_ptr<const CampaignSetup> SetupCache::load(SqlConnection &db)
{
    const SyncState state(db);
    const QString before = state.value(kStampKey);
    if (!before.isEmpty()) {
        const std::lock_guard lock(m_mutex);
        if (m_stamp == before)
            return m_setup;
    }
    std::optional<CampaignSetup> loaded = CampaignStore(db).loadSetup();
    if (!loaded)
        return nullptr;
    auto setup = std::make_shared<const CampaignSetup>(std::move(*loaded));
    // The reads above are separate statements: another connection may have committed
    // a new set-up between them. An unchanged stamp proves they all saw one content.
    if (!before.isEmpty() && state.value(kStampKey) == before) {
        std::shared_ptr<const CampaignSetup> replaced = setup;
        {
            const std::lock_guard lock(m_mutex);
            m_stamp = before;
            std::swap(m_setup, replaced);
        } // the old set-up is freed after unlocking
    }
    return setup;
}

} // namespace onsite::sync
