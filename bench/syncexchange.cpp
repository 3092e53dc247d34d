#include "syncexchange.h"

#include <QJsonDocument>

namespace onsite::bench {

PushOutcome SyncExchange::push(WireClient &client, const std::vector<protocol::Mutation> &batch,
                               PushOutcome outcome) const
{
    const protocol::PushRequest request{m_deviceId, batch, false,
                                        protocol::incarnationTag(client.incarnation())};
    // As SyncClient writes it; in protocol 2 the token names the device.
    const WireReply reply = client.postJson(protocol::pushPath(m_compact), request.toJsonText(!m_compact));
    ++outcome.requests;
    if (reply.status == 204 && m_compact && !batch.empty()) { // protocol 2: every mutation applied
        outcome.statuses[protocol::statusName(protocol::MutationStatus::Applied)] +=
            int(batch.size());
        return outcome;
    }
    if (reply.status != 200) {
        m_problem(QStringLiteral("push answered HTTP %1: %2")
                      .arg(reply.status)
                      .arg(QString::fromUtf8(reply.body.left(500))));
        return outcome;
    }
    const auto response = protocol::PushResponse::fromJson(reply.json);
    if (!response.incarnation.isEmpty())
        client.setIncarnation(response.incarnation);
    const qint64 expectedLast = batch.empty() ? response.lastProcessedSeq : batch.back().seq;
    if (response.lastProcessedSeq != expectedLast || response.results.size() != batch.size())
        m_problem(QStringLiteral("push of %1 mutations ending at seq %2 answered "
                                 "last_processed_seq %3 with %4 results")
                      .arg(batch.size())
                      .arg(expectedLast)
                      .arg(response.lastProcessedSeq)
                      .arg(response.results.size()));
    for (const auto &result : response.results) {
        QString key = protocol::statusName(result.status);
        if (!result.reason.isEmpty())
            key += QLatin1Char(':') + result.reason;
        if (outcome.statuses[key]++ == 0 && result.status != protocol::MutationStatus::Applied)
            m_problem(QStringLiteral("mutation %1 ended %2: %3")
                          .arg(result.seq)
                          .arg(key, result.message));
    }
    return outcome;
}

PullOutcome SyncExchange::pullAll(WireClient &client, qint64 since, int page) const
{
    PullOutcome outcome;
    outcome.cursor = since;
    for (;;) {
        // The query as SyncClient::pull builds it.
        const QString tag = protocol::incarnationTag(client.incarnation());
        const QString target =
            protocol::pullPath(m_compact) + QLatin1Char('?') +
            protocol::pullQuery(outcome.cursor, page, tag, m_compact).toString(QUrl::FullyEncoded);
        const WireReply reply = client.get(target);
        ++outcome.requests;
        if (reply.status == 204 && m_compact) // protocol 2: nothing new, the cursor stays
            return outcome;
        if (reply.status != 200) {
            m_problem(QStringLiteral("pull since %1 answered HTTP %2: %3")
                          .arg(outcome.cursor)
                          .arg(reply.status)
                          .arg(QString::fromUtf8(reply.body.left(500))));
            return outcome;
        }
        auto response = protocol::PullResponse::fromJson(reply.json);
        if (!response.incarnation.isEmpty())
            client.setIncarnation(response.incarnation);
        for (auto &change : response.changes)
            outcome.changes.push_back(std::move(change));
        if (response.cursor <= outcome.cursor && response.more) {
            m_problem(QStringLiteral("pull cursor did not advance past %1 while more=true")
                          .arg(outcome.cursor));
            return outcome;
        }
        outcome.cursor = response.cursor;
        if (!response.more)
            return outcome;
    }
}

} // namespace onsite::bench
