// PhotoUploader's chunk sizes (Chunking): growing on a fast line, small again after a
// resume, fixed when asked; the resume itself is in sync_client_test.cpp.
#include "client/photos/photouploader.h"
#include "client/transport/syncclient.h"
#include "sync/fakehq.h"

#include <QBuffer>
#include <QCryptographicHash>

#include <gtest/gtest.h>

#include <optional>

using namespace onsite;
using namespace onsite::sync;
using namespace std::chrono_literals;
using onsite::test::FakeHq;
using onsite::test::FakeRequest;
using onsite::test::FakeResponse;
using onsite::test::waitUntil;

namespace {

QByteArray photoContent(qsizetype size)
{
    QByteArray content(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        content[i] = static_cast<char>((i * 7919) % 251);
    return content;
}

// Keeps what arrives; after `putsBeforeCut` answered PUTs the next one is stored and
// its answer lost with the line (every later request too, until `down` is cleared).
struct ChunkServer
{
    QByteArray stored;
    int putsBeforeCut = -1;
    bool down = false;
    std::vector<qint64> sizes; // of the PUT bodies, in order

    FakeResponse operator()(const FakeRequest &r)
    {
        const FakeResponse drop{0, {}, {}, true, false};
        if (down)
            return drop;
        const qint64 total = r.query.queryItemValue(QStringLiteral("total")).toLongLong();
        if (r.method == "GET")
            return FakeResponse::json(
                200, {{QStringLiteral("received"), stored.size()},
                      {QStringLiteral("complete"), total > 0 && stored.size() == total}});
        if (r.query.queryItemValue(QStringLiteral("offset")).toLongLong() != stored.size())
            return FakeResponse::error(409, QStringLiteral("offset_mismatch"),
                                       QStringLiteral("上传位置不符"));
        sizes.push_back(r.body.size());
        stored += r.body;
        if (putsBeforeCut >= 0 && static_cast<int>(sizes.size()) > putsBeforeCut) {
            down = true;
            return drop;
        }
        return FakeResponse::json(200, {{QStringLiteral("received"), stored.size()},
                                        {QStringLiteral("complete"), stored.size() == total}});
    }
};

SyncError upload(SyncClient &client, const QByteArray &content, PhotoUploader::Chunking chunking)
{
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(content);
    buffer->open(QIODevice::ReadOnly);
    std::optional<SyncError> result;
    PhotoUploader::upload(
        client, sha, std::move(buffer), chunking, [](qint64, qint64) {},
        [&](const SyncError &e) { result = e; });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
    return result.value_or(SyncError());
}

} // namespace

TEST(PhotoUploaderChunks, NextChunkAimsAtTheTargetTimeWithinItsBounds)
{
    const PhotoUploader::Chunking grow{1000, 16000, 1000ms};
    // Fast: 1000 bytes in 10 ms would allow 100,000 in a second; growth is at most 4×.
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 1000, 10ms), 4000);
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 8000, 10ms), 16000); // and never past `largest`
    // Half a second for 4000 bytes: 8000 fit in the target.
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 4000, 500ms), 8000);
    // Slow: two seconds for 4000 bytes shrinks to what fits, never below `smallest`.
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 4000, 2000ms), 2000);
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 1000, 60000ms), 1000);
    // An answer measured as instant, or nothing sent, does not divide by zero.
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 1000, 0ms), 4000);
    EXPECT_EQ(PhotoUploader::nextChunk(grow, 0, 10ms), 1000);
    // Fixed chunks stay fixed however fast the line.
    EXPECT_EQ(PhotoUploader::nextChunk({1000, 1000, 1000ms}, 1000, 1ms), 1000);
    EXPECT_EQ(PhotoUploader::nextChunk({1000, 500, 1000ms}, 1000, 1ms),
              1000); // largest below smallest
}

TEST(PhotoUploaderChunks, ChunksGrowOnAFastLineAndStartSmallAgainAfterACut)
{
    const QByteArray content = photoContent(20 * 1000 + 123);
    ChunkServer server;
    server.putsBeforeCut = 2; // the third chunk is stored, its answer lost with the line
    FakeHq hq([&](const FakeRequest &r) { return server(r); });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    // A target of a minute: every chunk on loopback is "fast".
    const PhotoUploader::Chunking chunking{1000, 6000, 60000ms};

    EXPECT_FALSE(upload(client, content, chunking).ok());
    EXPECT_EQ(server.sizes, (std::vector<qint64>{1000, 4000, 6000}));
    ASSERT_EQ(server.stored.size(), 11000);

    server.down = false;
    server.putsBeforeCut = -1;
    server.sizes.clear();
    const SyncError resumed = upload(client, content, chunking);
    EXPECT_TRUE(resumed.ok()) << resumed.text().toStdString();
    // From where HQ stands, small first again (the line just failed), then growing.
    EXPECT_EQ(server.sizes, (std::vector<qint64>{1000, 4000, 4123}));
    EXPECT_EQ(server.stored, content);
}

TEST(PhotoUploaderChunks, FixedChunksWhenLargestIsSmallest)
{
    const QByteArray content = photoContent(3500);
    ChunkServer server;
    FakeHq hq([&](const FakeRequest &r) { return server(r); });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    EXPECT_TRUE(upload(client, content, {1000, 1000, 60000ms}).ok());
    EXPECT_EQ(server.sizes, (std::vector<qint64>{1000, 1000, 1000, 500}));
    EXPECT_EQ(server.stored, content);
}

// SyncEngine shares one pace among a round's photos: the next photo starts at the chunk
// size the line had reached, and an upload cut off sets it back to the smallest.
TEST(PhotoUploaderChunks, TheNextPhotoStartsAtThePaceReachedAndACutSetsItBack)
{
    QMap<QString, QByteArray> stored; // by photo path
    std::vector<qint64> sizes;
    int putsToCut = 0;
    FakeHq hq([&](const FakeRequest &r) {
        QByteArray &photo = stored[r.path];
        const qint64 total = r.query.queryItemValue(QStringLiteral("total")).toLongLong();
        if (r.method == "GET")
            return FakeResponse::json(200, {{QStringLiteral("received"), photo.size()}, {QStringLiteral("complete"), false}});
        if (putsToCut > 0) {
            --putsToCut;
            return FakeResponse{0, {}, {}, true, false};
        }
        sizes.push_back(r.body.size());
        photo += r.body;
        return FakeResponse::json(200, {{QStringLiteral("received"), photo.size()},
                                        {QStringLiteral("complete"), photo.size() == total}});
    });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    PhotoUploader::Chunking chunking{1000, 6000, 60000ms, std::make_shared<qint64>(1000)};

    ASSERT_TRUE(upload(client, photoContent(20 * 1000 + 123), chunking).ok());
    EXPECT_EQ(sizes, (std::vector<qint64>{1000, 4000, 6000, 6000, 3123}));
    EXPECT_EQ(*chunking.pace, 6000);

    sizes.clear();
    ASSERT_TRUE(upload(client, photoContent(10000), chunking).ok());
    EXPECT_EQ(sizes, (std::vector<qint64>{6000, 4000}));

    sizes.clear();
    putsToCut = 2; // the connection's own second try (HttpConnection) is cut too
    const QByteArray third = photoContent(9000) + "third";
    EXPECT_EQ(upload(client, third, chunking).kind, SyncError::Kind::Unreachable);
    EXPECT_EQ(*chunking.pace, 1000);
    ASSERT_TRUE(upload(client, third, chunking).ok());
    EXPECT_EQ(sizes, (std::vector<qint64>{1000, 4000, 4005}));
}
