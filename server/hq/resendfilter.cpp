#include "resendfilter.h"

#include <QHash>

#include <algorithm>

namespace onsite::hq {

using protocol::MutationResult;

namespace {

constexpr int kDigestsPerQuery = 200;

} // namespace

ResendFilter::Split ResendFilter::split(const DeviceSession &session, const protocol::PushRequest &request)
{
    Split split;
    split.remaining.deviceId = request.deviceId;
    std::vector<QString> digests;
    digests.reserve(request.mutations.size());
    for (const protocol::Mutation &m : request.mutations)
        digests.push_back(m.digest());

    // Outcomes stored for these digests, looked up a few hundred at a time within the
    // device's own results (the key's prefix).
    QHash<QString, MutationResult> stored;
    for (size_t from = 0; from < digests.size(); from += kDigestsPerQuery) {
        const size_t to = std::min(digests.size(), from + kDigestsPerQuery);
        QStringList marks;
        QVariantList params{session.account, session.deviceId};
        for (size_t i = from; i < to; ++i) {
            marks << QStringLiteral("?");
            params << digests[i];
        }
        const auto rows = m_db.query(QStringLiteral("SELECT digest, status, reason, message FROM hq_push_results "
                                                    "WHERE account = ? AND device_id = ? AND digest IN (%1)")
                                         .arg(marks.join(QLatin1Char(','))),
                                     params);
        for (const SqlRow &row : rows) {
            const auto status = protocol::statusFromName(row[1].toString());
            if (status)
                stored.insert(row[0].toString(), {0, *status, row[2].toString(), row[3].toString(), {}});
        }
    }
    for (size_t i = 0; i < request.mutations.size(); ++i) {
        const protocol::Mutation &m = request.mutations[i];
        const auto found = stored.constFind(digests[i]);
        if (found == stored.constEnd()) {
            split.remaining.mutations.push_back(m);
            continue;
        }
        MutationResult result = *found;
        result.seq = m.seq;
        split.answered.push_back(std::move(result));
    }
    return split;
}

protocol::PushResponse ResendFilter::merge(const DeviceSession &session, std::optional<protocol::PushResponse> processed,
                                           std::vector<MutationResult> answered)
{
    protocol::PushResponse response;
    if (processed) {
        response = std::move(*processed);
    } else {
        const auto rows = m_db.query(QStringLiteral("SELECT last_seq FROM hq_push_state WHERE account = ? AND device_id = ?"),
                                     {session.account, session.deviceId});
        response.lastProcessedSeq = rows.empty() ? 0 : rows.front().value(0).toLongLong();
    }
    for (MutationResult &result : answered)
        response.results.push_back(std::move(result));
    std::sort(response.results.begin(), response.results.end(),
              [](const MutationResult &a, const MutationResult &b) { return a.seq < b.seq; });
    return response;
}

} // namespace onsite::hq
