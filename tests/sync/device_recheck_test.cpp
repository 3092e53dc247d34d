// 回头看 on the device: a pulled re-check is stored, a result is recorded offline into the
// outbox under the same rule HQ applies, and losing the unit removes both.
#include "client/store/bootstrapapplier.h"
#include "client/store/changeapplier.h"
#include "client/rules/fielderror.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/localrechecks.h"
#include "client/store/outbox.h"
#include "client/store/syncstate.h"
#include "protocol/records.h"
#include "sync/synctestsupport.h"

#include <QFile>

#include <functional>

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::TestDevice;

namespace {

Recheck recheckFor(const QString &id, const QString &unit, const QString &group)
{
    Recheck r;
    r.id = id;
    r.itemId = QStringLiteral("item-") + id;
    r.unitCode = unit;
    r.groupName = group;
    r.problem = QStringLiteral("消防通道堆放杂物");
    r.suggestion = QStringLiteral("清理并设置警示标识");
    r.measures = QStringLiteral("已清理，每周巡查");
    r.note = QStringLiteral("请重点看后门通道");
    r.assignedBy = QStringLiteral("kpb.admin");
    r.assignedAt = QDateTime(QDate(2026, 6, 2), QTime(9, 0), Qt::UTC);
    return r;
}

// Pulls the re-checks as HQ would send them.
void pull(TestDevice &device, const std::vector<Recheck> &rechecks, qint64 cursor = 5)
{
    protocol::PullResponse page;
    qint64 seq = 0;
    for (const Recheck &r : rechecks)
        page.changes.push_back({++seq, protocol::entity::kRecheck, r.id, protocol::op::kUpsert, protocol::recheckToJson(r)});
    page.cursor = cursor;
    ChangeApplier(device.db()).applyPull(page);
}

QString writePhoto(TestDevice &device, const QString &name)
{
    const QString path = device.dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\xFF\xD8\xFF\xE0", 4) + name.toUtf8() + QByteArray(100, 'r'));
    return path;
}

QString refusal(const std::function<void()> &write)
{
    try {
        write();
    } catch (const FieldError &e) {
        return e.message();
    }
    return {};
}

} // namespace

TEST(DeviceRecheck, APulledRecheckIsStoredAndListedForItsUnit)
{
    TestDevice device(QStringLiteral("g3.xu")); // 第三检查组: XC, YL, HW
    pull(device, {recheckFor(QStringLiteral("r-yl"), QStringLiteral("YL"), QStringLiteral("第三检查组")),
                  recheckFor(QStringLiteral("r-hw"), QStringLiteral("HW"), QStringLiteral("第三检查组"))});
    EXPECT_EQ(SyncState(device.db()).cursor(), 5);
    const auto yl = LocalRechecks(device.db()).forUnit(QStringLiteral("YL"));
    ASSERT_EQ(yl.size(), 1u);
    EXPECT_EQ(yl.front().recheck.id, QStringLiteral("r-yl"));
    EXPECT_EQ(yl.front().recheck.itemId, QStringLiteral("item-r-yl"));
    EXPECT_EQ(yl.front().recheck.measures, QStringLiteral("已清理，每周巡查"));
    EXPECT_EQ(yl.front().recheck.note, QStringLiteral("请重点看后门通道"));
    EXPECT_EQ(yl.front().recheck.assignedAt, QDateTime(QDate(2026, 6, 2), QTime(9, 0), Qt::UTC));
    EXPECT_TRUE(yl.front().results.empty());
    EXPECT_EQ(LocalRechecks(device.db()).forUnit({}).size(), 2u);
    EXPECT_FALSE(LocalRechecks(device.db()).find(QStringLiteral("r-nope")).has_value());
}

TEST(DeviceRecheck, AResultIsRecordedOfflineWithPhotosIntoTheOutbox)
{
    TestDevice device(QStringLiteral("g3.zhu")); // inspector of group 3, from SM
    pull(device, {recheckFor(QStringLiteral("r-yl"), QStringLiteral("YL"), QStringLiteral("第三检查组"))});
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const PhotoEvidence photo = recorder.recordPhoto(writePhoto(device, QStringLiteral("yl.jpg")), QStringLiteral("YL"));
    const RecheckResult result = recorder.recordRecheckResult(QStringLiteral("r-yl"), RecheckOutcome::NotDone,
                                                              QStringLiteral("  后门仍有杂物  "), {photo.id, photo.id});
    EXPECT_EQ(result.unitCode, QStringLiteral("YL"));
    EXPECT_EQ(result.account, QStringLiteral("g3.zhu"));
    EXPECT_EQ(result.notes, QStringLiteral("后门仍有杂物"));
    EXPECT_EQ(result.photoIds, QStringList{photo.id});

    // The outbox carries the wire form, after the photo that it names.
    const auto pending = Outbox(device.db()).entries(outboxstate::kPending);
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].mutation.entity, protocol::entity::kPhoto);
    EXPECT_EQ(pending[1].mutation.entity, protocol::entity::kRecheckResult);
    EXPECT_EQ(pending[1].mutation.id, result.id);
    EXPECT_EQ(pending[1].mutation.data.value(QStringLiteral("outcome")).toString(), QStringLiteral("not_done"));
    EXPECT_EQ(pending[1].mutation.data.value(QStringLiteral("recheck")).toString(), QStringLiteral("r-yl"));

    const auto listed = LocalRechecks(device.db()).forUnit(QStringLiteral("YL"));
    ASSERT_EQ(listed.front().results.size(), 1u);
    EXPECT_EQ(listed.front().results.front().syncState, outboxstate::kPending);
    EXPECT_EQ(listed.front().results.front().result.outcome, RecheckOutcome::NotDone);
    EXPECT_EQ(listed.front().results.front().result.photoIds, QStringList{photo.id});

    // HQ refuses it: the result stays, marked with HQ's words.
    protocol::PushResponse answer{2, {{2, protocol::MutationStatus::Rejected, QStringLiteral("not_assigned"),
                                       QStringLiteral("没有分配给本组"), {}}},
                                 {}};
    ChangeApplier(device.db()).applyPush({pending[1].mutation}, answer);
    const auto after = LocalRechecks(device.db()).forUnit(QStringLiteral("YL")).front().results.front();
    EXPECT_EQ(after.syncState, outboxstate::kRejected);
    EXPECT_EQ(after.syncMessage, QStringLiteral("没有分配给本组"));
}

TEST(DeviceRecheck, TheDeviceRefusesWhatHqWouldRefuseAndWritesNothing)
{
    TestDevice hu(QStringLiteral("g3.hu")); // group 3, from XC
    pull(hu, {recheckFor(QStringLiteral("r-xc"), QStringLiteral("XC"), QStringLiteral("第三检查组")),
              recheckFor(QStringLiteral("r-yl"), QStringLiteral("YL"), QStringLiteral("第三检查组")),
              recheckFor(QStringLiteral("r-g1"), QStringLiteral("HW"), QStringLiteral("第一检查组"))});
    FieldRecorder recorder(hu.db(), hu.store->photosFolder());
    const auto done = RecheckOutcome::Done;
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-xc"), done, {}); }).contains(QStringLiteral("回避")));
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-g1"), done, {}); })
                    .contains(QStringLiteral("没有分配给第三检查组")));
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-none"), done, {}); })
                    .contains(QStringLiteral("不存在")));
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-yl"), RecheckOutcome::NotDone, QStringLiteral("  ")); })
                    .contains(QStringLiteral("写明情况")));
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-yl"), done, QString(4001, QLatin1Char('x'))); })
                    .contains(QStringLiteral("4000")));
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-yl"), done, {}, {QStringLiteral("no-photo")}); })
                    .contains(QStringLiteral("no-photo")));
    // A photo of another unit is no evidence for this one.
    const PhotoEvidence hwPhoto = recorder.recordPhoto(writePhoto(hu, QStringLiteral("hw.jpg")), QStringLiteral("HW"));
    EXPECT_TRUE(refusal([&] { recorder.recordRecheckResult(QStringLiteral("r-yl"), done, {}, {hwPhoto.id}); })
                    .contains(QStringLiteral("不属于单位 YL")));
    EXPECT_EQ(hu.count(QStringLiteral("SELECT COUNT(*) FROM recheck_results")), 0);
    EXPECT_EQ(hu.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'recheck_result'")), 0);

    // 整改到位 needs no notes; the same device records it.
    EXPECT_NO_THROW(recorder.recordRecheckResult(QStringLiteral("r-yl"), done, {}));
    EXPECT_EQ(hu.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'recheck_result'")), 1);
}

TEST(DeviceRecheck, OnlyInspectorsAndLeadersRecheck)
{
    TestDevice hq(QStringLiteral("kpb.admin"));
    pull(hq, {recheckFor(QStringLiteral("r-yl"), QStringLiteral("YL"), QStringLiteral("第三检查组"))});
    EXPECT_TRUE(refusal([&] {
                    FieldRecorder(hq.db(), hq.store->photosFolder())
                        .recordRecheckResult(QStringLiteral("r-yl"), RecheckOutcome::Done, {});
                }).contains(QStringLiteral("考评办")));
    EXPECT_EQ(hq.count(QStringLiteral("SELECT COUNT(*) FROM recheck_results")), 0);
}

TEST(DeviceRecheck, AMalformedRecheckFailsThePullAndAPulledResultIsShown)
{
    TestDevice device(QStringLiteral("g3.xu"));
    protocol::PullResponse bad;
    QJsonObject data = protocol::recheckToJson(recheckFor(QStringLiteral("r-1"), QStringLiteral("YL"), QStringLiteral("第三检查组")));
    data.remove(QStringLiteral("problem"));
    bad.changes = {{1, protocol::entity::kRecheck, QStringLiteral("r-1"), protocol::op::kUpsert, data}};
    bad.cursor = 1;
    EXPECT_THROW(ChangeApplier(device.db()).applyPull(bad), SqlError);
    EXPECT_EQ(SyncState(device.db()).cursor(), 0);

    // A teammate's result arrives from HQ: shown, not in this device's outbox.
    pull(device, {recheckFor(QStringLiteral("r-1"), QStringLiteral("YL"), QStringLiteral("第三检查组"))});
    RecheckResult teammate{QStringLiteral("res-1"), QStringLiteral("r-1"), QStringLiteral("YL"), RecheckOutcome::Done,
                           QStringLiteral("已整改"), QStringLiteral("g3.zhu"),
                           QDateTime(QDate(2026, 6, 3), QTime(10, 0), Qt::UTC), {}};
    protocol::PullResponse page;
    page.changes = {{9, protocol::entity::kRecheckResult, teammate.id, protocol::op::kUpsert,
                     protocol::recheckResultToJson(teammate)}};
    page.cursor = 9;
    ChangeApplier(device.db()).applyPull(page);
    const auto results = LocalRechecks(device.db()).forUnit(QStringLiteral("YL")).front().results;
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results.front().result.account, QStringLiteral("g3.zhu"));
    EXPECT_TRUE(results.front().syncState.isEmpty());

    // An outcome outside the two is malformed.
    QJsonObject wrong = protocol::recheckResultToJson(teammate);
    wrong.insert(QStringLiteral("outcome"), QStringLiteral("maybe"));
    QString error;
    EXPECT_FALSE(protocol::recheckResultFromJson(QStringLiteral("res-2"), wrong, &error).has_value());
    EXPECT_TRUE(error.contains(QStringLiteral("outcome")));
}

TEST(DeviceRecheck, LosingTheUnitRemovesItsRechecksAndResults)
{
    TestDevice device(QStringLiteral("g3.xu"));
    pull(device, {recheckFor(QStringLiteral("r-yl"), QStringLiteral("YL"), QStringLiteral("第三检查组")),
                  recheckFor(QStringLiteral("r-hw"), QStringLiteral("HW"), QStringLiteral("第三检查组"))});
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const PhotoEvidence photo = recorder.recordPhoto(writePhoto(device, QStringLiteral("yl.jpg")), QStringLiteral("YL"));
    recorder.recordRecheckResult(QStringLiteral("r-yl"), RecheckOutcome::Done, {}, {photo.id});
    BootstrapApplier(device.db(), device.store->photosFolder())
        .apply(test::sampleBootstrap(QStringLiteral("g3.xu"), {QStringLiteral("XC"), QStringLiteral("HW")}));
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM rechecks WHERE unit_code = 'YL'")), 0);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM rechecks WHERE unit_code = 'HW'")), 1);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM recheck_results")), 0);
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM recheck_result_photos")), 0);
}
