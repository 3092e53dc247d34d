// The follow-up rules and the rectification ledger (DOMAIN.md §Rectification states):
// who may take which step in which state, overdue by an injected clock (Beijing days),
// and every step in the keyed history, on an HQ database (SQLite).
#include "followup/innovationprojects.h"
#include "followup/rechecks.h"
#include "followup/rectificationledger.h"
#include "hq/hqschema.h"
#include "hq/scorehistory.h"
#include "import/campaignimporter.h"
#include "policy/followuppolicy.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <functional>

#include <gtest/gtest.h>

namespace onsite {
namespace {

using followup::FollowUpError;
using followup::RectificationLedger;

const QByteArray kKey(32, 'f');

QDateTime at(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate); }

class FollowUpLedgerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        db = std::make_unique<SqliteConnection>(dir.filePath(QStringLiteral("hq.sqlite")));
        hq::migrateHqDatabase(*db);
        CampaignStore(*db).saveSetup(CampaignImporter::importFolder(test::sampleCampaignDir()));
        setup = *CampaignStore(*db).loadSetup();
        addFinding(QStringLiteral("f-1"), QStringLiteral("DC"), QStringLiteral("台账未按月统计"));
        addFinding(QStringLiteral("f-2"), QStringLiteral("DC"), QStringLiteral("开放时间未公示"));
        addFinding(QStringLiteral("f-3"), QStringLiteral("QS"), QStringLiteral("缺少签字"));
    }
    void addFinding(const QString &id, const QString &unit, const QString &text)
    {
        db->execute(QStringLiteral("INSERT INTO findings (id, unit_code, site_code, indicator_code, kind, description, "
                                   "suggestion, account, recorded_at) VALUES (?, ?, NULL, '2.2', '问题', ?, '补齐', "
                                   "'g1.zhang', '2026-06-20T09:00:00.000Z')"),
                    {id, unit, text});
    }
    RectificationLedger ledger() { return RectificationLedger(*db, setup, kKey, dir.path()); }
    FollowUpPolicy policyOf(const char *account) { return FollowUpPolicy(setup, *setup.person(QString::fromLatin1(account))); }

    QTemporaryDir dir;
    std::unique_ptr<SqlConnection> db;
    CampaignSetup setup;
};

TEST_F(FollowUpLedgerTest, EachRoleMayTakeOnlyItsStepsOnItsUnits)
{
    RectificationItem dc;
    dc.unitCode = QStringLiteral("DC");
    dc.state = ItemState::Reported;
    EXPECT_EQ(policyOf("kpb.admin").check(FollowUpAction::CloseItem, dc), FollowUpRefusal::None);
    EXPECT_EQ(policyOf("dc.liaison").check(FollowUpAction::CloseItem, dc), FollowUpRefusal::ForbiddenRole);
    EXPECT_EQ(policyOf("g1.li").check(FollowUpAction::CloseItem, dc), FollowUpRefusal::ForbiddenRole);
    EXPECT_EQ(policyOf("g1.li").check(FollowUpAction::ReadItems, dc), FollowUpRefusal::None);
    EXPECT_EQ(policyOf("g2.yang").check(FollowUpAction::ReadItems, dc), FollowUpRefusal::OutOfScope);
    EXPECT_EQ(policyOf("xc.liaison").check(FollowUpAction::ReadItems, dc), FollowUpRefusal::OutOfScope);
    EXPECT_EQ(policyOf("g1.zhang").check(FollowUpAction::ReadItems, dc), FollowUpRefusal::ForbiddenRole);
    EXPECT_FALSE(policyOf("g1.zhang").mayOpen());
    // A reported item waits for HQ: the liaison cannot report it again.
    EXPECT_EQ(policyOf("dc.liaison").check(FollowUpAction::ReportProgress, dc), FollowUpRefusal::WrongState);
    dc.state = ItemState::Returned;
    EXPECT_EQ(policyOf("dc.liaison").check(FollowUpAction::ReportForClosing, dc), FollowUpRefusal::None);
    EXPECT_EQ(policyOf("kpb.admin").check(FollowUpAction::CloseItem, dc), FollowUpRefusal::WrongState);
    dc.state = ItemState::Closed;
    EXPECT_EQ(policyOf("kpb.admin").check(FollowUpAction::ExtendDeadline, dc), FollowUpRefusal::WrongState);
    EXPECT_EQ(followUpRefusalCode(FollowUpRefusal::ProjectLimit), QStringLiteral("project_limit"));
    // Only HQ assigns an on-site re-check.
    EXPECT_EQ(policyOf("g1.li").check(FollowUpAction::AssignRecheck, QStringLiteral("DC")), FollowUpRefusal::ForbiddenRole);
    EXPECT_EQ(policyOf("kpb.admin").check(FollowUpAction::AssignRecheck, QStringLiteral("DC")), FollowUpRefusal::None);
}

// 回避 holds for the follow-up as on the console's other pages (ConsoleAccess): a leader
// from one of their group's units reads neither its items nor its list.
TEST_F(FollowUpLedgerTest, ALeaderDoesNotReadTheFollowUpOfTheirHomeUnit)
{
    Person leader = *setup.person(QStringLiteral("g1.li"));
    EXPECT_EQ(FollowUpPolicy(setup, leader).units(),
              (QStringList{QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}));
    leader.homeUnitCode = QStringLiteral("BH");
    const FollowUpPolicy policy(setup, leader);
    EXPECT_EQ(policy.units(), (QStringList{QStringLiteral("DC"), QStringLiteral("SM")}));
    RectificationItem bh;
    bh.unitCode = QStringLiteral("BH");
    bh.state = ItemState::InProgress;
    EXPECT_EQ(policy.check(FollowUpAction::ReadItems, bh), FollowUpRefusal::OutOfScope);
    bh.unitCode = QStringLiteral("DC");
    EXPECT_EQ(policy.check(FollowUpAction::ReadItems, bh), FollowUpRefusal::None);
    // A liaison's home unit is the unit they work on.
    EXPECT_EQ(policyOf("dc.liaison").units(), QStringList{QStringLiteral("DC")});
}

TEST_F(FollowUpLedgerTest, OverdueFollowsTheInjectedClockInBeijingDays)
{
    EXPECT_EQ(ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z")), 2);
    const RectificationItem item = ledger().items({}).front();
    followup::PlanDraft plan{QStringLiteral("建台账"), QStringLiteral("李书记"), QDate(2026, 8, 31),
                             {{{}, QStringLiteral("补齐上半年"), QDate(2026, 7, 31), false}}};
    const RectificationItem planned = ledger().savePlan(item.id, plan, QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
    EXPECT_EQ(planned.state, ItemState::InProgress);
    // 2026-07-31T16:30Z is already 1 August in Beijing: the milestone is one day late.
    EXPECT_FALSE(planned.isOverdue(RectificationLedger::today(at("2026-07-31T15:59:00Z"))));
    EXPECT_TRUE(planned.isOverdue(RectificationLedger::today(at("2026-07-31T16:30:00Z"))));
    EXPECT_EQ(planned.overdueDays(RectificationLedger::today(at("2026-08-10T02:00:00Z"))), 10);
    // Closed items are never overdue.
    RectificationItem closed = planned;
    closed.state = ItemState::Closed;
    EXPECT_FALSE(closed.isOverdue(QDate(2027, 1, 1)));
    // A milestone after the deadline is refused; a moved deadline by the liaison too.
    plan.milestones.front().due = QDate(2026, 9, 30);
    EXPECT_THROW(ledger().savePlan(item.id, plan, QStringLiteral("dc.liaison"), at("2026-07-03T00:00:00Z")), FollowUpError);
    plan.milestones.front().due = QDate(2026, 7, 31);
    plan.deadline = QDate(2026, 12, 31);
    try {
        ledger().savePlan(item.id, plan, QStringLiteral("dc.liaison"), at("2026-07-03T00:00:00Z"));
        FAIL() << "a liaison moved the deadline";
    } catch (const FollowUpError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("deadline_fixed"));
    }
}

TEST_F(FollowUpLedgerTest, StepsAreKeptInTheKeyedHistoryAndAFailedStepLeavesNothing)
{
    ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
    const QString id = ledger().items({}).front().id;
    // 报送销号 before a plan: refused, nothing written.
    EXPECT_THROW(ledger().report(id, QStringLiteral("done"), {}, true, QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z")),
                 FollowUpError);
    EXPECT_TRUE(ledger().reports(id).empty());
    // Evidence that was never uploaded is refused too.
    EXPECT_THROW(ledger().report(id, QStringLiteral("见附件"), {QString(64, QLatin1Char('a'))}, false,
                                 QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z")),
                 FollowUpError);
    EXPECT_TRUE(ledger().reports(id).empty());
    ledger().savePlan(id, {QStringLiteral("建台账"), QStringLiteral("李书记"), QDate(2026, 8, 31),
                           {{{}, QStringLiteral("补齐"), QDate(2026, 7, 20), true}}},
                      QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
    ledger().report(id, QStringLiteral("台账已补齐"), {}, true, QStringLiteral("dc.liaison"), at("2026-07-21T00:00:00Z"));
    EXPECT_THROW(ledger().returnItem(id, QStringLiteral("  "), QStringLiteral("kpb.admin"), at("2026-07-22T00:00:00Z")),
                 FollowUpError);
    ledger().close(id, QString(), QStringLiteral("kpb.admin"), at("2026-07-22T00:00:00Z"));
    const RectificationItem closed = *ledger().item(id);
    EXPECT_EQ(closed.state, ItemState::Closed);
    ASSERT_TRUE(closed.closedAt);
    EXPECT_EQ(*closed.closedAt, at("2026-07-22T00:00:00Z"));

    hq::ScoreHistory history(*db, kKey);
    const QJsonArray steps = history.entriesOf(QStringLiteral("rectification"), id);
    QStringList actions;
    for (const QJsonValue &step : steps)
        actions << step.toObject().value(QStringLiteral("action")).toString();
    EXPECT_EQ(actions, (QStringList{QStringLiteral("release"), QStringLiteral("plan"), QStringLiteral("deadline"),
                                    QStringLiteral("submit"), QStringLiteral("close")}));
    EXPECT_TRUE(history.verify().value(QStringLiteral("ok")).toBool());
    // The score history page does not mix them in.
    EXPECT_TRUE(history.entries(QStringLiteral("DC"), {}).isEmpty());
    // Tampering with a follow-up row breaks the chain like a score row would.
    db->execute(QStringLiteral("UPDATE score_history SET reason = 'x' WHERE entity = 'rectification' AND action = 'close'"));
    EXPECT_FALSE(history.verify().value(QStringLiteral("ok")).toBool());
}

TEST_F(FollowUpLedgerTest, ImportNamesEveryBadLineAndMergeKeepsTheFindings)
{
    const QByteArray csv = QStringLiteral("单位编码,来源,类型,指标编号,问题,整改建议,时限\n"
                                          "DC,巡视反馈,问题,9.9,问题一,,\n"
                                          "DC,其他,问题,,,,\n"
                                          "DC,其他,问题,,问题三,,2026-02-30\n").toUtf8();
    try {
        ledger().import(csv, QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
        FAIL() << "a bad file was imported";
    } catch (const followup::ItemImportFailed &e) {
        ASSERT_EQ(e.errors().size(), 3u);
        EXPECT_EQ(e.errors()[0].line, 2);
        EXPECT_EQ(e.errors()[1].line, 3);
        EXPECT_EQ(e.errors()[2].line, 4);
    }
    EXPECT_TRUE(ledger().items({}).empty());
    EXPECT_THROW(ledger().import(QByteArray("单位编码,来源\nDC,其他\n"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z")),
                 followup::ItemImportFailed);

    ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
    auto items = ledger().items({});
    ASSERT_EQ(items.size(), 2u);
    const RectificationItem merged = ledger().merge(items[0].id, {items[1].id}, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
    EXPECT_EQ(merged.findingIds, (QStringList{QStringLiteral("f-1"), QStringLiteral("f-2")}));
    EXPECT_EQ(ledger().items({}).size(), 1u);
    // A merged finding is not released again.
    EXPECT_EQ(ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-03T00:00:00Z")), 0);
    // Merging across units is refused.
    ledger().release(QStringLiteral("QS"), QStringLiteral("kpb.admin"), at("2026-07-03T00:00:00Z"));
    followup::ItemFilter qs;
    qs.units = {QStringLiteral("QS")};
    EXPECT_THROW(ledger().merge(merged.id, {ledger().items(qs).front().id}, QStringLiteral("kpb.admin"), at("2026-07-04T00:00:00Z")),
                 FollowUpError);
}

TEST_F(FollowUpLedgerTest, AUnitHoldsAtMostTwoStandingProjects)
{
    followup::InnovationProjects projects(*db, setup, kKey);
    const auto first = projects.propose(QStringLiteral("DC"), QStringLiteral("一"), QStringLiteral("x"), QStringLiteral("dc.liaison"), at("2026-07-01T00:00:00Z"));
    projects.propose(QStringLiteral("DC"), QStringLiteral("二"), QStringLiteral("x"), QStringLiteral("dc.liaison"), at("2026-07-01T00:00:01Z"));
    EXPECT_THROW(projects.propose(QStringLiteral("DC"), QStringLiteral("三"), QStringLiteral("x"), QStringLiteral("dc.liaison"), at("2026-07-01T00:00:02Z")),
                 FollowUpError);
    // A bonus item must be a 加分项 and only for a selected project.
    EXPECT_THROW(projects.review(first.id, InnovationStatus::Selected, {}, QStringLiteral("1.1"), QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z")),
                 FollowUpError);
    projects.review(first.id, InnovationStatus::Rejected, QStringLiteral("重复"), {}, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
    EXPECT_NO_THROW(projects.propose(QStringLiteral("DC"), QStringLiteral("三"), QStringLiteral("x"), QStringLiteral("dc.liaison"), at("2026-07-03T00:00:00Z")));
    EXPECT_EQ(projects.list({QStringLiteral("DC")}).size(), 3u);
    EXPECT_EQ(projects.list({QStringLiteral("DC")}, InnovationStatus::Rejected).size(), 1u);
}

TEST_F(FollowUpLedgerTest, MergeRefusesAnItemTheLiaisonHasWorkedOnAndKeepsItsWork)
{
    ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
    const auto items = ledger().items({});
    ASSERT_EQ(items.size(), 2u);
    const QString worked = items[0].id;
    const QString untouched = items[1].id;
    ledger().savePlan(worked, {QStringLiteral("建台账"), QStringLiteral("李书记"), QDate(2026, 8, 31),
                               {{{}, QStringLiteral("补齐"), QDate(2026, 7, 20), true}}},
                      QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
    ledger().report(worked, QStringLiteral("已整改完毕，申请销号"), {}, true, QStringLiteral("dc.liaison"), at("2026-07-21T00:00:00Z"));
    auto codeOf = [](const std::function<void()> &step) {
        try {
            step();
        } catch (const FollowUpError &e) {
            return e.code();
        }
        return QStringLiteral("ok");
    };
    // Merged away, the liaison's plan, milestone and 报送销号 would become unreachable.
    EXPECT_EQ(codeOf([&] { ledger().merge(untouched, {worked}, QStringLiteral("kpb.admin"), at("2026-07-22T00:00:00Z")); }),
              QStringLiteral("wrong_state"));
    // Nor may new problems join a 报送销号 the unit made for its own: HQ returns it first.
    EXPECT_EQ(codeOf([&] { ledger().merge(worked, {untouched}, QStringLiteral("kpb.admin"), at("2026-07-22T00:00:00Z")); }),
              QStringLiteral("wrong_state"));
    ASSERT_TRUE(ledger().item(worked)) << "the liaison's item was merged away";
    const RectificationItem kept = *ledger().item(worked);
    EXPECT_EQ(kept.state, ItemState::Reported);
    EXPECT_EQ(kept.measures, QStringLiteral("建台账"));
    EXPECT_EQ(kept.milestones.size(), 1u);
    EXPECT_EQ(kept.findingIds, QStringList{QStringLiteral("f-1")});
    EXPECT_EQ(ledger().reports(worked).size(), 1u);
    EXPECT_EQ(ledger().item(untouched)->problem, items[1].problem); // nothing half-merged

    // Returned, the unit's item may take in an untouched one and keeps its own work.
    ledger().returnItem(worked, QStringLiteral("请合并处理"), QStringLiteral("kpb.admin"), at("2026-07-22T00:00:00Z"));
    const RectificationItem merged = ledger().merge(worked, {untouched}, QStringLiteral("kpb.admin"), at("2026-07-23T00:00:00Z"));
    EXPECT_EQ(merged.findingIds, (QStringList{QStringLiteral("f-1"), QStringLiteral("f-2")}));
    EXPECT_EQ(merged.measures, QStringLiteral("建台账"));
    EXPECT_EQ(ledger().reports(worked).size(), 1u);
    EXPECT_FALSE(ledger().item(untouched));

    // An item HQ sent a group to check again (回头看) is not merged away either.
    ledger().release(QStringLiteral("QS"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
    followup::ItemDraft draft{QStringLiteral("QS"), ItemSource::Other, FindingKind::Problem, {}, QStringLiteral("另一问题"), {},
                              QDate(2026, 9, 30)};
    const RectificationItem qsOther = ledger().add(draft, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
    followup::ItemFilter qs;
    qs.units = {QStringLiteral("QS")};
    const QString qsReleased = ledger().items(qs).front().id;
    db->execute(QStringLiteral("INSERT INTO rechecks (id, item_id, unit_code, group_name, problem, suggestion, measures, note, "
                               "assigned_by, assigned_at) VALUES ('r-1', ?, 'QS', '第二检查组', 'x', '', '', '', 'kpb.admin', "
                               "'2026-07-02T00:00:00.000Z')"),
                {qsReleased});
    EXPECT_EQ(codeOf([&] { ledger().merge(qsOther.id, {qsReleased}, QStringLiteral("kpb.admin"), at("2026-07-03T00:00:00Z")); }),
              QStringLiteral("wrong_state"));
    // The other way round works, and HQ's deadline of the merged item is kept when the
    // item it joins has none.
    const RectificationItem intoReleased =
        ledger().merge(qsReleased, {qsOther.id}, QStringLiteral("kpb.admin"), at("2026-07-03T00:00:00Z"));
    EXPECT_EQ(intoReleased.deadline, QDate(2026, 9, 30));
}

TEST_F(FollowUpLedgerTest, ARecheckOnAnItemMergedOrClosedSinceTheConsoleReadItIsRefusedAndLeavesNothing)
{
    // The console reads the item and checks its state, then writes the assignment in a
    // transaction of its own: a merge or 销号 committed in between must refuse it.
    ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
    const auto items = ledger().items({});
    ASSERT_EQ(items.size(), 2u);
    const RectificationItem readByConsole = items[1];
    ASSERT_EQ(policyOf("kpb.admin").check(FollowUpAction::AssignRecheck, readByConsole), FollowUpRefusal::None);
    ledger().merge(items[0].id, {readByConsole.id}, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));

    Recheck recheck;
    recheck.itemId = readByConsole.id;
    recheck.unitCode = QStringLiteral("DC");
    recheck.groupName = QStringLiteral("第一检查组");
    recheck.problem = readByConsole.problem;
    const qint64 feedBefore = db->query(QStringLiteral("SELECT COUNT(*) FROM hq_changes")).front()[0].toLongLong();
    RectificationLedger guardLedger = ledger();
    auto assign = [&](const QString &itemId) {
        recheck.itemId = itemId;
        recheck.id.clear();
        try {
            followup::Rechecks(*db, setup, kKey)
                .assign(recheck, QStringLiteral("kpb.admin"), at("2026-07-03T00:00:00Z"),
                        [&] { guardLedger.lockForStep(itemId, FollowUpAction::AssignRecheck); });
        } catch (const FollowUpError &e) {
            return e.code();
        }
        return QStringLiteral("ok");
    };
    EXPECT_EQ(assign(readByConsole.id), QStringLiteral("not_found"));

    // Closed (销号) since: refused as the step's state check says.
    const QString kept = items[0].id;
    ledger().savePlan(kept, {QStringLiteral("建台账"), QStringLiteral("李书记"), QDate(2026, 8, 31),
                             {{{}, QStringLiteral("补齐"), QDate(2026, 7, 20), true}}},
                      QStringLiteral("dc.liaison"), at("2026-07-04T00:00:00Z"));
    ledger().report(kept, QStringLiteral("已整改"), {}, true, QStringLiteral("dc.liaison"), at("2026-07-05T00:00:00Z"));
    ledger().close(kept, QString(), QStringLiteral("kpb.admin"), at("2026-07-06T00:00:00Z"));
    EXPECT_EQ(assign(kept), QStringLiteral("wrong_state"));

    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM rechecks")).front()[0].toInt(), 0);
    // Only the ledger's own steps entered the feed: nothing of the refused assignments.
    const auto recheckChanges = db->query(QStringLiteral("SELECT COUNT(*) FROM hq_changes WHERE entity = 'recheck'"));
    EXPECT_EQ(recheckChanges.front()[0].toInt(), 0);
    EXPECT_GE(db->query(QStringLiteral("SELECT COUNT(*) FROM hq_changes")).front()[0].toLongLong(), feedBefore);
}

TEST_F(FollowUpLedgerTest, APlanNamingOneMilestoneTwiceIsABadRequest)
{
    ledger().release(QStringLiteral("DC"), QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
    const QString id = ledger().items({}).front().id;
    const RectificationItem planned =
        ledger().savePlan(id, {QStringLiteral("建台账"), QStringLiteral("李书记"), QDate(2026, 8, 31),
                               {{{}, QStringLiteral("补齐"), QDate(2026, 7, 20), false}}},
                          QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
    const QString milestone = planned.milestones.front().id;
    try {
        ledger().savePlan(id, {QStringLiteral("建台账"), QStringLiteral("李书记"), QDate(2026, 8, 31),
                               {{milestone, QStringLiteral("补齐"), QDate(2026, 7, 20), true},
                                {milestone, QStringLiteral("补齐二"), QDate(2026, 7, 25), false}}},
                          QStringLiteral("dc.liaison"), at("2026-07-03T00:00:00Z"));
        FAIL() << "a plan with one milestone twice was saved";
    } catch (const FollowUpError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("bad_request"));
        EXPECT_TRUE(e.message().contains(QStringLiteral("同一个节点"))) << e.message().toStdString();
    } catch (const std::exception &e) {
        FAIL() << "not a refusal the console answers with 400: " << e.what();
    }
    const RectificationItem after = *ledger().item(id);
    ASSERT_EQ(after.milestones.size(), 1u);
    EXPECT_FALSE(after.milestones.front().doneAt);
}

TEST_F(FollowUpLedgerTest, AnItemAddedByHandNamesASecondLevelIndicatorLikeAnImportedOne)
{
    followup::ItemDraft draft{QStringLiteral("DC"), ItemSource::Inspection, FindingKind::Problem, QStringLiteral("1"),
                              QStringLiteral("选人用人问题"), {}, {}};
    QString added;
    try {
        ledger().add(draft, QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
        FAIL() << "an item on a level-1 indicator was added";
    } catch (const FollowUpError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("bad_request"));
        added = e.message();
    }
    try {
        ledger().import(QStringLiteral("单位编码,来源,类型,指标编号,问题,整改建议,时限\nDC,巡视反馈,问题,1,选人用人问题,,\n").toUtf8(),
                        QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z"));
        FAIL() << "an item on a level-1 indicator was imported";
    } catch (const followup::ItemImportFailed &e) {
        ASSERT_EQ(e.errors().size(), 1u);
        EXPECT_EQ(e.errors()[0].message, added); // one rule, one message
    }
    draft.indicatorCode = QStringLiteral("9.9");
    EXPECT_THROW(ledger().add(draft, QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z")), FollowUpError);
    EXPECT_TRUE(ledger().items({}).empty());
    draft.indicatorCode = QStringLiteral("1.3");
    EXPECT_EQ(ledger().add(draft, QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z")).indicatorCode, QStringLiteral("1.3"));
}

} // namespace
} // namespace onsite
