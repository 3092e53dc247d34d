#pragma once

#include "accountstore.h"
#include "changefeed.h"
#include "protocol/protocol.h"
#include "scope.h"

#include <QDateTime>
#include <QHash>

#include <vector>

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
    // What no record may carry, whatever its kind: a stamp that would decide conflicts
    // unfairly (malformed, or far beyond HQ's clock), a record time beyond HQ's clock by
    // as much, an id empty or longer than protocol::kMaxRecordIdLength.
    static std::optional<protocol::MutationResult> refusalBeforeApply(const protocol::Mutation &mutation,
                                                                      const QDateTime &now);
    struct StoredResult
    {
        QString digest;
        protocol::MutationResult result;
    };
    // `earlierInPush`: the outcome of the same number earlier in this push (not yet stored).
    protocol::MutationResult replayResult(const DeviceSession &session, const protocol::Mutation &mutation,
                                          const QString &digest, const StoredResult *earlierInPush);
    // A push re-sent after HQ was restored from a backup (PushRequest::resend) carries the
    // device's records under new numbers: the outcomes this device's earlier pushes stored
    // for the same content (Mutation::digest), found among `digests`. Result rows commit with
    // their effects, so a stored digest proves HQ holds the edit; it is answered with that
    // outcome, as a replay is, and not applied twice.
    QHash<QString, StoredResult> heldOutcomes(const DeviceSession &session, const std::vector<QString> &digests);

    SqlConnection &m_db;
    const CampaignSetup &m_setup;
};

} // namespace onsite::hq
