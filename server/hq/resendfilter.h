#pragma once

#include "accountstore.h"
#include "protocol/protocol.h"
#include "store/sqlconnection.h"

#include <optional>
#include <vector>

namespace onsite::hq {

// After HQ was restored from a backup, devices re-send their own records under new
// numbers (PushRequest::resend). A record HQ still holds from before the backup must not
// be applied a second time (a second feed change, a second history row): this answers
// every mutation of such a batch whose exact content (Mutation::digest) this (account,
// device) already pushed with the outcome HQ stored for it, and leaves the rest for
// PushProcessor. HQ's results are kept in the same transaction as their effects, so a
// stored digest proves the edit is in the database; one that is missing was lost with
// the restore and is applied as new, under the usual clock rules.
class ResendFilter
{
public:
    explicit ResendFilter(SqlConnection &db) : m_db(db) {}

    struct Split
    {
        protocol::PushRequest remaining;              // to PushProcessor
        std::vector<protocol::MutationResult> answered; // already processed before
    };
    Split split(const DeviceSession &session, const protocol::PushRequest &request);

    // One answer in seq order; `processed` is PushProcessor's answer for `remaining`
    // (none when nothing remained, then HQ's last number for the device is read here).
    protocol::PushResponse merge(const DeviceSession &session, std::optional<protocol::PushResponse> processed,
                                 std::vector<protocol::MutationResult> answered);

private:
    SqlConnection &m_db;
};

} // namespace onsite::hq
