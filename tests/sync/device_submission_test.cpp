// 提交 on the device: a leader submits a complete unit, the lock is honoured before
// anything reaches HQ, and a pulled submission locks the unit for the whole group.
#include "client/store/changeapplier.h"
#include "client/rules/fielderror.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/outbox.h"
#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/unitsubmissions.h"
#include "sync/synctestsupport.h"

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::TestDevice;

namespace {

// Every level-2 item of DC given a final value by the leader.
void scoreEveryItem(TestDevice &device, FieldRecorder &recorder)
{
    const auto items = device.db().query(QStringLiteral("SELECT code FROM indicators WHERE parent_code IS NOT NULL"));
    ASSERT_EQ(items.size(), 21u);
    for (const SqlRow &row : items) {
        const QString code = row[0].toString();
        recorder.recordScore(QStringLiteral("DC"), code, code == QLatin1String("7.1") ? QStringLiteral("否") : QStringLiteral("1"),
                             ScoreKind::Final, QStringLiteral("现场核实"));
    }
}

std::string refusal(const std::function<void()> &action)
{
    try {
        action();
    } catch (const FieldError &e) {
        return e.message().toStdString();
    }
    return "(not refused)";
}

} // namespace

TEST(DeviceSubmission, IsRefusedUntilEveryItemHasAScore)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("好"), ScoreKind::Rater);
    const std::string message = refusal([&] { recorder.submitUnit(QStringLiteral("DC")); });
    EXPECT_NE(message.find("20 项指标未评分"), std::string::npos) << message;
    EXPECT_FALSE(UnitSubmissions(device.db()).find(QStringLiteral("DC")));
}

TEST(DeviceSubmission, LocksTheUnitAndQueuesOneRecord)
{
    TestDevice device(QStringLiteral("g1.li"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    scoreEveryItem(device, recorder);
    const UnitSubmission submission = recorder.submitUnit(QStringLiteral("DC"));
    EXPECT_TRUE(submission.locked);
    EXPECT_TRUE(UnitSubmissions(device.db()).isLocked(QStringLiteral("DC")));
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'submission'")), 1);
    EXPECT_NE(refusal([&] { recorder.submitUnit(QStringLiteral("DC")); }).find("已经提交"), std::string::npos);

    // The leader may still change a score, but only with a reason.
    EXPECT_NE(refusal([&] {
                  recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("好"),
                                       ScoreKind::Rater);
              }).find("必须写明理由"),
              std::string::npos);
    EXPECT_NO_THROW(recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("好"),
                                         ScoreKind::Rater, QStringLiteral("补评")));

    EXPECT_NE(refusal([&] { recorder.reopenUnit(QStringLiteral("DC"), QStringLiteral(" ")); }).find("理由"),
              std::string::npos);
    const UnitSubmission reopened = recorder.reopenUnit(QStringLiteral("DC"), QStringLiteral("补充查看 DC-02"));
    EXPECT_FALSE(reopened.locked);
    EXPECT_EQ(reopened.id, submission.id) << "one submission record per unit";
    EXPECT_FALSE(UnitSubmissions(device.db()).isLocked(QStringLiteral("DC")));
}

TEST(DeviceSubmission, InspectorsCannotSubmitNorScoreAPulledLockedUnit)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    EXPECT_NE(refusal([&] { recorder.submitUnit(QStringLiteral("DC")); }).find("只有检查组长"), std::string::npos);

    UnitSubmission lock{QStringLiteral("sub-1"), QStringLiteral("DC"), true, QStringLiteral("g1.li"),
                        QDateTime::fromString(QStringLiteral("2026-06-21T08:00:00.000Z"), Qt::ISODateWithMs), {}};
    protocol::PullResponse page;
    page.cursor = 7;
    page.changes.push_back({7, protocol::entity::kSubmission, QStringLiteral("sub-1"), protocol::op::kUpsert,
                            protocol::submissionToJson(lock)});
    ChangeApplier(device.db()).applyPull(page);
    EXPECT_TRUE(UnitSubmissions(device.db()).isLocked(QStringLiteral("DC")));
    EXPECT_NE(refusal([&] {
                  recorder.recordScore(QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("好"),
                                       ScoreKind::Rater, QStringLiteral("理由也不行"));
              }).find("已由组长提交锁定"),
              std::string::npos);
    // Other units of the group stay open.
    EXPECT_NO_THROW(recorder.recordScore(QStringLiteral("BH"), QStringLiteral("1.4"), QStringLiteral("好"),
                                         ScoreKind::Rater));
}

TEST(DeviceVisit, NotesCanBeRewrittenAndTravelAsAnUpdateOfTheSameVisit)
{
    TestDevice device(QStringLiteral("g1.zhang"));
    FieldRecorder recorder(device.db(), device.store->photosFolder());
    const Visit visit = recorder.recordVisit(QStringLiteral("DC-01"), {}, Position{35.5, 104.5, 8.0});
    const Visit edited = recorder.updateVisitNotes(visit.id, QStringLiteral("  台账齐全，群众评价好  "));
    EXPECT_EQ(edited.notes, QStringLiteral("台账齐全，群众评价好"));
    ASSERT_TRUE(edited.position);
    EXPECT_DOUBLE_EQ(*edited.position->accuracyMeters, 8.0);
    EXPECT_EQ(device.db().query(QStringLiteral("SELECT notes FROM visits WHERE id = ?"), {visit.id}).front()[0].toString(),
              QStringLiteral("台账齐全，群众评价好"));
    EXPECT_EQ(device.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE entity = 'visit' AND entity_id = ?"),
                           {visit.id}),
              2);
    EXPECT_NE(refusal([&] { recorder.updateVisitNotes(QStringLiteral("no-such-visit"), QStringLiteral("x")); })
                  .find("不存在"),
              std::string::npos);
}
