// HttpConnection, the photo chunks' own HTTP/1.1 connection: what it sends, the answers
// it reads (lengths, chunks, close-delimited, 1xx first), one connection kept for many
// requests, an idle connection the server closed, and every way of getting no answer.
// Through ApiTransport::putBytes: errors in words, TLS trusted only with its CA.
#include "client/transport/apitransport.h"
#include "client/transport/httpconnection.h"
#include "sync/fakehq.h"

#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <optional>

using namespace onsite::sync;
using namespace std::chrono_literals;
using onsite::test::FakeHq;
using onsite::test::FakeRequest;
using onsite::test::FakeResponse;
using onsite::test::waitUntil;

namespace {

// A server that answers each complete request with the bytes its script gives, sent in
// the pieces given (a pause between them, so they arrive apart), then closes the
// connection when asked. Counts the connections it accepted.
class ScriptedServer
{
public:
    struct Reply
    {
        QList<QByteArray> pieces;
        bool closeAfter = false;
    };
    using Script =
        std::function<Reply(int request, const QByteArray &head, const QByteArray &body)>;

    explicit ScriptedServer(Script script) : m_script(std::move(script))
    {
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    // Closes every connection it holds, as a server does with idle keep-alive ones.
    void closeIdleConnections()
    {
        for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
            socket->disconnectFromHost();
    }

    int connections = 0;
    int requests = 0;

private:
    void serve(QTcpSocket *socket)
    {
        ++connections;
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer->left(end);
            const qsizetype lengthAt = head.toLower().indexOf("content-length:");
            const qsizetype length =
                lengthAt < 0 ? 0
                             : head.mid(lengthAt + 15, head.indexOf('\r', lengthAt) - lengthAt - 15)
                                   .trimmed()
                                   .toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            const QByteArray body = buffer->mid(end + 4, length);
            buffer->remove(0, end + 4 + length);
            sendPieces(socket, m_script(requests++, head, body), 0);
        });
    }

    void sendPieces(QTcpSocket *socket, Reply reply, qsizetype next)
    {
        if (next == reply.pieces.size()) {
            if (reply.closeAfter)
                socket->disconnectFromHost();
            return;
        }
        socket->write(reply.pieces[next]);
        socket->flush();
        QTimer::singleShot(next + 1 < reply.pieces.size() ? 15 : 0, socket,
                           [this, socket, reply, next] { sendPieces(socket, reply, next + 1); });
    }

    QTcpServer m_server;
    Script m_script;
};

QNetworkRequest requestTo(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer t-1");
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/octet-stream"));
    return request;
}

RawAnswer sendAndWait(HttpConnection &connection, const QUrl &url, const QByteArray &body = "x",
                      std::chrono::milliseconds timeout = 5s)
{
    std::optional<RawAnswer> answer;
    connection.send("PUT", requestTo(url), body, timeout, [&](const RawAnswer &a) { answer = a; });
    EXPECT_TRUE(waitUntil([&] { return answer.has_value(); }, 10000));
    return answer.value_or(RawAnswer{});
}

QByteArray content(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = static_cast<char>((i * 131) % 253);
    return bytes;
}

} // namespace

TEST(HttpConnection, SendsTheRequestsHeadersAndBodyAndReadsTheAnswer)
{
    FakeHq hq([](const FakeRequest &r) {
        return FakeResponse::json(200, {{QStringLiteral("received"), r.body.size()}});
    });
    HttpConnection connection;
    QUrl url = hq.url();
    url.setPath(QStringLiteral("/api/v1/photos/ab%20c"));
    url.setQuery(QStringLiteral("offset=0&total=3145728"));
    const QByteArray body = content(3 << 20);
    const RawAnswer answer = sendAndWait(connection, url, body);

    EXPECT_EQ(answer.failure.kind, NetworkFailure::Kind::None);
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, QByteArray(R"({"received":3145728})"));
    ASSERT_EQ(hq.requests.size(), 1u);
    const FakeRequest &seen = hq.requests.front();
    EXPECT_EQ(seen.method, "PUT");
    EXPECT_EQ(seen.path, QStringLiteral("/api/v1/photos/ab%20c"));
    EXPECT_EQ(seen.query.queryItemValue(QStringLiteral("total")), QStringLiteral("3145728"));
    EXPECT_EQ(seen.header("Authorization"), "Bearer t-1");
    EXPECT_EQ(seen.header("Content-Type"), "application/octet-stream");
    EXPECT_EQ(seen.header("Host"), "127.0.0.1:" + QByteArray::number(hq.url().port()));
    EXPECT_TRUE(seen.body == body);
}

TEST(HttpConnection, KeepsOneConnectionForRequestsOneAfterAnother)
{
    ScriptedServer server([](int request, const QByteArray &, const QByteArray &) {
        const QByteArray body = "{\"n\":" + QByteArray::number(request) + "}";
        return ScriptedServer::Reply{{"HTTP/1.1 200 OK\r\nContent-Length: " +
                                      QByteArray::number(body.size()) + "\r\n\r\n" + body}};
    });
    HttpConnection connection;
    std::vector<QByteArray> bodies;
    for (int i = 0; i < 3; ++i) // queued at once: sent one after another, answered in order
        connection.send("PUT", requestTo(server.url(QStringLiteral("/p"))), "abc", 5s,
                        [&](const RawAnswer &a) { bodies.push_back(a.body); });
    ASSERT_TRUE(waitUntil([&] { return bodies.size() == 3; }));
    EXPECT_EQ(bodies, (std::vector<QByteArray>{"{\"n\":0}", "{\"n\":1}", "{\"n\":2}"}));
    EXPECT_EQ(sendAndWait(connection, server.url(QStringLiteral("/p"))).status, 200);
    EXPECT_EQ(server.connections, 1);
}

TEST(HttpConnection, ReadsChunkedAnswersArrivingInPieces)
{
    ScriptedServer server([](int, const QByteArray &, const QByteArray &) {
        return ScriptedServer::Reply{{"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 2",
                                      "01 Created\r\nTransfer-Encoding: chunked\r\n",
                                      "\r\n5;ext=1\r\n{\"a\":", "\r\n4\r\n1234\r",
                                      "\n3\r\n}xy\r\n0\r\nX-Trailer: 1\r\n", "\r\n"}};
    });
    HttpConnection connection;
    const RawAnswer answer = sendAndWait(connection, server.url(QStringLiteral("/c")));
    EXPECT_EQ(answer.status, 201);
    EXPECT_EQ(answer.body, "{\"a\":1234}xy");
    // The connection stays usable after a chunked answer.
    EXPECT_EQ(sendAndWait(connection, server.url(QStringLiteral("/c"))).body, "{\"a\":1234}xy");
    EXPECT_EQ(server.connections, 1);
}

TEST(HttpConnection, AnAnswerWithoutLengthEndsWithTheConnection)
{
    ScriptedServer server([](int, const QByteArray &, const QByteArray &) {
        return ScriptedServer::Reply{
            {"HTTP/1.0 200 OK\r\nRetry-After: 7\r\n\r\n{\"until\":", "\"close\"}"}, true};
    });
    HttpConnection connection;
    const RawAnswer first = sendAndWait(connection, server.url(QStringLiteral("/u")));
    EXPECT_EQ(first.failure.kind, NetworkFailure::Kind::None);
    EXPECT_EQ(first.body, "{\"until\":\"close\"}");
    EXPECT_EQ(first.retryAfter, "7");
    EXPECT_EQ(sendAndWait(connection, server.url(QStringLiteral("/u"))).status, 200);
    EXPECT_EQ(server.connections, 2);
}

// A server closes keep-alive connections it has waited on long enough; the next request
// must not fail for it.
TEST(HttpConnection, AnIdleConnectionTheServerClosedIsOpenedAgain)
{
    ScriptedServer server([](int, const QByteArray &, const QByteArray &) {
        return ScriptedServer::Reply{{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"}};
    });
    HttpConnection connection;
    EXPECT_EQ(sendAndWait(connection, server.url(QStringLiteral("/i"))).status, 200);
    server.closeIdleConnections();
    EXPECT_EQ(sendAndWait(connection, server.url(QStringLiteral("/i"))).status, 200);
    EXPECT_EQ(server.connections, 2);
    EXPECT_EQ(server.requests, 2);
}

TEST(HttpConnection, AnswersThatAreNotHttpAreRefused)
{
    const QList<QByteArray> broken{
        "hello\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n"};
    for (const QByteArray &bytes : broken) {
        ScriptedServer server([&](int, const QByteArray &, const QByteArray &) {
            return ScriptedServer::Reply{{bytes}};
        });
        HttpConnection connection;
        const RawAnswer answer = sendAndWait(connection, server.url(QStringLiteral("/b")));
        EXPECT_EQ(answer.failure.kind, NetworkFailure::Kind::BadAnswer) << bytes.toStdString();
        EXPECT_EQ(answer.status, 0) << bytes.toStdString();
    }
}

TEST(HttpConnection, NoAnswerIsReportedForWhatItIs)
{
    FakeHq silent([](const FakeRequest &) { return FakeResponse{0, {}, {}, false, true}; });
    HttpConnection connection;
    QElapsedTimer clock;
    clock.start();
    EXPECT_EQ(sendAndWait(connection, silent.url(), "x", 300ms).failure.kind,
              NetworkFailure::Kind::TimedOut);
    EXPECT_LT(clock.elapsed(), 3000);

    FakeHq cutting([](const FakeRequest &) { return FakeResponse{0, {}, {}, true, false}; });
    EXPECT_EQ(sendAndWait(connection, cutting.url()).failure.kind, NetworkFailure::Kind::Closed);

    QTcpServer probe; // a free port, then closed: nothing listens there
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl nobody(QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort()));
    probe.close();
    EXPECT_EQ(sendAndWait(connection, nobody).failure.kind, NetworkFailure::Kind::Refused);
}

TEST(HttpConnection, ARequestInFlightIsDroppedWithTheConnection)
{
    FakeHq silent([](const FakeRequest &) { return FakeResponse{0, {}, {}, false, true}; });
    bool called = false;
    {
        HttpConnection connection;
        connection.send("PUT", requestTo(silent.url()), "x", 5s,
                        [&](const RawAnswer &) { called = true; });
        ASSERT_TRUE(waitUntil([&] { return !silent.requests.empty(); }));
    }
    waitUntil([] { return false; }, 100);
    EXPECT_FALSE(called);
}

TEST(HttpConnection, ProxiesAreLeftToQtsClient)
{
    EXPECT_TRUE(HttpConnection::reaches(QUrl(QStringLiteral("http://127.0.0.1:8080/api"))));
    EXPECT_TRUE(HttpConnection::reaches(QUrl(QStringLiteral("https://hq.example/api"))));
    EXPECT_FALSE(HttpConnection::reaches(QUrl(QStringLiteral("ftp://hq.example/api"))));
    EXPECT_FALSE(HttpConnection::reaches(QUrl(QStringLiteral("/api"))));
    const QNetworkProxy before = QNetworkProxy::applicationProxy();
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 3128));
    EXPECT_FALSE(HttpConnection::reaches(QUrl(QStringLiteral("http://hq.example:8080/api"))));
    EXPECT_FALSE(HttpConnection::reaches(QUrl(QStringLiteral("https://hq.example/api"))));
    // Qt sends nothing for loopback through a proxy, and neither do we.
    EXPECT_TRUE(HttpConnection::reaches(QUrl(QStringLiteral("http://127.0.0.1:8080/api"))));
    QNetworkProxy::setApplicationProxy(before);
}

// Through ApiTransport, as PhotoUploader's chunks go: HQ's error answer read as for
// every other request, and TLS trusted only with the deployment's CA.
TEST(HttpConnection, PhotoChunksThroughTheTransportReadErrorsAndTrustOnlyTheGivenCa)
{
    const onsite::test::SelfSignedTls tls;
    if (tls.server.isNull())
        GTEST_SKIP() << "openssl could not make a test certificate";
    FakeHq hq(
        [](const FakeRequest &r) {
            if (r.query.queryItemValue(QStringLiteral("offset")) != QStringLiteral("0"))
                return FakeResponse::error(409, QStringLiteral("offset_mismatch"),
                                           QStringLiteral("上传位置不符"));
            return FakeResponse::json(200, {{QStringLiteral("received"), r.body.size()}});
        },
        tls.server);
    auto put = [](ApiTransport &transport, const QString &offset) {
        std::optional<ApiReply> reply;
        transport.putBytes(QStringLiteral("/api/v1/photos/x"),
                           QUrlQuery({{QStringLiteral("offset"), offset}}), content(1 << 20),
                           [&](const ApiReply &r) { reply = r; });
        EXPECT_TRUE(waitUntil([&] { return reply.has_value(); }, 10000));
        return reply.value_or(ApiReply{});
    };

    ApiTransport untrusting;
    untrusting.setBaseUrl(hq.url(QStringLiteral("https")));
    const ApiReply refused = put(untrusting, QStringLiteral("0"));
    EXPECT_EQ(refused.error.kind, SyncError::Kind::Tls);
    EXPECT_TRUE(refused.error.message.contains(QStringLiteral("证书不受信任")))
        << refused.error.message.toStdString();
    EXPECT_TRUE(hq.requests.empty());

    ApiTransport trusting;
    trusting.setBaseUrl(hq.url(QStringLiteral("https")));
    QString caError;
    ASSERT_TRUE(trusting.setCaCertificateFile(tls.certificate, &caError));
    const ApiReply stored = put(trusting, QStringLiteral("0"));
    EXPECT_TRUE(stored.error.ok()) << stored.error.text().toStdString();
    EXPECT_EQ(stored.json.value(QStringLiteral("received")).toInteger(), 1 << 20);
    const ApiReply mismatch = put(trusting, QStringLiteral("5"));
    EXPECT_EQ(mismatch.error.kind, SyncError::Kind::Server);
    EXPECT_EQ(mismatch.error.httpStatus, 409);
    EXPECT_EQ(mismatch.error.code, QStringLiteral("offset_mismatch"));
    ASSERT_EQ(hq.requests.size(), 2u);
    EXPECT_EQ(hq.requests.back().header("User-Agent"), "onsite-field/1");
}
