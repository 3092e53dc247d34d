// The HTTP layer of onsite-hq under hostile or clumsy clients, request by request:
// huge, endless, unauthenticated and malformed bodies, unknown paths, outdated apps.
// Connections and sign-in limits are in connection_limits_test.cpp.
#include "hardeningfixture.h"

#include <QJsonDocument>

#include <poll.h>
#include <sys/socket.h>

namespace onsite::test {

// Beast keeps an unfinished chunk-size line, or a trailer section waiting for its empty
// line, in the session's read buffer: while the buffer had no maximum, an endless one
// grew HQ by 1 GB in 13 s. `chunkedStart` ends where the endless part begins; `piece`
// repeats for 256 MiB unless HQ stops reading.
void HttpHardening::expectEndlessChunkedPartRefused(const QByteArray &chunkedStart, const QByteArray &piece)
{
    const QByteArray auth = authorization(); // before the baseline: signing in costs argon2 memory
    ASSERT_EQ(statusCode(), 200);
    const qint64 before = hq->residentKiB();
    const QByteArray header = "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\n" + auth + "\r\n" + chunkedStart;
    QByteArray repeated;
    while (repeated.size() < 64 * 1024)
        repeated += piece;
    const qint64 wire = 256 * kMiB;
    const StreamOutcome outcome = streamBody(hq->port(), header, repeated, wire);

    EXPECT_EQ(statusOf(outcome.response), 400) << outcome.response.left(300).toStdString();
    EXPECT_LT(outcome.bodyBytesSent, wire) << "the server kept reading";
    EXPECT_LE(hq->residentKiB(), before + 32 * 1024) << "RSS grew from " << before << " KiB";
    EXPECT_EQ(statusCode(), 200) << "an honest client is still served";
}

namespace {

TEST_F(HttpHardening, DeclaredHugeBodyIsRefusedBeforeItIsRead)
{
    ASSERT_EQ(statusCode(), 200); // warm up, so the baseline includes a served request
    const qint64 before = hq->residentKiB();
    ASSERT_GT(before, 0);

    const qint64 declared = 300 * kMiB;
    const QByteArray header = "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              QByteArray::number(declared) + "\r\n\r\n";
    const StreamOutcome outcome = streamBody(hq->port(), header, QByteArray(64 * 1024, 'x'), declared);

    EXPECT_EQ(statusOf(outcome.response), 413) << outcome.response.left(300).toStdString();
    EXPECT_EQ(jsonBodyOf(outcome.response).value(QStringLiteral("error")).toString(), QStringLiteral("body_too_large"));
    // The server answered on the header: the client never got to push all 300 MB.
    EXPECT_LT(outcome.bodyBytesSent, declared);
    const qint64 after = hq->residentKiB();
    EXPECT_LE(after, before + 64 * 1024) << "RSS grew from " << before << " KiB to " << after << " KiB";
    EXPECT_EQ(statusCode(), 200) << "the server did not survive";
}

TEST_F(HttpHardening, ChunkedBodyBeyondTheLimitIsRefused)
{
    const QByteArray auth = authorization(); // before the baseline: signing in costs argon2 memory
    // No Content-Length to check up front: the limit must hold while reading (8 MiB).
    const qint64 before = hq->residentKiB();
    const QByteArray header = "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\n" + auth + "\r\n";
    const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'x') + "\r\n";
    const qint64 wire = 64 * kMiB / chunk.size() * chunk.size(); // 64 MiB of chunks, never terminated
    const StreamOutcome outcome = streamBody(hq->port(), header, chunk, wire);

    EXPECT_EQ(statusOf(outcome.response), 413) << outcome.response.left(300).toStdString();
    EXPECT_LT(outcome.bodyBytesSent, wire) << "the server read the whole chunked body";
    EXPECT_LE(hq->residentKiB(), before + 64 * 1024);
    EXPECT_EQ(statusCode(), 200);
}

TEST_F(HttpHardening, EndlessChunkExtensionIsRefusedWithBoundedMemory)
{
    expectEndlessChunkedPartRefused("1;", "name=value;");
}

TEST_F(HttpHardening, EndlessTrailersAreRefusedWithBoundedMemory)
{
    expectEndlessChunkedPartRefused("2\r\n{}\r\n0\r\n", "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaa\r\n");
}

// A photo chunk may be as large as the general body limit (8 MiB).
const QByteArray kPhotoPut = "PUT /api/v1/photos/" + QByteArray(64, 'a') +
                             "?offset=0&total=30000000 HTTP/1.1\r\nHost: 127.0.0.1\r\n";

// Bodies used to be buffered (Beast reserves the declared length) before the token was
// checked: 100 stalled 8 MB bodies held 800 MB. Now the header alone gets the 401.
TEST_F(HttpHardening, BodiesWithoutAValidTokenAreRefusedBeforeTheyAreRead)
{
    std::vector<std::unique_ptr<RawSocket>> stalled;
    for (const QByteArray auth : {QByteArray(), QByteArray("Authorization: Bearer not-a-token\r\n")}) {
        for (int i = 0; i < 10; ++i) {
            auto socket = std::make_unique<RawSocket>(hq->port());
            ASSERT_TRUE(socket->sendAll(kPhotoPut + auth + "Content-Type: image/jpeg\r\nContent-Length: 8000000\r\n\r\n"));
            stalled.push_back(std::move(socket));
        }
    }
    for (auto &socket : stalled) {
        const QByteArray answer = socket->readToEnd(5000);
        EXPECT_EQ(statusOf(answer), 401) << "answered on the header, before any body: " << answer.left(200).toStdString();
    }
    // A sign-in body is small and of known size.
    const QByteArray bigLogin = exchange(hq->port(), "POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                     "Content-Length: 1000000\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(statusOf(bigLogin), 413);
    EXPECT_EQ(statusCode(), 200);
}

// Signed-in devices may send large bodies, but not more at once than the server holds.
TEST_F(HttpHardening, BodiesInFlightAreBoundedForSignedInDevicesToo)
{
    const QByteArray auth = authorization();
    // 40 × 8 MiB declared = 320 MiB, over the 256 MiB the server lets in at once.
    std::vector<std::unique_ptr<RawSocket>> stalled;
    for (int i = 0; i < 40; ++i) {
        auto socket = std::make_unique<RawSocket>(hq->port());
        ASSERT_TRUE(socket->sendAll(kPhotoPut + auth + "Content-Type: image/jpeg\r\nContent-Length: 8388608\r\n\r\n"));
        stalled.push_back(std::move(socket));
    }
    int busy = 0;
    for (auto &socket : stalled) {
        const QByteArray answer = socket->readToEnd(300);
        if (statusOf(answer) == 503) {
            ++busy;
            EXPECT_TRUE(answer.contains("Retry-After")) << answer.left(300).toStdString();
        }
    }
    EXPECT_EQ(busy, 8) << "32 bodies of 8 MiB fit in 256 MiB, the other 8 wait";
    stalled.clear();
    EXPECT_EQ(statusCode(), 200);
}

// Parsing JSON costs many times its size: a 7 MB push of tiny mutations took 100 MB
// before the 2,000-mutation limit was checked. A push is capped at 2 MiB on its header.
TEST_F(HttpHardening, AnOversizedPushIsRefusedBeforeItIsParsed)
{
    const QByteArray auth = authorization();
    const QByteArray answer = exchange(hq->port(), "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth +
                                                       "Content-Type: application/json\r\nContent-Length: 3000000\r\n"
                                                       "Connection: close\r\n\r\n");
    EXPECT_EQ(statusOf(answer), 413) << answer.left(300).toStdString();
    EXPECT_EQ(jsonBodyOf(answer).value(QStringLiteral("error")).toString(), QStringLiteral("body_too_large"));
}

// A client that sends "Expect: 100-continue" holds its body back for HQ's go-ahead (curl
// does for uploads): HQ says 100 once it will read the body, instead of leaving the client
// to wait out its own timeout (a second per photo); a refused header gets its final answer.
TEST_F(HttpHardening, AnExpectingClientGetsContinueOnlyWhenItsBodyWillBeRead)
{
    const QByteArray body = R"({"account":"nobody","password":"not-the-password","device_id":"dev-expect"})";
    RawSocket socket(hq->port());
    ASSERT_TRUE(socket.sendAll("POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               "Expect: 100-continue\r\nConnection: close\r\nContent-Length: "
                               + QByteArray::number(body.size()) + "\r\n\r\n"));
    pollfd ready{socket.fd(), POLLIN, 0};
    ASSERT_EQ(::poll(&ready, 1, 5000), 1) << "no interim answer: the client waits out its own timeout";
    char interim[64];
    const ssize_t got = ::recv(socket.fd(), interim, sizeof interim, 0);
    ASSERT_GT(got, 0);
    EXPECT_EQ(QByteArray(interim, static_cast<qsizetype>(got)), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    ASSERT_TRUE(socket.sendAll(body));
    const int status = statusOf(socket.readToEnd(10000));
    EXPECT_GE(status, 400) << "the sign-in itself is answered after the body";
    EXPECT_LT(status, 500);

    // Too large to be read: the final answer at once, no 100.
    const QByteArray refused = exchange(hq->port(), "POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                    "Expect: 100-continue\r\nContent-Length: 1000000\r\n"
                                                    "Connection: close\r\n\r\n");
    EXPECT_EQ(statusOf(refused), 413) << refused.left(200).toStdString();
    EXPECT_EQ(statusCode(), 200);
}

TEST_F(HttpHardening, MalformedJsonIsBadRequest)
{
    ApiClient client(hq->baseUrl());
    const ApiReply login = client.send("POST", QStringLiteral("/api/v1/login"), R"({"account": "g1.li", "password": )");
    EXPECT_EQ(login.status, 400) << login.body.toStdString();
    EXPECT_EQ(login.json.value(QStringLiteral("error")).toString(), QStringLiteral("bad_request"));
    EXPECT_FALSE(login.json.value(QStringLiteral("message")).toString().isEmpty());

    ASSERT_EQ(client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-li")).status,
              200);
    for (const QByteArray &body : {QByteArray("[1, 2"), QByteArray("[]"), QByteArray("\xFF\xFE garbage")}) {
        const ApiReply push = client.send("POST", QStringLiteral("/api/v1/sync/push"), body);
        EXPECT_EQ(push.status, 400) << body.toStdString() << " → " << push.body.toStdString();
        EXPECT_EQ(push.json.value(QStringLiteral("error")).toString(), QStringLiteral("bad_request"));
    }
}

TEST_F(HttpHardening, UnknownPathIsJsonNotFound)
{
    // Paths outside /api belong to the web console (ConsoleStatic tests); an API path
    // that does not exist is a JSON 404.
    ApiClient client(hq->baseUrl());
    const ApiReply outside = client.get(QStringLiteral("/api/v2/wp-admin/login.php"));
    EXPECT_EQ(outside.status, 404);
    EXPECT_EQ(outside.json.value(QStringLiteral("error")).toString(), QStringLiteral("not_found"));
    EXPECT_TRUE(outside.headers.value("content-type").startsWith("application/json"));

    ASSERT_EQ(client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-li")).status,
              200);
    const ApiReply inside = client.get(QStringLiteral("/api/v1/no-such-endpoint"));
    EXPECT_EQ(inside.status, 404);
    EXPECT_EQ(inside.json.value(QStringLiteral("error")).toString(), QStringLiteral("not_found"));
}

TEST_F(HttpHardening, OutdatedAppIsToldToUpgrade)
{
    const QByteArray status = exchange(hq->port(), "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                   "X-Onsite-Protocol: 0\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(statusOf(status), 426) << status.left(300).toStdString();
    EXPECT_EQ(jsonBodyOf(status).value(QStringLiteral("error")).toString(), QStringLiteral("protocol_too_old"));

    // Even with the right password: an old app must upgrade before it signs in or syncs.
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("account"), QStringLiteral("g1.li")},
                                                      {QStringLiteral("password"), HqProcess::passwordOf(QStringLiteral("g1.li"))},
                                                      {QStringLiteral("device_id"), QStringLiteral("old-app")}})
                                .toJson(QJsonDocument::Compact);
    const QByteArray login = exchange(hq->port(), "POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Onsite-Protocol: 0\r\n"
                                                  "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                                                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(statusOf(login), 426) << login.left(300).toStdString();
    EXPECT_FALSE(jsonBodyOf(login).contains(QStringLiteral("token")));

    // The current version and no header at all are both served.
    EXPECT_EQ(statusOf(exchange(hq->port(), "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")), 200);
    EXPECT_EQ(statusCode(), 200);
}

} // namespace
} // namespace onsite::test

namespace onsite::test {
namespace {

// The body is read read by read (so HQ can acknowledge each at once): a body that arrives
// in pieces, with pauses, a part of it in the header's packet and the next request in
// its last packet, must come through whole and in order, and the next request after it.
TEST_F(HttpHardening, ABodyInPiecesAndThePipelinedRequestAfterItAreBothServed)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("account"), QStringLiteral("g1.li")},
                                                      {QStringLiteral("password"), HqProcess::passwordOf(QStringLiteral("g1.li"))},
                                                      {QStringLiteral("device_id"), QStringLiteral("dev-pieces")},
                                                      {QStringLiteral("device_name"), QStringLiteral("test")}})
                                .toJson(QJsonDocument::Compact);
    const QByteArray header = "POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    const QByteArray next = "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    RawSocket socket(hq->port());
    ASSERT_TRUE(socket.connected());
    const qsizetype third = body.size() / 3;
    ASSERT_TRUE(socket.sendAll(header + body.left(5)));
    for (const QByteArray &piece : {body.mid(5, third), body.mid(5 + third, third)}) {
        ::poll(nullptr, 0, 60);
        ASSERT_TRUE(socket.sendAll(piece));
    }
    ::poll(nullptr, 0, 60);
    ASSERT_TRUE(socket.sendAll(body.mid(5 + 2 * third) + next));

    const QByteArray answers = socket.readToEnd();
    ASSERT_EQ(statusOf(answers), 200) << answers.left(400).toStdString();
    EXPECT_TRUE(answers.contains("\"token\"")) << answers.left(400).toStdString();
    const qsizetype second = answers.indexOf("HTTP/1.1 ", 9);
    ASSERT_GT(second, 0) << "no answer to the pipelined request: " << answers.toStdString();
    EXPECT_EQ(statusOf(answers.mid(second)), 200) << answers.mid(second).left(300).toStdString();
}

} // namespace
} // namespace onsite::test
