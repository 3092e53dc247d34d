#include "client/signin/setupcache.h"

#include "store/campaignstore.h"
#include "client/store/syncstate.h"

#include <QUuid>

#include <mutex>

namespace onsite::sync {

namespace {

const QString kStampKey = QStringLiteral("setup_stamp");

// One entry: a device has one database; tests with several only miss more often.
struct Entry
{
    QString stamp;
    std::shared_ptr<const CampaignSetup> setup;
};

std::mutex g_mutex;
Entry g_entry;

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
        const std::lock_guard lock(g_mutex);
        if (g_entry.stamp == before)
            return g_entry.setup;
    }
    std::optional<CampaignSetup> loaded = CampaignStore(db).loadSetup();
    if (!loaded)
        return nullptr;
    auto setup = std::make_shared<const CampaignSetup>(std::move(*loaded));
    // The reads above are separate statements: another connection may have committed
    // a new set-up between them. An unchanged stamp proves they all saw one content.
    if (!before.isEmpty() && state.value(kStampKey) == before) {
        Entry replaced{before, setup};
        const std::lock_guard lock(g_mutex);
        std::swap(g_entry, replaced); // the old set-up is freed after unlocking
    }
    return setup;
}

} // namespace onsite::sync
