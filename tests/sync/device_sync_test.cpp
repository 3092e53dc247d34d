#include "client/store/bootstrapapplier.h"
#include "client/store/changeapplier.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/outbox.h"
#include "client/photos/photofiles.h"
#include "client/photos/photouploads.h"
#include "client/store/syncstate.h"
#include "protocol/records.h"
#include "sync/synctestsupport.h"

#include <QFile>

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FailingConnection;
using onsite::test::TestDevice;

namespace {

QJsonObject scoreData(const QString &unit, const QString &indicator, const QString &account, const QString &input)
{
    return {{QStringLiteral("unit"), unit},
            {QStringLiteral("indicator"), indicator},
            {QStringLiteral("account"), account},
            {QStringLiteral("kind"), QStringLiteral("rater")},
            {QStringLiteral("input"), input},
            {QStringLiteral("reason"), QString()},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-05-12T08:30:00.000Z")}};
}

protocol::Change upsert(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data)
{
    return {seq, entity, id, protocol::op::kUpsert, data};
}

QString inputOf(TestDevice &device, const QString &id)
{
    const auto rows = device.db().query(QStringLiteral("SELECT input FROM score_entries WHERE id = ?"), {id});
    return rows.empty() ? QString() : rows.front()[0].toString();
}

protocol::MutationResult result(qint64 seq, protocol::MutationStatus status, const QString &reason = {},
                                const QString &message = {})
{
    return {seq, status, reason, message, {}};
}

protocol::PushResponse answer(qint64 last, std::vector<protocol::MutationResult> results)
{
    return {last, std::move(results), {}};
}

} // namespace

TEST(DevicePull, APageAndItsCursorAreAppliedTogether)
{
    TestDevice device(QStringLiteral("g1.li"));
    protocol::PullResponse page;
    page.changes = {upsert(11, QStringLiteral("score"), QStringLiteral("s-1"),
                           scoreData(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.zhang"), QStringLiteral("12"))),
                    upsert(12, QStringLiteral("score"), QStringLiteral("s-2"),
                           scoreData(QStringLiteral("BH"), QStringLiteral("1.2"), QStringLiteral("g1.liu"), QStringLiteral("8")))};
    page.cursor = 12;

    // The disk fails on the second record: nothing of the page may stay, nor the cursor.
    FailingConnection secondWriteFails(device.db(), QStringLiteral("INSERT INTO score_entries"), 2);
    EXPECT_THROW(ChangeApplier(secondWriteFails).applyPull(page), SqlError);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 0);
    EXPECT_EQ(SyncState(device.db()).cursor(), 0);

    // The disk fails on the cursor itself, after every record was written.
    FailingConnection cursorFails(device.db(), QStringLiteral("INSERT INTO sync_state"));
    EXPECT_THROW(ChangeApplier(cursorFails).applyPull(page), SqlError);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 0);
    EXPECT_EQ(SyncState(device.db()).cursor(), 0);

    const PullOutcome outcome = ChangeApplier(device.db()).applyPull(page);
    EXPECT_EQ(outcome.applied, 2);
    EXPECT_EQ(inputOf(device, QStringLiteral("s-2")), QStringLiteral("8"));
    EXPECT_EQ(SyncState(device.db()).cursor(), 12);
}

TEST(DevicePull, AMalformedChangeFailsThePageWithoutMovingTheCursor)
{
    TestDevice device(QStringLiteral("g1.li"));
    protocol::PullResponse page;
    page.changes = {upsert(1, QStringLiteral("score"), QStringLiteral("s-1"),
                           scoreData(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.zhang"), QStringLiteral("12"))),
                    upsert(2, QStringLiteral("finding"), QStringLiteral("f-1"), {{QStringLiteral("unit"), QStringLiteral("DC")}})};
    page.cursor = 2;
    EXPECT_THROW(ChangeApplier(device.db()).applyPull(page), SqlError);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 0);
    EXPECT_EQ(SyncState(device.db()).cursor(), 0);
}

TEST(DevicePull, APendingLocalEditIsNotOverwrittenUntilItIsSettled)
{
    TestDevice device(QStringLiteral("g1.li"));
    const RecordedScore mine = FieldRecorder(device.db(), device.store->photosFolder())
                                   .recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"),
                                                ScoreKind::Rater);
    protocol::PullResponse page;
    page.changes = {upsert(5, QStringLiteral("score"), mine.entry.id,
                           scoreData(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.li"), QStringLiteral("3")))};
    page.cursor = 5;
    const PullOutcome outcome = ChangeApplier(device.db()).applyPull(page);
    EXPECT_EQ(outcome.keptLocal, 1);
    EXPECT_EQ(inputOf(device, mine.entry.id), QStringLiteral("15.4"));
    EXPECT_EQ(SyncState(device.db()).cursor(), 5);

    // A copy of the same score under another id gives way to the local edit too.
    page.changes = {upsert(6, QStringLiteral("score"), QStringLiteral("other-id"),
                           scoreData(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.li"), QStringLiteral("4")))};
    page.cursor = 6;
    EXPECT_EQ(ChangeApplier(device.db()).applyPull(page).keptLocal, 1);
    EXPECT_EQ(inputOf(device, mine.entry.id), QStringLiteral("15.4"));
    EXPECT_EQ(inputOf(device, QStringLiteral("other-id")), QString());

    // Once the server settled the edit, later changes from the server apply.
    const auto sent = Outbox(device.db()).entries(outboxstate::kPending);
    ChangeApplier(device.db()).applyPush({sent[0].mutation}, answer(sent[0].mutation.seq, {result(sent[0].mutation.seq, protocol::MutationStatus::Applied)}));
    page.changes = {upsert(7, QStringLiteral("score"), mine.entry.id,
                           scoreData(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.li"), QStringLiteral("10")))};
    page.cursor = 7;
    EXPECT_EQ(ChangeApplier(device.db()).applyPull(page).applied, 1);
    EXPECT_EQ(inputOf(device, mine.entry.id), QStringLiteral("10"));
}

TEST(DevicePull, TombstonesDeleteAndUnknownEntitiesAreSkipped)
{
    TestDevice device(QStringLiteral("g1.li"));
    protocol::PullResponse page;
    page.changes = {upsert(1, QStringLiteral("highlight"), QStringLiteral("h-1"),
                           {{QStringLiteral("unit"), QStringLiteral("DC")},
                            {QStringLiteral("site"), QStringLiteral("DC-01")},
                            {QStringLiteral("title"), QStringLiteral("党群服务中心功能完善")},
                            {QStringLiteral("description"), QString()},
                            {QStringLiteral("account"), QStringLiteral("g1.zhang")},
                            {QStringLiteral("recorded_at"), QStringLiteral("2026-05-12T08:30:00.000Z")}}),
                    upsert(2, QStringLiteral("innovation"), QStringLiteral("i-1"), {})};
    page.cursor = 2;
    const PullOutcome first = ChangeApplier(device.db()).applyPull(page);
    EXPECT_EQ(first.applied, 1);
    EXPECT_EQ(first.ignored, 1);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM highlights")), 1);

    page.changes = {{3, QStringLiteral("highlight"), QStringLiteral("h-1"), protocol::op::kDelete, {}}};
    page.cursor = 3;
    EXPECT_EQ(ChangeApplier(device.db()).applyPull(page).deleted, 1);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM highlights")), 0);
    EXPECT_EQ(SyncState(device.db()).cursor(), 3);
}

TEST(DevicePush, ARejectedMutationKeepsTheRecordAndShowsTheReason)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const RecordedScore score =
        recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    recorder.recordVisit(QStringLiteral("DC-01"), {});
    const auto sent = Outbox(device.db()).nextBatch(10, [](const protocol::Mutation &) { return true; });
    ASSERT_EQ(sent.size(), 2u);
    const PushOutcome outcome = ChangeApplier(device.db()).applyPush(
        sent, answer(2, {result(1, protocol::MutationStatus::Rejected, QStringLiteral("unit_locked"),
                                 QStringLiteral("单位 DC 已提交锁定，修改需组长写明理由")),
                          result(2, protocol::MutationStatus::Applied)}));
    EXPECT_EQ(outcome.rejected, 1);
    EXPECT_EQ(outcome.applied, 1);
    EXPECT_EQ(inputOf(device, score.entry.id), QStringLiteral("15.4"));
    Outbox outbox(device.db());
    EXPECT_EQ(outbox.pendingCount(), 0);
    const auto rejected = outbox.entries(outboxstate::kRejected);
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_EQ(rejected[0].reason, QStringLiteral("unit_locked"));
    EXPECT_EQ(rejected[0].message, QStringLiteral("单位 DC 已提交锁定，修改需组长写明理由"));
    EXPECT_EQ(outbox.count(outboxstate::kApplied), 1);
}

TEST(DevicePush, AConflictAppliesTheServersRecordAndStaysVisible)
{
    TestDevice device(QStringLiteral("g1.li"));
    const RecordedScore score = FieldRecorder(device.db(), device.store->photosFolder())
                                    .recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"),
                                                 ScoreKind::Rater);
    const auto sent = Outbox(device.db()).nextBatch(10, [](const protocol::Mutation &) { return true; });
    protocol::MutationResult conflict{1, protocol::MutationStatus::Conflict, QStringLiteral("conflict"),
                                      QStringLiteral("另一台设备上的较新修改已生效"),
                                      scoreData(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.li"),
                                                QStringLiteral("11"))};
    const PushOutcome outcome = ChangeApplier(device.db()).applyPush(sent, answer(1, {conflict}));
    EXPECT_EQ(outcome.conflicts, 1);
    EXPECT_EQ(inputOf(device, score.entry.id), QStringLiteral("11"));
    const auto conflicts = Outbox(device.db()).entries(outboxstate::kConflict);
    ASSERT_EQ(conflicts.size(), 1u);
    EXPECT_EQ(conflicts[0].mutation.data.value(QStringLiteral("input")).toString(), QStringLiteral("15.4"));
    EXPECT_EQ(conflicts[0].message, QStringLiteral("另一台设备上的较新修改已生效"));
}

TEST(DevicePush, AHeldBackMutationIsRenumberedAboveWhatWasSent)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    recorder.recordVisit(QStringLiteral("DC-01"), {});   // seq 1
    recorder.recordVisit(QStringLiteral("DC-02"), {});   // seq 2: held back
    recorder.recordVisit(QStringLiteral("DC-03"), {});   // seq 3
    const auto batch = Outbox(device.db()).nextBatch(10, [](const protocol::Mutation &m) {
        return m.data.value(QStringLiteral("site")).toString() != QStringLiteral("DC-02");
    });
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0].seq, 1);
    EXPECT_EQ(batch[1].seq, 3);
    // The server will take anything at or below 3 for a replay: the held-back one moves up.
    const auto pending = Outbox(device.db()).entries(outboxstate::kPending);
    ASSERT_EQ(pending.size(), 3u);
    EXPECT_EQ(pending[2].mutation.data.value(QStringLiteral("site")).toString(), QStringLiteral("DC-02"));
    EXPECT_EQ(pending[2].mutation.seq, 4);
    EXPECT_EQ(recorder.recordVisit(QStringLiteral("DC-01"), {}).siteCode, QStringLiteral("DC-01"));
    EXPECT_EQ(Outbox(device.db()).lastSeq(), 5);
}

TEST(DeviceBootstrap, LosingAUnitRemovesItsDataFromTheDevice)
{
    TestDevice device(QStringLiteral("g1.li")); // 第一检查组: DC, BH, SM
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    recorder.recordScore(QStringLiteral("BH"), QStringLiteral("1.2"), QStringLiteral("10"), ScoreKind::Rater);
    recorder.recordVisit(QStringLiteral("BH-01"), {});
    const QString photoPath = device.dir.filePath(QStringLiteral("bh.jpg"));
    {
        QFile file(photoPath);
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(100, 'b'));
    }
    const PhotoEvidence photo = recorder.recordPhoto(photoPath, QStringLiteral("BH"));
    Finding finding;
    finding.unitCode = QStringLiteral("BH");
    finding.description = QStringLiteral("台账不全");
    finding.photoIds = {photo.id};
    recorder.recordFinding(finding);
    SyncState(device.db()).setCursor(40);

    const BootstrapOutcome outcome = BootstrapApplier(device.db(), device.store->photosFolder())
                                         .apply(test::sampleBootstrap(QStringLiteral("g1.li"),
                                                                      {QStringLiteral("DC"), QStringLiteral("SM")}));
    EXPECT_EQ(outcome.removedUnits, QStringList{QStringLiteral("BH")});
    EXPECT_FALSE(outcome.scopeGrew);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries WHERE unit_code = 'BH'")), 0);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM score_entries WHERE unit_code = 'DC'")), 1);
    for (const char *table : {"visits", "photos", "findings", "finding_photos", "photo_uploads"})
        EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))), 0) << table;
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM units WHERE code = 'BH'")), 0);
    EXPECT_FALSE(QFile::exists(PhotoFiles(device.store->photosFolder()).pathFor(photo.sha256)));
    // The unsynced BH changes are listed as refused, their content gone; DC's goes on.
    Outbox outbox(device.db());
    EXPECT_EQ(outbox.pendingCount(), 1);
    EXPECT_EQ(outcome.rejectedPending, 4);
    for (const OutboxEntry &e : outbox.entries(outboxstate::kRejected)) {
        EXPECT_EQ(e.reason, QStringLiteral("out_of_scope"));
        EXPECT_TRUE(e.mutation.data.isEmpty());
    }
    EXPECT_EQ(SyncState(device.db()).cursor(), 40);

    // Getting a unit back starts the pull over, so its older changes arrive too.
    const BootstrapOutcome regained = BootstrapApplier(device.db(), device.store->photosFolder())
                                          .apply(test::sampleBootstrap(QStringLiteral("g1.li")));
    EXPECT_TRUE(regained.scopeGrew);
    EXPECT_EQ(SyncState(device.db()).cursor(), 0);
    EXPECT_EQ(SyncState(device.db()).scopeUnits(),
              (QStringList{QStringLiteral("BH"), QStringLiteral("DC"), QStringLiteral("SM")}));
}

TEST(DeviceBootstrap, ReapplyingUpdatesTheSetUpInPlace)
{
    TestDevice device(QStringLiteral("g1.li"));
    protocol::Bootstrap changed = test::sampleBootstrap(QStringLiteral("g1.li"));
    changed.setup.units[0].name = QStringLiteral("东城区（新）");
    changed.setup.sites.pop_back();
    const int sites = static_cast<int>(changed.setup.sites.size());
    BootstrapApplier(device.db(), device.store->photosFolder()).apply(changed);
    EXPECT_EQ(device.db().query(QStringLiteral("SELECT name FROM units WHERE code = 'DC'")).front()[0].toString(),
              QStringLiteral("东城区（新）"));
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM sites")), sites);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM campaign")), 1);
}
