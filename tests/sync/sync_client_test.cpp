#include "client/photos/photouploader.h"
#include "client/transport/syncclient.h"
#include "protocol/gzip.h"
#include "sync/fakehq.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTcpServer>

#include <gtest/gtest.h>

#include <optional>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FakeHq;
using onsite::test::FakeRequest;
using onsite::test::FakeResponse;
using onsite::test::waitUntil;

namespace {

// Runs one client call to completion on the event loop and returns its error.
SyncError pullOnce(SyncClient &client, protocol::PullResponse *page = nullptr)
{
    std::optional<SyncError> result;
    client.pull(0, 100, [&](const SyncError &error, const protocol::PullResponse &answer) {
        result = error;
        if (page)
            *page = answer;
    });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
    return result.value_or(SyncError());
}

// A photo store on the fake server: it keeps the bytes it received per hash.
struct PhotoServer
{
    QByteArray stored;
    bool complete = false;
    int putsBeforeCut = -1; // answer this many PUTs; the next one reaches the disk, then the line goes down
    bool down = false;      // every request is dropped, as on a dead line (HTTP retries included)
    int puts = 0;

    FakeResponse operator()(const FakeRequest &r)
    {
        const FakeResponse drop{0, {}, {}, true, false};
        if (down)
            return drop;
        if (r.method == "GET")
            return FakeResponse::json(200, {{QStringLiteral("received"), stored.size()},
                                            {QStringLiteral("complete"), complete}});
        const qint64 offset = r.query.queryItemValue(QStringLiteral("offset")).toLongLong();
        const qint64 total = r.query.queryItemValue(QStringLiteral("total")).toLongLong();
        if (offset != stored.size())
            return FakeResponse::error(409, QStringLiteral("offset_mismatch"), QStringLiteral("上传位置不符"));
        ++puts;
        stored += r.body;
        complete = stored.size() == total;
        if (putsBeforeCut >= 0 && puts > putsBeforeCut) {
            down = true;
            return drop;
        }
        return FakeResponse::json(200, {{QStringLiteral("received"), stored.size()},
                                        {QStringLiteral("complete"), complete}});
    }
};

SyncError uploadOnce(SyncClient &client, const QString &sha, const QString &path, qint64 chunk)
{
    std::optional<SyncError> result;
    PhotoUploader::upload(client, sha, path, chunk, [](qint64, qint64) {}, [&](const SyncError &e) { result = e; });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
    return result.value_or(SyncError());
}

std::vector<qint64> putOffsets(const FakeHq &hq)
{
    std::vector<qint64> offsets;
    for (const FakeRequest &r : hq.requests) {
        if (r.method == "PUT")
            offsets.push_back(r.query.queryItemValue(QStringLiteral("offset")).toLongLong());
    }
    return offsets;
}

} // namespace

TEST(SyncClient, SendsProtocolVersionAndBearerToken)
{
    FakeHq hq([](const FakeRequest &) {
        return FakeResponse::json(200, {{QStringLiteral("changes"), QJsonArray()}, {QStringLiteral("cursor"), 0},
                                        {QStringLiteral("more"), false}});
    });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    client.transport().setToken(QStringLiteral("tok-123"));
    EXPECT_TRUE(pullOnce(client).ok());
    ASSERT_EQ(hq.requests.size(), 1u);
    EXPECT_EQ(hq.requests[0].path, QStringLiteral("/api/v1/sync/pull"));
    EXPECT_EQ(hq.requests[0].query.queryItemValue(QStringLiteral("since")), QStringLiteral("0"));
    EXPECT_EQ(hq.requests[0].header("X-Onsite-Protocol"), QByteArray("1"));
    EXPECT_EQ(hq.requests[0].header("Authorization"), QByteArray("Bearer tok-123"));
}

TEST(SyncClient, ProtocolErrorBodiesBecomeReadableErrors)
{
    FakeResponse next = FakeResponse::error(401, QStringLiteral("invalid_token"), QStringLiteral("登录凭据已被撤销，请重新登录"));
    FakeHq hq([&](const FakeRequest &) { return next; });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());

    SyncError error = pullOnce(client);
    EXPECT_EQ(error.kind, SyncError::Kind::Server);
    EXPECT_EQ(error.httpStatus, 401);
    EXPECT_EQ(error.code, QStringLiteral("invalid_token"));
    EXPECT_EQ(error.message, QStringLiteral("登录凭据已被撤销，请重新登录"));
    EXPECT_TRUE(error.needsPerson());
    EXPECT_TRUE(error.text().contains(QStringLiteral("登录凭据已被撤销")));
    EXPECT_TRUE(error.text().contains(QStringLiteral("401")));

    next = FakeResponse::error(426, QStringLiteral("protocol_too_old"), QString());
    error = pullOnce(client);
    EXPECT_EQ(error.httpStatus, 426);
    EXPECT_TRUE(error.message.contains(QStringLiteral("版本过旧")));

    next = FakeResponse::error(429, QStringLiteral("too_many_attempts"), QStringLiteral("尝试次数过多"));
    next.headers = {{"Retry-After", "30"}};
    EXPECT_EQ(pullOnce(client).retryAfterSeconds, 30);

    next = {500, "oops", {}, false, false}; // not even JSON
    error = pullOnce(client);
    EXPECT_EQ(error.httpStatus, 500);
    EXPECT_EQ(error.message, QStringLiteral("总部服务器出错，稍后会自动重试；一直出现请联系考评办"));

    next = FakeResponse::json(200, {{QStringLiteral("unexpected"), true}});
    EXPECT_EQ(pullOnce(client).kind, SyncError::Kind::BadAnswer);
}

TEST(SyncClient, AnUnreachableServerIsReportedAsSuch)
{
    QTcpServer probe; // take a free port, then close it: nothing listens there
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    SyncClient client;
    client.transport().setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    const SyncError error = pullOnce(client);
    EXPECT_EQ(error.kind, SyncError::Kind::Unreachable);
    EXPECT_TRUE(error.unreachable());
    EXPECT_TRUE(error.message.contains(QStringLiteral("无法连接服务器")));
}

TEST(SyncClient, ASilentServerTimesOut)
{
    FakeHq hq([](const FakeRequest &) { return FakeResponse{0, {}, {}, false, true}; });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    client.transport().setTimeout(std::chrono::milliseconds(300));
    const SyncError error = pullOnce(client);
    EXPECT_EQ(error.kind, SyncError::Kind::Timeout);
    EXPECT_TRUE(error.message.contains(QStringLiteral("没有响应")));
}

TEST(SyncClient, PullAllFollowsPagesUntilNoMore)
{
    FakeHq hq([](const FakeRequest &r) {
        const qint64 since = r.query.queryItemValue(QStringLiteral("since")).toLongLong();
        return FakeResponse::json(200, {{QStringLiteral("changes"), QJsonArray()},
                                        {QStringLiteral("cursor"), since + 10},
                                        {QStringLiteral("more"), since + 10 < 30}});
    });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    std::vector<qint64> cursors;
    std::optional<SyncError> done;
    client.pullAll(
        0, 10,
        [&](const protocol::PullResponse &page) {
            cursors.push_back(page.cursor);
            return SyncError();
        },
        [&](const SyncError &e) { done = e; });
    ASSERT_TRUE(waitUntil([&] { return done.has_value(); }));
    EXPECT_TRUE(done->ok());
    EXPECT_EQ(cursors, (std::vector<qint64>{10, 20, 30}));
}

TEST(SyncClient, APhotoUploadCutAfterSomeChunksResumesFromReceived)
{
    QTemporaryDir dir;
    QByteArray content(10 * 1000 + 123, Qt::Uninitialized);
    for (qsizetype i = 0; i < content.size(); ++i)
        content[i] = static_cast<char>((i * 7919) % 251);
    const QString path = dir.filePath(QStringLiteral("photo.jpg"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());

    PhotoServer photos;
    photos.putsBeforeCut = 3; // the 4th chunk reaches the server, but the answer is lost
    FakeHq hq([&](const FakeRequest &r) { return photos(r); });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());

    const SyncError cut = uploadOnce(client, sha, path, 1000);
    EXPECT_FALSE(cut.ok());
    EXPECT_EQ(photos.stored.size(), 4000);
    EXPECT_EQ(putOffsets(hq).front(), 0);
    EXPECT_EQ(putOffsets(hq).at(3), 3000);

    photos.down = false; // the line is back
    photos.putsBeforeCut = -1;
    hq.requests.clear();
    const SyncError resumed = uploadOnce(client, sha, path, 1000);
    EXPECT_TRUE(resumed.ok()) << resumed.text().toStdString();
    EXPECT_EQ(hq.requests.front().method, QByteArray("GET"));
    const std::vector<qint64> offsets = putOffsets(hq);
    ASSERT_FALSE(offsets.empty());
    EXPECT_EQ(offsets.front(), 4000); // nothing the server already had is sent again
    EXPECT_EQ(offsets.size(), 7u);
    EXPECT_TRUE(photos.complete);
    EXPECT_EQ(photos.stored, content);
    for (const FakeRequest &r : hq.requests)
        EXPECT_EQ(r.path, QStringLiteral("/api/v1/photos/") + sha);
}

TEST(SyncClient, AnOffsetMismatchReasksTheServer)
{
    QTemporaryDir dir;
    const QByteArray content(3000, 'p');
    const QString path = dir.filePath(QStringLiteral("p.jpg"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    // The first status answer is stale (another attempt has since sent 2000 bytes).
    PhotoServer photos;
    photos.stored = content.left(2000);
    bool stale = true;
    FakeHq hq([&](const FakeRequest &r) {
        if (r.method == "GET" && stale) {
            stale = false;
            return FakeResponse::json(200, {{QStringLiteral("received"), 0}, {QStringLiteral("complete"), false}});
        }
        return photos(r);
    });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    const SyncError error = uploadOnce(client, QStringLiteral("ab").repeated(32), path, 1000);
    EXPECT_TRUE(error.ok()) << error.text().toStdString();
    EXPECT_EQ(putOffsets(hq), (std::vector<qint64>{0, 2000}));
    EXPECT_EQ(photos.stored, content);
}

TEST(SyncClient, TrustsASelfSignedServerOnlyWithItsCaCertificate)
{
    const onsite::test::SelfSignedTls tls;
    if (tls.server.isNull())
        GTEST_SKIP() << "openssl could not make a test certificate";
    FakeHq hq(
        [](const FakeRequest &) {
            return FakeResponse::json(200, {{QStringLiteral("changes"), QJsonArray()}, {QStringLiteral("cursor"), 0},
                                            {QStringLiteral("more"), false}});
        },
        tls.server);

    SyncClient untrusting;
    untrusting.transport().setBaseUrl(hq.url(QStringLiteral("https")));
    const SyncError refused = pullOnce(untrusting);
    EXPECT_EQ(refused.kind, SyncError::Kind::Tls);
    EXPECT_TRUE(refused.message.contains(QStringLiteral("证书不受信任")));

    SyncClient trusting;
    trusting.transport().setBaseUrl(hq.url(QStringLiteral("https")));
    QString caError;
    ASSERT_TRUE(trusting.transport().setCaCertificateFile(tls.certificate, &caError));
    const SyncError answered = pullOnce(trusting);
    EXPECT_TRUE(answered.ok()) << answered.text().toStdString();

    EXPECT_FALSE(trusting.transport().setCaCertificateFile(tls.certificate + QStringLiteral(".missing"), &caError));
    EXPECT_FALSE(caError.isEmpty());
}

// A day's push is mostly repeated keys: sent gzipped (HQ unpacks it, docs/API.md
// §Compression). An HQ that answers 415 to gzip bodies gets the same push plain, and
// every later one plain too.
TEST(SyncClient, LargePushBodiesAreGzippedAndSentPlainAfter415)
{
    bool refuseGzip = false;
    FakeHq hq([&](const FakeRequest &r) {
        if (refuseGzip && r.header("Content-Encoding") == "gzip") {
            FakeResponse refusal = FakeResponse::error(415, QStringLiteral("unsupported_encoding"), QStringLiteral("不支持"));
            refusal.headers = {{"Accept-Encoding", "identity"}};
            return refusal;
        }
        return FakeResponse::json(200, {{QStringLiteral("last_processed_seq"), 0}, {QStringLiteral("results"), QJsonArray()}});
    });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    auto pushOnce = [&](int mutations) {
        protocol::PushRequest request{QStringLiteral("tab-1"), {}, false, {}};
        for (int i = 1; i <= mutations; ++i)
            request.mutations.push_back({i, protocol::entity::kScore, QStringLiteral("s-%1").arg(i), protocol::op::kUpsert,
                                         QStringLiteral("1760000000000-00000"),
                                         {{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("input"), QStringLiteral("好")}}});
        std::optional<SyncError> result;
        client.push(request, [&](const SyncError &error, const protocol::PushResponse &) { result = error; });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
        return result.value_or(SyncError());
    };

    ASSERT_TRUE(pushOnce(20).ok());
    ASSERT_EQ(hq.requests.size(), 1u);
    EXPECT_EQ(hq.requests[0].header("Content-Encoding"), QByteArray("gzip"));
    const protocol::Inflated body = protocol::gzipDecompress(hq.requests[0].body, 1 << 20);
    ASSERT_EQ(body.status, protocol::InflateStatus::Ok);
    EXPECT_EQ(QJsonDocument::fromJson(body.data).object().value(QStringLiteral("mutations")).toArray().size(), 20);
    EXPECT_LT(hq.requests[0].body.size(), body.data.size());

    // A small push stays plain: below the size where gzip gains.
    ASSERT_TRUE(pushOnce(1).ok());
    EXPECT_TRUE(hq.requests[1].header("Content-Encoding").isEmpty());
    EXPECT_EQ(hq.requests[1].json().value(QStringLiteral("mutations")).toArray().size(), 1);

    refuseGzip = true;
    ASSERT_TRUE(pushOnce(20).ok());
    ASSERT_EQ(hq.requests.size(), 4u) << "refused gzip, then the same push plain";
    EXPECT_EQ(hq.requests[2].header("Content-Encoding"), QByteArray("gzip"));
    EXPECT_TRUE(hq.requests[3].header("Content-Encoding").isEmpty());
    EXPECT_EQ(hq.requests[3].json().value(QStringLiteral("mutations")).toArray().size(), 20);
    ASSERT_TRUE(pushOnce(20).ok());
    EXPECT_TRUE(hq.requests[4].header("Content-Encoding").isEmpty()) << "no gzip again to this HQ";
}
