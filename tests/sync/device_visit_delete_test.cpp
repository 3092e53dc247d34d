// Deleting a visit on the device (FieldRecorder::deleteVisit): the author's own visit, while
// no photo names it and the unit is open, goes at once and leaves a tombstone in the outbox;
// every refusal is HQ's (FieldRecordPolicy) and queues nothing.
#include "client/rules/fielderror.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/changeapplier.h"
#include "client/store/outbox.h"
#include "client/store/recordrows.h"
#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/fieldrecordrows.h"
#include "sync/synctestsupport.h"

#include <QFile>

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::TestDevice;

namespace {

QString refusal(const std::function<void()> &action)
{
    try {
        action();
    } catch (const FieldError &e) {
        return e.message();
    }
    return QStringLiteral("(not refused)");
}

void pull(TestDevice &device, const QString &entity, const QString &id, const QJsonObject &data)
{
    protocol::PullResponse page;
    page.cursor = 1 + device.count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    page.changes.push_back({page.cursor, entity, id, protocol::op::kUpsert, data});
    ChangeApplier(device.db()).applyPull(page);
}

qint64 outboxRows(TestDevice &device)
{
    return device.count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
}

} // namespace

TEST(DeviceVisitDelete, TheAuthorsVisitGoesAndATombstoneIsQueuedAfterItsCheckIn)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const Visit visit = recorder.recordVisit(QStringLiteral("DC-01"), QStringLiteral("误签"),
                                             Position{35.5, 104.5, 8.0});
    recorder.deleteVisit(visit.id);
    EXPECT_FALSE(FieldRecordRows(device.db()).visit(visit.id));
    const auto queued = device.db().query(
        QStringLiteral(
            "SELECT op FROM outbox WHERE entity = 'visit' AND entity_id = ? ORDER BY seq"),
        {visit.id});
    ASSERT_EQ(queued.size(), 2u);
    EXPECT_EQ(queued[0][0].toString(), protocol::op::kUpsert);
    EXPECT_EQ(queued[1][0].toString(), protocol::op::kDelete);
    EXPECT_TRUE(refusal([&] { recorder.deleteVisit(visit.id); }).contains(QStringLiteral("不存在")))
        << "a second delete finds nothing";
    EXPECT_EQ(outboxRows(device), 2);
}

TEST(DeviceVisitDelete, AnotherPersonsVisitIsNotDeleted)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    Visit theirs{
        QStringLiteral("v-li"),
        QStringLiteral("DC-01"),
        QStringLiteral("g1.li"),
        QDateTime::fromString(QStringLiteral("2026-06-20T09:00:00.000Z"), Qt::ISODateWithMs),
        std::nullopt,
        QStringLiteral("查看会议记录"),
        std::nullopt,
        {}};
    pull(device, protocol::entity::kVisit, theirs.id, protocol::visitToJson(theirs));
    ASSERT_TRUE(FieldRecordRows(device.db()).visit(theirs.id));
    const QString message = refusal(
        [&] { FieldRecorder(device.db(), device.store->photosFolder()).deleteVisit(theirs.id); });
    EXPECT_TRUE(message.contains(QStringLiteral("本人"))) << message.toStdString();
    EXPECT_TRUE(FieldRecordRows(device.db()).visit(theirs.id));
    EXPECT_EQ(outboxRows(device), 0);
}

TEST(DeviceVisitDelete, AVisitWithAPhotoStays)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const Visit visit = recorder.recordVisit(QStringLiteral("DC-01"), {});
    const QString file = device.dir.filePath(QStringLiteral("evidence.jpg"));
    QFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + QByteArray(2048, 'q'));
    out.close();
    recorder.recordPhoto(file, QStringLiteral("DC"), {}, visit.id);
    const qint64 before = outboxRows(device);
    const QString message = refusal([&] { recorder.deleteVisit(visit.id); });
    EXPECT_TRUE(message.contains(QStringLiteral("已有照片"))) << message.toStdString();
    EXPECT_TRUE(FieldRecordRows(device.db()).visit(visit.id));
    EXPECT_EQ(outboxRows(device), before);
}

TEST(DeviceVisitDelete, AVisitOfASubmittedUnitStays)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const Visit visit = recorder.recordVisit(QStringLiteral("DC-01"), {});
    const UnitSubmission lock{
        QStringLiteral("sub-1"),
        QStringLiteral("DC"),
        true,
        QStringLiteral("g1.li"),
        QDateTime::fromString(QStringLiteral("2026-06-21T08:00:00.000Z"), Qt::ISODateWithMs),
        {}};
    pull(device, protocol::entity::kSubmission, lock.id, protocol::submissionToJson(lock));
    const qint64 before = outboxRows(device);
    const QString message = refusal([&] { recorder.deleteVisit(visit.id); });
    EXPECT_TRUE(message.contains(QStringLiteral("提交锁定"))) << message.toStdString();
    EXPECT_TRUE(FieldRecordRows(device.db()).visit(visit.id));
    EXPECT_EQ(outboxRows(device), before);
    // Reopened, it can go.
    UnitSubmission reopened = lock;
    reopened.locked = false;
    reopened.note = QStringLiteral("补录");
    pull(device, protocol::entity::kSubmission, reopened.id, protocol::submissionToJson(reopened));
    recorder.deleteVisit(visit.id);
    EXPECT_FALSE(FieldRecordRows(device.db()).visit(visit.id));
}

TEST(DeviceLocalWrite, TheRecordsRowsAreWhatItsWireFormSays)
{
    // The local write goes from the struct to SQL; a pulled copy of the same record (its
    // wire form) must land in the very same row.
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const Visit visit = recorder.recordVisit(QStringLiteral("DC-01"), QStringLiteral("看台账"),
                                             Position{36.1, 103.8, 5.0});
    const Finding finding = recorder.recordFinding(Finding{{},
                                                           QStringLiteral("DC"),
                                                           QStringLiteral("DC-01"),
                                                           QStringLiteral("1.4"),
                                                           FindingKind::Weakness,
                                                           QStringLiteral("台账不全"),
                                                           QStringLiteral("补齐"),
                                                           {},
                                                           {},
                                                           {}});
    const auto rowsOf = [&device](const QString &table, const QString &id) {
        return device.db().query(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(table), {id});
    };
    const auto visitRow = rowsOf(QStringLiteral("visits"), visit.id);
    const auto findingRow = rowsOf(QStringLiteral("findings"), finding.id);
    ASSERT_EQ(visitRow.size(), 1u);
    ASSERT_EQ(findingRow.size(), 1u);
    const QJsonObject visitWire =
        Outbox(device.db()).entries(outboxstate::kPending).front().mutation.data;
    device.db().execute(QStringLiteral("DELETE FROM visits WHERE id = ?"), {visit.id});
    device.db().execute(QStringLiteral("DELETE FROM findings WHERE id = ?"), {finding.id});
    RecordRows(device.db()).upsert(protocol::entity::kVisit, visit.id, visitWire, {});
    RecordRows(device.db())
        .upsert(protocol::entity::kFinding, finding.id, protocol::findingToJson(finding), {});
    EXPECT_EQ(rowsOf(QStringLiteral("visits"), visit.id), visitRow);
    EXPECT_EQ(rowsOf(QStringLiteral("findings"), finding.id), findingRow);
}
