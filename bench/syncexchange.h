#pragma once

#include "wireclient.h"

#include "protocol/protocol.h"

#include <QString>

#include <functional>
#include <map>
#include <vector>

namespace onsite::bench {

struct PushOutcome
{
    int requests = 0;
    std::map<QString, int> statuses; // applied / rejected:reason / …
};

struct PullOutcome
{
    int requests = 0;
    qint64 cursor = 0;
    std::vector<protocol::Change> changes;
};

// A device's push and pull requests as SyncClient makes them, in protocol 2
// (protocol/compactwire.h) or 1, each answer checked against what was sent. Problems are
// reported, not thrown: a wrong count or a refused record is a finding to report with the
// numbers, not a reason to lose the run.
class SyncExchange
{
public:
    using Problem = std::function<void(const QString &)>;

    SyncExchange(bool compactWire, QString deviceId, Problem problem)
        : m_compact(compactWire), m_deviceId(std::move(deviceId)), m_problem(std::move(problem))
    {
    }

    bool compactWire() const { return m_compact; }
    PushOutcome push(WireClient &client, const std::vector<protocol::Mutation> &batch,
                     PushOutcome outcome = {}) const;
    // Pages until HQ says there is no more.
    PullOutcome pullAll(WireClient &client, qint64 since, int page) const;

private:
    bool m_compact;
    QString m_deviceId;
    Problem m_problem;
};

} // namespace onsite::bench
