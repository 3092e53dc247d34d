#pragma once

#include "accountstore.h"
#include "changefeed.h"
#include "protocol/protocol.h"
#include "scope.h"

#include <QDateTime>

namespace onsite::hq {

class RecordWriter;

// Applies one push batch in one transaction: replays answered from the stored
// outcome, each new mutation applied, rejected or kept as a conflict, and the
// device's last processed number advanced together with the effects.
class PushProcessor
{
public:
    PushProcessor(SqlConnection &connection, const CampaignSetup &setup) : m_db(connection), m_setup(setup) {}

    protocol::PushResponse process(const DeviceSession &session, const Scope &scope,
                                   const protocol::PushRequest &request, const QDateTime &now);

private:
    // Stamps that would decide conflicts unfairly: malformed, or far beyond HQ's clock.
    static std::optional<protocol::MutationResult> clockRefusal(const protocol::Mutation &mutation, const QDateTime &now);
    struct StoredResult
    {
        QString digest;
        protocol::MutationResult result;
    };
    // `earlierInPush`: the outcome of the same number earlier in this push (not yet stored).
    protocol::MutationResult replayResult(const DeviceSession &session, const protocol::Mutation &mutation,
                                          const QString &digest, const StoredResult *earlierInPush);

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
};

} // namespace onsite::hq
