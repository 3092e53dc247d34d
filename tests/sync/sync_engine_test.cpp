#include "client/rules/fieldrecorder.h"
#include "client/store/outbox.h"
#include "client/photos/photouploads.h"
#include "client/transport/syncengine.h"
#include "client/store/syncstate.h"
#include "sync/fakehq.h"
#include "sync/synctestsupport.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FakeHq;
using onsite::test::FakeRequest;
using onsite::test::FakeResponse;
using onsite::test::TestDevice;
using onsite::test::waitUntil;

namespace {

// Just enough of onsite-hq in memory: idempotent push proven by content, pull by
// cursor, photo chunks.
struct MiniHq
{
    qint64 lastSeq = 0;
    QHash<qint64, QString> digests; // what HQ processed under each number
    std::vector<qint64> seqsSeen; // every mutation seq pushed, in arrival order
    std::vector<protocol::Mutation> appliedMutations;
    std::vector<protocol::Change> changes;
    QHash<QString, QByteArray> photos;
    int failNext = 0;                 // answer this many requests with 503
    FakeResponse failure = FakeResponse::error(503, QStringLiteral("internal"), QStringLiteral("服务器维护中"));
    bool photoLineDown = false;       // photo requests are dropped
    std::function<std::optional<protocol::MutationResult>(const protocol::Mutation &)> decide;
    QStringList log;

    FakeResponse operator()(const FakeRequest &r)
    {
        if (failNext > 0) {
            --failNext;
            log << QStringLiteral("fail");
            return failure;
        }
        if (r.path == QStringLiteral("/api/v1/sync/push"))
            return push(r);
        if (r.path == QStringLiteral("/api/v1/sync/pull"))
            return pull(r);
        if (r.path.startsWith(QStringLiteral("/api/v1/photos/")))
            return photo(r);
        return FakeResponse::error(404, QStringLiteral("not_found"), QStringLiteral("没有这个地址"));
    }

    FakeResponse push(const FakeRequest &r)
    {
        log << QStringLiteral("push");
        QString error;
        const auto request = protocol::PushRequest::fromJson(r.json(), &error);
        if (!request)
            return FakeResponse::error(400, QStringLiteral("bad_request"), error);
        protocol::PushResponse response;
        for (const protocol::Mutation &m : request->mutations) {
            seqsSeen.push_back(m.seq);
            protocol::MutationResult result{m.seq, protocol::MutationStatus::Applied, {}, {}, {}};
            if (m.seq <= lastSeq) {
                if (digests.value(m.seq) != m.digest())
                    result = {m.seq, protocol::MutationStatus::Rejected, protocol::kSequenceReused, QStringLiteral("编号已用"), {}};
            } else if (const auto decided = decide ? decide(m) : std::nullopt) {
                result = *decided;
                result.seq = m.seq;
            } else {
                appliedMutations.push_back(m);
            }
            if (m.seq > lastSeq)
                digests.insert(m.seq, m.digest());
            lastSeq = std::max(lastSeq, m.seq);
            response.results.push_back(result);
        }
        response.lastProcessedSeq = lastSeq;
        return FakeResponse::json(200, response.toJson());
    }

    FakeResponse pull(const FakeRequest &r)
    {
        log << QStringLiteral("pull");
        const qint64 since = r.query.queryItemValue(QStringLiteral("since")).toLongLong();
        // As HQ: a device asking for the default page sends no limit.
        const int limit = r.query.hasQueryItem(QStringLiteral("limit"))
                              ? r.query.queryItemValue(QStringLiteral("limit")).toInt()
                              : protocol::kDefaultPullLimit;
        protocol::PullResponse page;
        page.cursor = since;
        for (const protocol::Change &c : changes) {
            if (c.seq <= since)
                continue;
            if (static_cast<int>(page.changes.size()) == limit) {
                page.more = true;
                break;
            }
            page.changes.push_back(c);
            page.cursor = c.seq;
        }
        return FakeResponse::json(200, page.toJson());
    }

    FakeResponse photo(const FakeRequest &r)
    {
        if (photoLineDown)
            return {0, {}, {}, true, false};
        const QString sha = r.path.section(QLatin1Char('/'), 4, 4);
        QByteArray &stored = photos[sha];
        if (r.method == "GET")
            return FakeResponse::json(200, {{QStringLiteral("received"), stored.size()}, {QStringLiteral("complete"), false}});
        log << QStringLiteral("put");
        if (r.query.queryItemValue(QStringLiteral("offset")).toLongLong() != stored.size())
            return FakeResponse::error(409, QStringLiteral("offset_mismatch"), QStringLiteral("位置不符"));
        stored += r.body;
        const bool complete = stored.size() == r.query.queryItemValue(QStringLiteral("total")).toLongLong();
        return FakeResponse::json(200, {{QStringLiteral("received"), stored.size()}, {QStringLiteral("complete"), complete}});
    }
};

struct EngineFixture
{
    explicit EngineFixture(SyncEngine::Options options = fastOptions())
        : hq([this](const FakeRequest &r) { return mini(r); }),
          device(QStringLiteral("g1.li"), hq.url().toString()),
          recorder(device.db(), device.store->photosFolder()), engine(*device.store, std::move(options))
    {
        QObject::connect(&engine, &SyncEngine::finished, [this](bool ok) {
            results.push_back(ok);
            mini.log << QStringLiteral("finished");
        });
    }

    static SyncEngine::Options fastOptions()
    {
        SyncEngine::Options options;
        options.retryAutomatically = false;
        options.requestTimeout = std::chrono::seconds(5);
        options.photoChunkBytes = 1000;
        options.photoChunkLargestBytes = 1000; // fixed chunks: the tests count requests
        options.debounce = std::chrono::milliseconds(50);
        return options;
    }

    bool runOnce()
    {
        const size_t before = results.size();
        engine.sync();
        EXPECT_TRUE(waitUntil([&] { return results.size() > before; }, 15000));
        return results.size() > before && results.back();
    }

    QString photoFile(int size)
    {
        const QString path = device.dir.filePath(QStringLiteral("photo-%1.jpg").arg(size));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(size - 4, 'j'));
        return path;
    }

    MiniHq mini;
    FakeHq hq;
    TestDevice device;
    FieldRecorder recorder;
    SyncEngine engine;
    std::vector<bool> results;
};

protocol::Change pulledScore(qint64 seq, const QString &id, const QString &account, const QString &input)
{
    return {seq, QStringLiteral("score"), id, protocol::op::kUpsert,
            {{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("indicator"), QStringLiteral("1.2")},
             {QStringLiteral("account"), account}, {QStringLiteral("kind"), QStringLiteral("rater")},
             {QStringLiteral("input"), input}, {QStringLiteral("reason"), QString()},
             {QStringLiteral("recorded_at"), QStringLiteral("2026-05-12T08:30:00.000Z")}}};
}

} // namespace

TEST(SyncEngine, ARoundPushesUploadsPhotosAndPulls)
{
    EngineFixture f;
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    const PhotoEvidence photo = f.recorder.recordPhoto(f.photoFile(2500), QStringLiteral("DC"));
    f.recorder.recordVisit(QStringLiteral("DC-01"), {});
    f.mini.changes = {pulledScore(7, QStringLiteral("z-1"), QStringLiteral("g1.zhang"), QStringLiteral("12")),
                      pulledScore(9, QStringLiteral("z-2"), QStringLiteral("g1.liu"), QStringLiteral("13"))};
    EXPECT_EQ(f.engine.pendingCount(), 3);
    EXPECT_EQ(f.engine.pendingPhotos(), 1);

    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    const SyncSummary &s = f.engine.lastSummary();
    EXPECT_EQ(s.pushed, 3);
    EXPECT_EQ(s.applied, 3);
    EXPECT_EQ(s.photosUploaded, 1);
    EXPECT_EQ(s.pulled, 2);
    EXPECT_EQ(f.engine.pendingCount(), 0);
    EXPECT_EQ(f.engine.pendingPhotos(), 0);
    EXPECT_TRUE(f.engine.lastSuccess().isValid());
    EXPECT_TRUE(f.engine.lastError().isEmpty());
    EXPECT_EQ(SyncState(f.device.db()).cursor(), 9);
    EXPECT_EQ(f.mini.photos.value(photo.sha256), test::readFile(f.device.dir.filePath(QStringLiteral("photo-2500.jpg"))));
    // The photo record went only after its last chunk; the other records did not wait.
    EXPECT_EQ(f.mini.log, (QStringList{QStringLiteral("push"), QStringLiteral("put"), QStringLiteral("put"),
                                       QStringLiteral("put"), QStringLiteral("push"), QStringLiteral("pull"),
                                       QStringLiteral("finished")}));
    ASSERT_EQ(f.mini.appliedMutations.size(), 3u);
    EXPECT_EQ(f.mini.appliedMutations.back().entity, QStringLiteral("photo"));
    EXPECT_TRUE(std::is_sorted(f.mini.seqsSeen.begin(), f.mini.seqsSeen.end()));
}

TEST(SyncEngine, APhotoRecordWaitsForItsContentWhileOthersGoOn)
{
    EngineFixture f;
    f.recorder.recordPhoto(f.photoFile(1500), QStringLiteral("DC"));
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    f.mini.photoLineDown = true;
    EXPECT_FALSE(f.runOnce());
    EXPECT_TRUE(f.engine.lastSummary().error.unreachable());
    ASSERT_EQ(f.mini.appliedMutations.size(), 1u);
    EXPECT_EQ(f.mini.appliedMutations[0].entity, QStringLiteral("score"));
    EXPECT_EQ(f.engine.pendingCount(), 1);
    EXPECT_FALSE(f.engine.lastError().isEmpty());

    f.mini.photoLineDown = false;
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    ASSERT_EQ(f.mini.appliedMutations.size(), 2u);
    EXPECT_EQ(f.mini.appliedMutations[1].entity, QStringLiteral("photo"));
    // Recorded first, sent last: it was renumbered above the score, never below what was sent.
    EXPECT_GT(f.mini.appliedMutations[1].seq, f.mini.appliedMutations[0].seq);
    EXPECT_TRUE(std::is_sorted(f.mini.seqsSeen.begin(), f.mini.seqsSeen.end()));
    EXPECT_EQ(f.engine.pendingCount(), 0);
    EXPECT_TRUE(f.engine.lastError().isEmpty());
}

TEST(SyncEngine, BackoffSchedulesARetryAfterFailure)
{
    SyncEngine::Options options = EngineFixture::fastOptions();
    options.retryAutomatically = true;
    options.backoff = Backoff(std::chrono::milliseconds(100), std::chrono::seconds(10), 0.0);
    EngineFixture f(options);
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    f.mini.failNext = 2;
    std::vector<qint64> delays;
    QObject::connect(&f.engine, &SyncEngine::retryScheduled, [&](qint64 ms) { delays.push_back(ms); });

    EXPECT_FALSE(f.runOnce());
    EXPECT_TRUE(f.engine.isRetryScheduled());
    EXPECT_EQ(f.engine.retryInterval(), std::chrono::milliseconds(100));
    EXPECT_TRUE(f.engine.lastError().contains(QStringLiteral("服务器维护中")));
    EXPECT_EQ(f.engine.pendingCount(), 1); // nothing lost

    // No further call: the timer alone brings the second (failing) and third round.
    ASSERT_TRUE(waitUntil([&] { return f.results.size() == 3; }, 10000));
    EXPECT_EQ(f.results, (std::vector<bool>{false, false, true}));
    EXPECT_EQ(delays, (std::vector<qint64>{100, 200}));
    EXPECT_FALSE(f.engine.isRetryScheduled());
    EXPECT_EQ(f.engine.pendingCount(), 0);
    EXPECT_TRUE(f.engine.lastError().isEmpty());
}

TEST(SyncEngine, BackoffDoublesUpToItsMaximumWithBoundedJitter)
{
    Backoff backoff(std::chrono::seconds(5), std::chrono::minutes(5), 0.2);
    double random = 0.0;
    backoff.setRandom([&] { return random; });
    std::vector<qint64> seconds;
    for (int i = 0; i < 9; ++i)
        seconds.push_back(std::chrono::duration_cast<std::chrono::seconds>(backoff.next()).count());
    EXPECT_EQ(seconds, (std::vector<qint64>{4, 8, 16, 32, 64, 128, 240, 240, 240})); // -20 % jitter
    backoff.reset();
    random = 0.999999;
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(backoff.next()).count(), 5999);
}

TEST(SyncEngine, NeverRunsTwoRoundsAtOnce)
{
    EngineFixture f;
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    f.engine.sync();
    EXPECT_TRUE(f.engine.isSyncing());
    f.engine.sync(); // asked again mid-round: runs once more afterwards, not alongside
    ASSERT_TRUE(waitUntil([&] { return f.results.size() == 2; }));
    EXPECT_EQ(f.mini.log, (QStringList{QStringLiteral("push"), QStringLiteral("pull"), QStringLiteral("finished"),
                                       QStringLiteral("pull"), QStringLiteral("finished")}));
}

TEST(SyncEngine, AnInvalidTokenAsksForSignInInsteadOfRetrying)
{
    SyncEngine::Options options = EngineFixture::fastOptions();
    options.retryAutomatically = true;
    EngineFixture f(options);
    f.mini.failNext = 1;
    f.mini.failure = FakeResponse::error(401, QStringLiteral("invalid_token"), QStringLiteral("登录凭据已被撤销"));
    EXPECT_FALSE(f.runOnce());
    EXPECT_TRUE(f.engine.signInNeeded());
    EXPECT_FALSE(f.engine.isRetryScheduled());
    EXPECT_TRUE(f.engine.lastError().contains(QStringLiteral("登录凭据已被撤销")));
}

TEST(SyncEngine, LocalChangesStartOneDebouncedRoundWhenOnline)
{
    EngineFixture f;
    f.engine.setOnline(false);
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    f.engine.notifyLocalChange();
    waitUntil([] { return false; }, 300);
    EXPECT_TRUE(f.results.empty()); // offline: nothing is tried

    f.engine.setOnline(true);
    ASSERT_TRUE(waitUntil([&] { return f.results.size() == 1; }));
    f.recorder.recordVisit(QStringLiteral("DC-01"), {});
    for (int i = 0; i < 3; ++i)
        f.engine.notifyLocalChange();
    ASSERT_TRUE(waitUntil([&] { return f.results.size() == 2; }));
    waitUntil([] { return false; }, 300);
    EXPECT_EQ(f.results.size(), 2u);
    EXPECT_EQ(f.mini.appliedMutations.size(), 2u);
}

TEST(SyncEngine, ARefusedPhotoIsShownAsRejectedAndDoesNotBlock)
{
    EngineFixture f;
    f.recorder.recordPhoto(f.photoFile(900), QStringLiteral("DC"));
    f.hq.setHandler([&](const FakeRequest &r) {
        if (r.method == "PUT")
            return FakeResponse::error(422, QStringLiteral("hash_mismatch"), QStringLiteral("照片内容与哈希不符，已丢弃"));
        return f.mini(r);
    });
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    EXPECT_EQ(f.engine.rejectedCount(), 1);
    EXPECT_EQ(f.engine.pendingCount(), 0);
    EXPECT_EQ(f.engine.pendingPhotos(), 0);
    const auto rejected = Outbox(f.device.db()).entries(outboxstate::kRejected);
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_EQ(rejected[0].reason, QStringLiteral("hash_mismatch"));
    EXPECT_TRUE(rejected[0].message.contains(QStringLiteral("哈希不符")));
}

TEST(SyncEngine, RejectionsAndConflictsAreCountedWithTheirReasons)
{
    EngineFixture f;
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    f.recorder.recordScore(QStringLiteral("BH"), QStringLiteral("1.2"), QStringLiteral("9"), ScoreKind::Rater);
    f.mini.decide = [](const protocol::Mutation &m) -> std::optional<protocol::MutationResult> {
        if (m.data.value(QStringLiteral("unit")).toString() == QStringLiteral("DC"))
            return protocol::MutationResult{0, protocol::MutationStatus::Rejected, QStringLiteral("unit_locked"),
                                            QStringLiteral("DC 已提交锁定"), {}};
        QJsonObject winner = m.data;
        winner.insert(QStringLiteral("input"), QStringLiteral("7"));
        return protocol::MutationResult{0, protocol::MutationStatus::Conflict, QStringLiteral("conflict"),
                                        QStringLiteral("较新的修改已生效"), winner};
    };
    ASSERT_TRUE(f.runOnce());
    const SyncSummary &s = f.engine.lastSummary();
    EXPECT_EQ(s.rejected, 1);
    EXPECT_EQ(s.conflicts, 1);
    ASSERT_EQ(s.problems.size(), 2u);
    EXPECT_EQ(s.problems[0].message, QStringLiteral("DC 已提交锁定"));
    EXPECT_EQ(f.engine.rejectedCount(), 1);
    EXPECT_EQ(f.engine.conflictCount(), 1);
    EXPECT_EQ(f.device.db().query(QStringLiteral("SELECT input FROM score_entries WHERE unit_code = 'BH'")).front()[0],
              QVariant(QStringLiteral("7")));
}

TEST(SyncEngine, NumbersHqUsedForOtherContentAreRenumberedAndSentAgain)
{
    // A device folder restored from a backup: HQ already processed numbers 1..10 of this
    // device with other content, the folder starts again at 1.
    EngineFixture f;
    f.mini.lastSeq = 10;
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    f.recorder.recordScore(QStringLiteral("BH"), QStringLiteral("1.2"), QStringLiteral("9"), ScoreKind::Rater);

    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    const SyncSummary &s = f.engine.lastSummary();
    EXPECT_EQ(s.renumbered, 2);
    EXPECT_EQ(s.rejected, 0);
    EXPECT_EQ(f.engine.pendingCount(), 0);
    ASSERT_EQ(f.mini.appliedMutations.size(), 2u) << "both edits reached HQ under new numbers";
    EXPECT_EQ(f.mini.appliedMutations[0].seq, 11);
    EXPECT_EQ(f.mini.appliedMutations[1].seq, 12);
    EXPECT_EQ(f.mini.appliedMutations[1].data.value(QStringLiteral("input")).toString(), QStringLiteral("9"));

    // Later edits continue above HQ's numbers.
    f.recorder.recordScore(QStringLiteral("SM"), QStringLiteral("1.2"), QStringLiteral("8"), ScoreKind::Rater);
    ASSERT_TRUE(f.runOnce());
    EXPECT_EQ(f.engine.lastSummary().renumbered, 0);
    EXPECT_EQ(f.mini.appliedMutations.back().seq, 13);
}

TEST(SyncEngine, AnUnprovenDuplicateIsNeverTakenAsStored)
{
    // An older HQ answered "duplicate" with no stored outcome: the edit is sent again.
    EngineFixture f;
    int bareDuplicates = 1;
    f.mini.decide = [&](const protocol::Mutation &) -> std::optional<protocol::MutationResult> {
        if (bareDuplicates-- > 0)
            return protocol::MutationResult{0, protocol::MutationStatus::Duplicate, {}, {}, {}};
        return std::nullopt;
    };
    f.recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    EXPECT_EQ(f.engine.pendingCount(), 0);
    ASSERT_EQ(f.mini.appliedMutations.size(), 1u);
    EXPECT_EQ(f.mini.appliedMutations[0].data.value(QStringLiteral("input")).toString(), QStringLiteral("15.4"));
}
