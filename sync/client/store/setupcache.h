#pragma once

#include "domain/campaignsetup.h"
#include "store/sqlconnection.h"

#include <QString>

#include <memory>
#include <mutex>

namespace onsite::sync {

// A device's campaign set-up, read once and shared while it is unchanged: every
// screen and every recorded change checks against it, and a campaign of tens of
// thousands of sites takes far longer to read than to check. One cache belongs to one
// workspace (FieldWorkspace); code without one reads the set-up each time.
//
// The key is a random stamp in `sync_state`, rewritten in every transaction that
// writes the set-up tables (BootstrapApplier is the only writer on a device). A stamp
// is never reused, so it names one content across databases, files and in-memory
// connections alike, and a rolled-back rewrite leaves the previous stamp with the
// previous content. Without a stamp nothing is cached.
class SetupCache
{
public:
    // Gives the set-up a new stamp. Call inside the rewriting transaction, both before
    // the first and after the last write, so a read in between is never cached under
    // a stamp that outlives the transaction.
    static void stamp(SqlConnection &db);

    // The stored set-up, or nullptr if there is none. Any thread may call it, each
    // with its own connection.
    std::shared_ptr<const CampaignSetup> load(SqlConnection &db);

private:
    std::mutex m_mutex;
    QString m_stamp;
    std::shared_ptr<const CampaignSetup> m_setup;
};

} // namespace onsite::sync
