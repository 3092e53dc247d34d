#pragma once

#include "client/store/outbox.h"
#include "protocol/protocol.h"
#include "store/sqlconnection.h"

#include <vector>

namespace onsite::sync {

struct PullOutcome
{
    int applied = 0;   // records written or replaced
    int deleted = 0;   // tombstones applied
    int keptLocal = 0; // changes to records with an unsynced local edit: the edit stays
    int ignored = 0;   // entities this build does not know (the protocol grows additively)
};

struct PushOutcome
{
    int applied = 0;
    int rejected = 0;
    int conflicts = 0;
    int renumbered = 0; // numbers HQ had used for other content: pushed again as new
    std::vector<OutboxEntry> problems; // the rejected and conflicting mutations, with reasons
};

// Applies what the server answered to the device store, each answer in one
// transaction: a pull page together with its cursor, a push response together with the
// outbox states it settles.
class ChangeApplier
{
public:
    explicit ChangeApplier(SqlConnection &db) : m_db(db) {}

    // Throws SqlError (nothing applied, cursor unchanged) when a change is malformed
    // or the store fails.
    PullOutcome applyPull(const protocol::PullResponse &page);
    PushOutcome applyPush(const std::vector<protocol::Mutation> &sent, const protocol::PushResponse &response);

private:
    bool hasLocalEdit(const protocol::Change &change) const;

    SqlConnection &m_db;
};

} // namespace onsite::sync
