#include "client/transport/syncclient.h"

#include "protocol/compactwire.h"

#include <QCoreApplication>

#include <memory>

namespace onsite::sync {

namespace {

SyncError badAnswer(const QString &what)
{
    SyncError error;
    error.kind = SyncError::Kind::BadAnswer;
    error.message =
        QCoreApplication::translate("SyncClient", "服务器的回答无法识别（%1）").arg(what);
    return error;
}

PhotoState photoStateFrom(const QJsonObject &json)
{
    return {json.value(QStringLiteral("received")).toInteger(), json.value(QStringLiteral("complete")).toBool()};
}

// Protocol 2's answer without a body to a push: every mutation sent was applied.
protocol::PushResponse allApplied(const protocol::PushRequest &request)
{
    protocol::PushResponse response;
    response.lastProcessedSeq = request.mutations.back().seq;
    for (const protocol::Mutation &m : request.mutations)
        response.results.push_back({m.seq, protocol::MutationStatus::Applied, {}, {}, {}});
    return response;
}

QString photoPath(const QString &sha256) { return QStringLiteral("/api/v1/photos/") + sha256; }

} // namespace

void SyncClient::login(const QString &account, const QString &password, const QString &deviceId,
                       const QString &deviceName, Done<LoginAnswer> done)
{
    const QJsonObject body{{QStringLiteral("account"), account},
                           {QStringLiteral("password"), password},
                           {QStringLiteral("device_id"), deviceId},
                           {QStringLiteral("device_name"), deviceName}};
    m_transport.postJson(QStringLiteral("/api/v1/login"), body, [this, done](const ApiReply &reply) {
        if (!reply.error.ok())
            return done(reply.error, {});
        LoginAnswer answer{reply.json.value(QStringLiteral("token")).toString(),
                           reply.json.value(QStringLiteral("account")).toString(),
                           reply.json.value(QStringLiteral("name")).toString(),
                           reply.json.value(QStringLiteral("role")).toString(),
                           reply.json.value(QStringLiteral("protocol")).toInt()};
        if (answer.token.isEmpty())
            return done(
                badAnswer(QCoreApplication::translate("SyncClient", "登录回答中没有 token")), {});
        m_compact = answer.protocol >= protocol::compact::kVersion;
        done({}, answer);
    });
}

void SyncClient::bootstrap(Done<protocol::Bootstrap> done)
{
    m_transport.get(QStringLiteral("/api/v1/bootstrap"), {}, [done](const ApiReply &reply) {
        if (!reply.error.ok())
            return done(reply.error, {});
        QString error;
        const auto bootstrap = protocol::Bootstrap::fromJson(reply.json, &error);
        if (!bootstrap)
            return done(badAnswer(error), {});
        done({}, *bootstrap);
    });
}

bool SyncClient::fellBackToPlain(ApiTransport::Wire wire, const ApiReply &reply)
{
    if (wire != ApiTransport::Wire::Compact || reply.status != 404)
        return false;
    m_compact = false; // nothing was processed: the same request goes again, plain
    return true;
}

void SyncClient::push(const protocol::PushRequest &request, Done<protocol::PushResponse> done)
{
    pushAs(m_compact ? ApiTransport::Wire::Compact : ApiTransport::Wire::Plain, request, std::move(done));
}

void SyncClient::pushAs(ApiTransport::Wire wire, const protocol::PushRequest &request, Done<protocol::PushResponse> done)
{
    const bool compact = wire == ApiTransport::Wire::Compact;
    QByteArray body;
    if (request.incarnationTag.isEmpty() && !m_incarnationTag.isEmpty()) {
        protocol::PushRequest tagged = request;
        tagged.incarnationTag = m_incarnationTag;
        body = tagged.toJsonText(!compact); // in protocol 2 the token names the device
    } else {
        body = request.toJsonText(!compact);
    }
    m_transport.postJsonText(
        protocol::pushPath(compact), std::move(body),
        [this, wire, compact, request, done](const ApiReply &reply) {
            if (fellBackToPlain(wire, reply))
                return pushAs(ApiTransport::Wire::Plain, request, done);
            if (!reply.error.ok())
                return done(reply.error, {});
            if (reply.status == 204 && compact && !request.mutations.empty())
                return done({}, allApplied(request));
            if (!reply.json.value(QStringLiteral("results")).isArray())
                return done(
                    badAnswer(QCoreApplication::translate("SyncClient", "push 回答中没有 results")),
                    {});
            done({}, protocol::PushResponse::fromJson(reply.json));
        },
        wire);
}

void SyncClient::pull(qint64 since, int limit, Done<protocol::PullResponse> done)
{
    pullAs(m_compact ? ApiTransport::Wire::Compact : ApiTransport::Wire::Plain, since, limit, std::move(done));
}

void SyncClient::pullAs(ApiTransport::Wire wire, qint64 since, int limit, Done<protocol::PullResponse> done)
{
    const bool compact = wire == ApiTransport::Wire::Compact;
    m_transport.get(
        protocol::pullPath(compact), protocol::pullQuery(since, limit, m_incarnationTag, compact),
        [this, wire, compact, since, limit, done](const ApiReply &reply) {
            if (fellBackToPlain(wire, reply))
                return pullAs(ApiTransport::Wire::Plain, since, limit, done);
            if (!reply.error.ok())
                return done(reply.error, {});
            if (reply.status == 204 && compact) { // nothing new: the cursor stays
                protocol::PullResponse nothingNew;
                nothingNew.cursor = since;
                return done({}, nothingNew);
            }
            if (!reply.json.value(QStringLiteral("changes")).isArray() ||
                !reply.json.value(QStringLiteral("cursor")).isDouble())
                return done(badAnswer(QCoreApplication::translate("SyncClient",
                                                                  "pull 回答中没有 changes 或 cursor")),
                            {});
            done({}, protocol::PullResponse::fromJson(reply.json));
        },
        wire);
}

void SyncClient::pullAll(qint64 since, int limit, std::function<SyncError(const protocol::PullResponse &)> onPage,
                         Finished done)
{
    pull(since, limit, [this, since, limit, onPage, done](const SyncError &error, const protocol::PullResponse &page) {
        if (!error.ok())
            return done(error);
        const SyncError stored = onPage(page);
        if (!stored.ok())
            return done(stored);
        if (!page.more)
            return done({});
        if (page.cursor <= since) // a server that does not advance would loop forever
            return done(
                badAnswer(QCoreApplication::translate("SyncClient", "more=true 但游标没有前进")));
        pullAll(page.cursor, limit, onPage, done);
    });
}

void SyncClient::photoStatus(const QString &sha256, Done<PhotoState> done)
{
    m_transport.get(photoPath(sha256), {}, [done](const ApiReply &reply) {
        // 404: the server has nothing of this photo yet, which is a state, not an error.
        if (reply.status == 404)
            return done({}, PhotoState{});
        if (!reply.error.ok())
            return done(reply.error, {});
        done({}, photoStateFrom(reply.json));
    });
}

void SyncClient::putPhotoChunk(const QString &sha256, qint64 offset, qint64 total, const QByteArray &bytes,
                               Done<PhotoState> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("total"), QString::number(total));
    m_transport.putBytes(photoPath(sha256), query, bytes, [done](const ApiReply &reply) {
        if (!reply.error.ok())
            return done(reply.error, {});
        if (!reply.json.value(QStringLiteral("received")).isDouble())
            return done(
                badAnswer(QCoreApplication::translate("SyncClient", "上传回答中没有 received")),
                {});
        done({}, photoStateFrom(reply.json));
    });
}

} // namespace onsite::sync
