// The device's side of HQ restored from a backup (HqRestore, SyncEngine): a new HQ
// incarnation makes it re-send its own acknowledged records with their clocks, pull from
// the start without losing newer local work; an HQ without incarnations never does.
#include "client/photos/photouploads.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/hqrestore.h"
#include "client/store/outbox.h"
#include "client/store/syncstate.h"
#include "client/transport/syncengine.h"
#include "sync/fakehq.h"
#include "sync/synctestsupport.h"

#include <QSet>

#include <gtest/gtest.h>

#include <map>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FakeHq;
using onsite::test::FakeRequest;
using onsite::test::FakeResponse;
using onsite::test::TestDevice;
using onsite::test::waitUntil;

namespace {

// HQ in memory as far as a restore matters: the latest version of each record, the
// feed, the content it processed per device (the digests), and a copy to restore.
struct RestorableHq
{
    struct Data
    {
        std::map<QString, protocol::Mutation> records; // entity/id → the version HQ holds
        QSet<QString> digests;                         // content processed for the device
        qint64 lastSeq = 0;
        std::vector<protocol::Change> feed;
    };
    Data data, backup;
    QString incarnation = QStringLiteral("first-incarnation");
    std::vector<bool> resendFlags; // of each push
    int applies = 0;               // mutations that changed a record (a feed change each)
    int leftOut = 0;               // answers without the id: the device named the same one (as HQ does)

    // As HQ: the id only when the device's tag is not that of the current one.
    QString answered(const QString &tag)
    {
        if (!incarnation.isEmpty() && protocol::incarnationTag(incarnation) == tag) {
            ++leftOut;
            return {};
        }
        return incarnation;
    }

    void backUp() { backup = data; }
    void restore(const QString &newIncarnation)
    {
        data = backup;
        incarnation = newIncarnation;
    }
    void addForeignChange(const QString &id, const QString &account, const QString &input)
    {
        data.feed.push_back({static_cast<qint64>(data.feed.size()) + 1, QStringLiteral("score"), id, protocol::op::kUpsert,
                             {{QStringLiteral("unit"), QStringLiteral("BH")}, {QStringLiteral("indicator"), QStringLiteral("1.2")},
                              {QStringLiteral("account"), account}, {QStringLiteral("kind"), QStringLiteral("rater")},
                              {QStringLiteral("input"), input}, {QStringLiteral("reason"), QString()},
                              {QStringLiteral("recorded_at"), QStringLiteral("2026-05-12T08:30:00.000Z")}}});
    }

    FakeResponse operator()(const FakeRequest &r)
    {
        if (r.path == QStringLiteral("/api/v1/sync/push"))
            return push(r);
        if (r.path == QStringLiteral("/api/v1/sync/pull"))
            return pull(r);
        return FakeResponse::error(404, QStringLiteral("not_found"), QStringLiteral("没有这个地址"));
    }

    FakeResponse push(const FakeRequest &r)
    {
        QString error;
        const auto request = protocol::PushRequest::fromJson(r.json(), &error);
        if (!request)
            return FakeResponse::error(400, QStringLiteral("bad_request"), error);
        resendFlags.push_back(request->resend);
        protocol::PushResponse response;
        for (const protocol::Mutation &m : request->mutations) {
            protocol::MutationResult result{m.seq, protocol::MutationStatus::Applied, {}, {}, {}};
            const QString key = m.entity + QLatin1Char('/') + m.id;
            const bool held = data.digests.contains(m.digest());
            if (held && (request->resend || m.seq <= data.lastSeq)) {
                // processed before: answered, not applied again
            } else if (data.records.count(key) && data.records[key].hlc > m.hlc) {
                result.status = protocol::MutationStatus::Conflict;
            } else {
                data.records[key] = m;
                data.feed.push_back({static_cast<qint64>(data.feed.size()) + 1, m.entity, m.id, m.op, m.data});
                ++applies;
            }
            data.digests.insert(m.digest());
            data.lastSeq = std::max(data.lastSeq, m.seq);
            response.results.push_back(result);
        }
        response.lastProcessedSeq = data.lastSeq;
        response.incarnation = answered(request->incarnationTag);
        return FakeResponse::json(200, response.toJson());
    }

    FakeResponse pull(const FakeRequest &r)
    {
        const qint64 since = r.query.queryItemValue(QStringLiteral("since")).toLongLong();
        protocol::PullResponse page;
        page.cursor = std::max<qint64>(since, static_cast<qint64>(data.feed.size()));
        for (const protocol::Change &c : data.feed) {
            if (c.seq > since)
                page.changes.push_back(c);
        }
        page.incarnation = answered(r.query.queryItemValue(QLatin1String(protocol::kIncarnationTagKey)));
        return FakeResponse::json(200, page.toJson());
    }
};

struct RestoreFixture
{
    RestoreFixture()
        : hq([this](const FakeRequest &r) { return mini(r); }), device(QStringLiteral("g1.li"), hq.url().toString()),
          recorder(device.db(), device.store->photosFolder()), engine(*device.store, options())
    {
        QObject::connect(&engine, &SyncEngine::finished, [this](bool ok) { results.push_back(ok); });
    }

    static SyncEngine::Options options()
    {
        SyncEngine::Options o;
        o.retryAutomatically = false;
        o.requestTimeout = std::chrono::seconds(5);
        o.pushBatchSize = 2; // several batches: every one of them must carry `resend`
        return o;
    }

    bool runOnce()
    {
        const size_t before = results.size();
        engine.sync();
        EXPECT_TRUE(waitUntil([&] { return results.size() > before; }, 15000));
        return results.size() > before && results.back();
    }

    QString localScore(const QString &unit)
    {
        const auto rows = device.db().query(QStringLiteral("SELECT input FROM score_entries WHERE unit_code = ? AND "
                                                           "indicator_code = '1.2' AND account = ?"),
                                            {unit, QStringLiteral("g1.li")});
        return rows.empty() ? QString() : rows.front().value(0).toString();
    }

    void score(const QString &unit, const QString &input)
    {
        recorder.recordScore(unit, QStringLiteral("1.2"), input, ScoreKind::Rater);
    }

    RestorableHq mini;
    FakeHq hq;
    TestDevice device;
    FieldRecorder recorder;
    SyncEngine engine;
    std::vector<bool> results;
};

} // namespace

TEST(HqRestore, ANewIncarnationResendsOwnRecordsOnceAndPullsFromTheStart)
{
    RestoreFixture f;
    f.mini.addForeignChange(QStringLiteral("z-1"), QStringLiteral("g1.zhang"), QStringLiteral("12"));
    f.score(QStringLiteral("DC"), QStringLiteral("15"));
    f.score(QStringLiteral("SM"), QStringLiteral("14"));
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    EXPECT_EQ(HqRestore(f.device.db()).incarnation(), QStringLiteral("first-incarnation"));
    EXPECT_FALSE(f.engine.lastSummary().hqRestored);
    f.mini.backUp();

    // Acknowledged after the backup, then lost with the restore: a new score and a change.
    f.score(QStringLiteral("BH"), QStringLiteral("13"));
    f.score(QStringLiteral("DC"), QStringLiteral("16"));
    f.mini.addForeignChange(QStringLiteral("z-2"), QStringLiteral("g1.zhang"), QStringLiteral("11"));
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    EXPECT_EQ(SyncState(f.device.db()).cursor(), 6);
    const int appliedBefore = f.mini.applies;
    // The device named the id it holds, so the second round's answers went without it;
    // the new id below still reaches the device and is noticed.
    EXPECT_GE(f.mini.leftOut, 2);

    f.mini.restore(QStringLiteral("second-incarnation"));
    f.score(QStringLiteral("SM"), QStringLiteral("17")); // waiting when the restore is found
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    const SyncSummary &s = f.engine.lastSummary();
    EXPECT_TRUE(s.hqRestored);
    EXPECT_EQ(s.resent, 3); // the last acknowledged version of DC, SM and BH
    EXPECT_EQ(HqRestore(f.device.db()).incarnation(), QStringLiteral("second-incarnation"));
    // HQ stored what it lacked, once: BH and DC's change re-sent, SM's new edit; DC and SM
    // as before the backup were held and answered, not applied again.
    EXPECT_EQ(f.mini.applies - appliedBefore, 3);
    EXPECT_EQ(f.mini.data.feed.size(), 6u);
    std::map<QString, QString> atHq;
    for (const auto &[key, m] : f.mini.data.records)
        atHq[m.data.value(QStringLiteral("unit")).toString()] = m.data.value(QStringLiteral("input")).toString();
    EXPECT_EQ(atHq, (std::map<QString, QString>{{QStringLiteral("BH"), QStringLiteral("13")},
                                                {QStringLiteral("DC"), QStringLiteral("16")},
                                                {QStringLiteral("SM"), QStringLiteral("17")}}));
    // Every batch after the restore was found carried `resend`.
    ASSERT_GE(f.mini.resendFlags.size(), 4u);
    EXPECT_TRUE(f.mini.resendFlags.back());
    // Pulled from 0: the older versions in the restored feed did not replace newer work.
    EXPECT_EQ(f.localScore(QStringLiteral("DC")), QStringLiteral("16"));
    EXPECT_EQ(f.localScore(QStringLiteral("SM")), QStringLiteral("17"));
    EXPECT_EQ(f.localScore(QStringLiteral("BH")), QStringLiteral("13"));
    EXPECT_EQ(SyncState(f.device.db()).cursor(), 6);
    EXPECT_EQ(f.engine.pendingCount(), 0);
    EXPECT_EQ(f.engine.conflictCount(), 0);
    EXPECT_TRUE(f.engine.restoreNotice().contains(QStringLiteral("总部数据已从备份恢复"))) << f.engine.restoreNotice().toStdString();

    // The next sync re-sends nothing.
    const int applies = f.mini.applies;
    ASSERT_TRUE(f.runOnce());
    EXPECT_FALSE(f.engine.lastSummary().hqRestored);
    EXPECT_EQ(f.engine.lastSummary().pushed, 0);
    EXPECT_EQ(f.mini.applies, applies);
}

TEST(HqRestore, APageFromANewIncarnationIsNotAppliedBeforeTheDeviceRecovers)
{
    RestoreFixture f;
    f.score(QStringLiteral("DC"), QStringLiteral("15"));
    ASSERT_TRUE(f.runOnce());
    f.mini.backUp();
    f.score(QStringLiteral("DC"), QStringLiteral("16"));
    ASSERT_TRUE(f.runOnce());
    // Restored; nothing waits on the device, so the first answer it sees is a pull page,
    // and that page carries DC's older version.
    f.mini.restore(QStringLiteral("second-incarnation"));
    f.mini.addForeignChange(QStringLiteral("z-1"), QStringLiteral("g1.zhang"), QStringLiteral("12"));
    ASSERT_TRUE(f.runOnce()) << f.engine.lastError().toStdString();
    EXPECT_TRUE(f.engine.lastSummary().hqRestored);
    EXPECT_EQ(f.localScore(QStringLiteral("DC")), QStringLiteral("16"));
    EXPECT_EQ(f.mini.data.records.begin()->second.data.value(QStringLiteral("input")).toString(), QStringLiteral("16"));
    EXPECT_EQ(f.device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries WHERE account = 'g1.zhang'")), 1);
}

TEST(HqRestore, AnHqWithoutAnIncarnationNeverResets)
{
    RestoreFixture f;
    f.mini.incarnation.clear(); // an HQ from before incarnations sends none
    f.score(QStringLiteral("DC"), QStringLiteral("15"));
    ASSERT_TRUE(f.runOnce());
    EXPECT_TRUE(HqRestore(f.device.db()).incarnation().isEmpty());
    EXPECT_EQ(SyncState(f.device.db()).cursor(), 1);
    ASSERT_TRUE(f.runOnce());
    EXPECT_FALSE(f.engine.lastSummary().hqRestored);
    EXPECT_EQ(f.engine.lastSummary().pushed, 0);

    // Upgraded: the first id is remembered, not taken as a restore.
    f.mini.incarnation = QStringLiteral("first-incarnation");
    ASSERT_TRUE(f.runOnce());
    EXPECT_FALSE(f.engine.lastSummary().hqRestored);
    EXPECT_EQ(HqRestore(f.device.db()).incarnation(), QStringLiteral("first-incarnation"));
    // Downgraded again (no id): the known id stays, nothing is reset.
    f.mini.incarnation.clear();
    ASSERT_TRUE(f.runOnce());
    EXPECT_FALSE(f.engine.lastSummary().hqRestored);
    EXPECT_EQ(HqRestore(f.device.db()).incarnation(), QStringLiteral("first-incarnation"));
    EXPECT_EQ(SyncState(f.device.db()).cursor(), 1);
    EXPECT_TRUE(f.engine.restoreNotice().isEmpty());
}

TEST(HqRestore, RecoverQueuesTheLastAcknowledgedVersionOfOwnRecordsOnly)
{
    TestDevice device(QStringLiteral("g1.li"));
    SqlConnection &db = device.db();
    HqRestore restore(db);
    EXPECT_FALSE(restore.adopt(QString()));
    EXPECT_FALSE(restore.adopt(QStringLiteral("one"))); // first seen: remembered
    EXPECT_FALSE(restore.adopt(QStringLiteral("one")));
    Outbox outbox(db);
    auto add = [&](const QString &entity, const QString &id, const QString &op, const QJsonObject &data,
                   const QString &state) {
        const protocol::Mutation m = outbox.append(entity, id, op, data);
        if (state != outboxstate::kPending)
            outbox.resolve(m.seq, state, state == outboxstate::kRejected ? QStringLiteral("unit_locked") : QString());
        return m;
    };
    const QJsonObject mine{{QStringLiteral("account"), QStringLiteral("g1.li")}, {QStringLiteral("input"), QStringLiteral("1")}};
    QJsonObject mine2 = mine;
    mine2.insert(QStringLiteral("input"), QStringLiteral("2"));
    add(QStringLiteral("score"), QStringLiteral("s1"), protocol::op::kUpsert, mine, outboxstate::kApplied);
    const auto s1b = add(QStringLiteral("score"), QStringLiteral("s1"), protocol::op::kUpsert, mine2, outboxstate::kApplied);
    add(QStringLiteral("score"), QStringLiteral("s1"), protocol::op::kUpsert, mine, outboxstate::kRejected);
    add(QStringLiteral("score"), QStringLiteral("s2"), protocol::op::kUpsert, mine, outboxstate::kApplied);
    add(QStringLiteral("score"), QStringLiteral("s2"), protocol::op::kUpsert, mine2, outboxstate::kConflict); // lost: not re-sent
    const auto deleted = add(QStringLiteral("finding"), QStringLiteral("f1"), protocol::op::kDelete, {}, outboxstate::kApplied);
    add(QStringLiteral("score"), QStringLiteral("s3"), protocol::op::kUpsert,
        {{QStringLiteral("account"), QStringLiteral("g1.zhang")}}, outboxstate::kApplied); // someone else's
    const QJsonObject photo{{QStringLiteral("account"), QStringLiteral("g1.li")},
                            {QStringLiteral("sha256"), QString(64, QLatin1Char('a'))},
                            {QStringLiteral("size_bytes"), 1200},
                            {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")}};
    add(QStringLiteral("photo"), QStringLiteral("p1"), protocol::op::kUpsert, photo, outboxstate::kApplied);
    const auto waiting = add(QStringLiteral("score"), QStringLiteral("s4"), protocol::op::kUpsert, mine, outboxstate::kPending);
    PhotoUploads uploads(db);
    uploads.add(QString(64, QLatin1Char('b')), 10, QStringLiteral("image/jpeg"));
    uploads.setComplete(QString(64, QLatin1Char('b')));
    SyncState(db).setCursor(42);
    const qint64 lastBefore = outbox.lastSeq();

    HqRestoreOutcome outcome;
    ASSERT_TRUE(restore.adopt(QStringLiteral("two"), &outcome));
    EXPECT_EQ(outcome.resent, 3);
    EXPECT_EQ(outcome.photos, 1);
    EXPECT_EQ(SyncState(db).cursor(), 0);
    EXPECT_EQ(restore.incarnation(), QStringLiteral("two"));
    const auto pending = outbox.entries(outboxstate::kPending);
    ASSERT_EQ(pending.size(), 4u);
    // In the order they were made, with their clocks, all above the numbers used before.
    EXPECT_EQ(pending[0].mutation.digest(), s1b.digest());
    EXPECT_EQ(pending[1].mutation.digest(), deleted.digest());
    EXPECT_EQ(pending[2].mutation.entity, QStringLiteral("photo"));
    EXPECT_EQ(pending[3].mutation.digest(), waiting.digest());
    for (const OutboxEntry &e : pending) {
        EXPECT_GT(e.mutation.seq, lastBefore);
        EXPECT_EQ(e.reason, Outbox::kResendReason);
    }
    EXPECT_TRUE(outbox.isResending());
    EXPECT_EQ(restore.resendPending(), 4);
    // The photo is asked about again; a photo HQ was not asked to hold stays as it was.
    const auto again = uploads.find(QString(64, QLatin1Char('a')));
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->complete);
    EXPECT_EQ(again->sizeBytes, 1200);
    EXPECT_TRUE(uploads.isComplete(QString(64, QLatin1Char('b'))));
    // Every row answered before is kept.
    EXPECT_EQ(outbox.count(outboxstate::kApplied), 6);
    EXPECT_EQ(outbox.count(outboxstate::kRejected), 1);
    EXPECT_EQ(outbox.count(outboxstate::kConflict), 1);

    // Signed in as someone else: nothing from before is re-sent after a later restore.
    restore.forgetForNewIdentity();
    EXPECT_TRUE(restore.incarnation().isEmpty());
    EXPECT_FALSE(restore.adopt(QStringLiteral("three")));
    EXPECT_FALSE(restore.adopt(QStringLiteral("three")));
    HqRestoreOutcome none;
    ASSERT_TRUE(restore.adopt(QStringLiteral("four"), &none));
    EXPECT_EQ(none.resent, 0);
}
