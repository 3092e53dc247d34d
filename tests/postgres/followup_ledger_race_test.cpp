// The rectification ledger when people act at once on PostgreSQL (READ COMMITTED, one
// connection each, as the console's workers have): of two steps on one item exactly one
// wins and the other is refused as docs/FOLLOWUP-API.md says, and items created at once
// all get their own number. SQLite lets one writer in at a time and never showed these
// (its tests: tests/core/followup_ledger_test.cpp).
//
// The steps do not merely run in threads and hope to overlap: a holder transaction keeps
// a row they all need locked until every step is waiting for it, so they start from the
// same state whatever the scheduler does, and the outcome is the same on every run.
#include "postgrestestdb.h"
#include "testsupport.h"

#include "followup/rechecks.h"
#include "followup/rectificationledger.h"
#include "hq/hqschema.h"
#include "hq/scorehistory.h"
#include "import/campaignimporter.h"
#include "store/campaignstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <thread>
#include <vector>

namespace onsite {
namespace {

using followup::FollowUpError;
using followup::RectificationLedger;
using Step = std::function<void(RectificationLedger &)>;
// A step that writes outside the ledger too (a 回头看 assignment) on the step's connection.
using ConnectedStep = std::function<void(RectificationLedger &, SqlConnection &)>;

const QByteArray kKey(32, 'f');

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

class FollowUpRaceTest : public test::PostgresTest
{
protected:
    void SetUp() override
    {
        test::PostgresTest::SetUp();
        if (IsSkipped())
            return;
        hq::migrateHqDatabase(*db);
        CampaignStore(*db).saveSetup(CampaignImporter::importFolder(test::sampleCampaignDir()));
        setup = *CampaignStore(*db).loadSetup();
    }

    RectificationLedger ledgerOn(SqlConnection &connection)
    {
        return RectificationLedger(connection, setup, kKey, dir.path());
    }

    QString addItem(const QString &problem)
    {
        followup::ItemDraft draft;
        draft.unitCode = QStringLiteral("DC");
        draft.problem = problem;
        return ledgerOn(*db).add(draft, QStringLiteral("kpb.admin"), at("2026-07-01T00:00:00Z")).id;
    }

    // An item the liaison has planned and reported for closing (已报送).
    QString reportedItem()
    {
        const QString id = addItem(QStringLiteral("台账未按月统计"));
        RectificationLedger ledger = ledgerOn(*db);
        ledger.savePlan(id,
                        {QStringLiteral("建台账"),
                         QStringLiteral("李书记"),
                         QDate(2026, 8, 31),
                         {{{}, QStringLiteral("补齐"), QDate(2026, 7, 20), true}}},
                        QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
        ledger.report(id, QStringLiteral("已整改完毕，申请销号"), {}, true,
                      QStringLiteral("dc.liaison"), at("2026-07-21T00:00:00Z"));
        return id;
    }

    // Runs the steps on their own connections and threads while `lockSql` holds a row they
    // all need; lets them go once every one waits for a lock. Returns each one's outcome:
    // "ok" or the error code.
    std::vector<QString> race(const QString &lockSql, const QVariantList &lockParams,
                              const std::vector<Step> &steps)
    {
        std::vector<ConnectedStep> connected;
        for (const Step &step : steps)
            connected.push_back([step](RectificationLedger &l, SqlConnection &) { step(l); });
        return race(lockSql, lockParams, connected);
    }

    std::vector<QString> race(const QString &lockSql, const QVariantList &lockParams,
                              const std::vector<ConnectedStep> &steps)
    {
        auto holder = database->connect();
        holder->begin();
        holder->execute(lockSql, lockParams);
        std::vector<std::unique_ptr<PostgresConnection>> connections;
        for (std::size_t i = 0; i < steps.size(); ++i)
            connections.push_back(database->connect());
        std::vector<QString> outcomes(steps.size());
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            threads.emplace_back([&, i] {
                RectificationLedger ledger = ledgerOn(*connections[i]);
                try {
                    steps[i](ledger, *connections[i]);
                    outcomes[i] = QStringLiteral("ok");
                } catch (const FollowUpError &e) {
                    outcomes[i] = e.code();
                } catch (const std::exception &e) {
                    outcomes[i] = QStringLiteral("error: ") + QString::fromUtf8(e.what());
                }
            });
        }
        const bool allWaiting = waitForLockWaiters(int(steps.size()));
        holder->commit();
        for (std::thread &thread : threads)
            thread.join();
        EXPECT_TRUE(allWaiting) << "the steps did not all wait for the held row";
        return outcomes;
    }

    // Another connection (each query its own transaction, so the statistics are fresh).
    bool waitForLockWaiters(int count)
    {
        auto watcher = database->connect();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            const auto rows = watcher->query(
                QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND wait_event_type = 'Lock'"));
            if (rows.front()[0].toInt() >= count)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }

    QStringList actionsOf(const QString &id)
    {
        QStringList actions;
        for (const QJsonValue &step :
             hq::ScoreHistory(*db, kKey).entriesOf(QStringLiteral("rectification"), id))
            actions << step.toObject().value(QStringLiteral("action")).toString();
        return actions;
    }

    QTemporaryDir dir;
    CampaignSetup setup;
};

const QString kHoldItem =
    QStringLiteral("UPDATE hq_followup_items SET updated_at = updated_at WHERE id = ?");

TEST_F(FollowUpRaceTest, CloseAndReturnAtOnceOnlyOneWins)
{
    const QString id = reportedItem();
    const std::vector<QString> outcomes =
        race(kHoldItem, {id},
             {[&](RectificationLedger &l) {
                  l.close(id, QString(), QStringLiteral("kpb.admin"), at("2026-07-22T00:00:00Z"));
              },
              [&](RectificationLedger &l) {
                  l.returnItem(id, QStringLiteral("佐证不足"), QStringLiteral("kpb.wang"),
                               at("2026-07-22T00:00:00Z"));
              }});
    const bool closeWon = outcomes[0] == QLatin1String("ok");
    EXPECT_EQ(outcomes[closeWon ? 1 : 0], QStringLiteral("wrong_state"))
        << outcomes[0].toStdString() << " / " << outcomes[1].toStdString();
    EXPECT_TRUE(closeWon || outcomes[1] == QLatin1String("ok"));
    // The item is in the winner's state, and after add, plan, deadline and submit its
    // history shows that step only.
    const RectificationItem item = *ledgerOn(*db).item(id);
    EXPECT_EQ(item.state, closeWon ? ItemState::Closed : ItemState::Returned);
    EXPECT_EQ(actionsOf(id).mid(4),
              (QStringList{closeWon ? QStringLiteral("close") : QStringLiteral("return")}));
}

TEST_F(FollowUpRaceTest, APlanSavedWhileHqMovesTheDeadlineNeverUndoesTheMove)
{
    // Both may succeed, but one after the other: a plan saved after HQ's move reads the new
    // deadline (and is refused, 409 deadline_fixed, for naming the old one); it must never
    // write back the deadline it read before.
    const QString id = addItem(QStringLiteral("开放时间未公示"));
    ledgerOn(*db).extendDeadline(id, QDate(2026, 8, 31), QStringLiteral("定时限"),
                                 QStringLiteral("kpb.admin"), at("2026-07-01T01:00:00Z"));
    const std::vector<QString> outcomes = race(
        kHoldItem, {id},
        {[&](RectificationLedger &l) {
             l.extendDeadline(id, QDate(2026, 9, 30), QStringLiteral("延期"),
                              QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
         },
         [&](RectificationLedger &l) {
             l.savePlan(id,
                        {QStringLiteral("公示"), QStringLiteral("王主任"), QDate(2026, 8, 31), {}},
                        QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
         }});
    EXPECT_EQ(outcomes[0], QStringLiteral("ok"));
    const RectificationItem item = *ledgerOn(*db).item(id);
    EXPECT_EQ(item.deadline, QDate(2026, 9, 30)); // HQ's move is never undone by the plan
    if (outcomes[1] == QLatin1String("ok"))
        EXPECT_EQ(item.measures, QStringLiteral("公示"));
    else
        EXPECT_EQ(outcomes[1], QStringLiteral("deadline_fixed"));
}

TEST_F(FollowUpRaceTest, AMergeAndThePlanOfTheMergedItemAtOnceOnlyOneWins)
{
    const QString into = addItem(QStringLiteral("问题一"));
    const QString other = addItem(QStringLiteral("问题二"));
    const std::vector<QString> outcomes = race(
        kHoldItem, {other},
        {[&](RectificationLedger &l) {
             l.merge(into, {other}, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
         },
         [&](RectificationLedger &l) {
             l.savePlan(other,
                        {QStringLiteral("整改"), QStringLiteral("王主任"), QDate(2026, 8, 31), {}},
                        QStringLiteral("dc.liaison"), at("2026-07-02T00:00:00Z"));
         }});
    const bool mergeWon = outcomes[0] == QLatin1String("ok");
    if (mergeWon) {
        // The plan finds the item gone (404), not a plan saved on an item nobody sees.
        EXPECT_EQ(outcomes[1], QStringLiteral("not_found"));
        EXPECT_FALSE(ledgerOn(*db).item(other));
    } else {
        // The plan came first: the liaison has worked on it, so it is not merged away.
        EXPECT_EQ(outcomes[0], QStringLiteral("wrong_state"));
        EXPECT_EQ(outcomes[1], QStringLiteral("ok"));
        EXPECT_EQ(ledgerOn(*db).item(other)->measures, QStringLiteral("整改"));
    }
}

TEST_F(FollowUpRaceTest, AMergeAndARecheckOfTheMergedItemAtOnceOnlyOneWins)
{
    // The console reads the item, checks its state, then writes the assignment: without
    // the assignment re-reading the item in its own transaction, a merge committed in
    // between left a 回头看 on an item nobody sees any more.
    const QString into = addItem(QStringLiteral("问题一"));
    const QString other = addItem(QStringLiteral("问题二"));
    const std::vector<QString> outcomes = race(
        kHoldItem, {other},
        std::vector<ConnectedStep>{
            [&](RectificationLedger &l, SqlConnection &) {
                l.merge(into, {other}, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
            },
            [&](RectificationLedger &l, SqlConnection &connection) {
                Recheck recheck;
                recheck.itemId = other;
                recheck.unitCode = QStringLiteral("DC");
                recheck.groupName = QStringLiteral("第一检查组");
                recheck.problem = QStringLiteral("问题二");
                followup::Rechecks(connection, setup, kKey)
                    .assign(recheck, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"),
                            [&] { l.lockForStep(other, FollowUpAction::AssignRecheck); });
            }});
    const int rechecks = db->query(QStringLiteral("SELECT COUNT(*) FROM rechecks WHERE item_id = ?"), {other})
                             .front()[0]
                             .toInt();
    if (outcomes[0] == QLatin1String("ok")) {
        EXPECT_EQ(outcomes[1], QStringLiteral("not_found"));
        EXPECT_EQ(rechecks, 0);
        EXPECT_FALSE(ledgerOn(*db).item(other));
    } else {
        EXPECT_EQ(outcomes[0], QStringLiteral("wrong_state")) << outcomes[0].toStdString();
        EXPECT_EQ(outcomes[1], QStringLiteral("ok"));
        EXPECT_EQ(rechecks, 1);
        EXPECT_TRUE(ledgerOn(*db).item(other));
    }
}

TEST_F(FollowUpRaceTest, ItemsCreatedAtOnceEachGetTheirOwnNumber)
{
    addItem(QStringLiteral("已有事项"));
    // Every step writes the keyed history, whose head row serialises writers: holding it
    // lets all eight creators get as far as they can before any commits.
    constexpr int kCreators = 8;
    std::vector<Step> steps;
    for (int i = 0; i < kCreators; ++i) {
        steps.push_back([&, i](RectificationLedger &l) {
            followup::ItemDraft draft;
            draft.unitCode = QStringLiteral("DC");
            draft.source = ItemSource::Inspection;
            draft.problem = QStringLiteral("巡视反馈问题 %1").arg(i);
            l.add(draft, QStringLiteral("kpb.admin"), at("2026-07-02T00:00:00Z"));
        });
    }
    const std::vector<QString> outcomes =
        race(QStringLiteral("UPDATE score_history_head SET seq = seq WHERE id = 1"), {}, steps);
    for (const QString &outcome : outcomes)
        EXPECT_EQ(outcome, QStringLiteral("ok"));
    std::set<int> numbers;
    for (const RectificationItem &item : ledgerOn(*db).items({}))
        numbers.insert(item.number);
    EXPECT_EQ(numbers.size(), std::size_t(kCreators + 1));
    EXPECT_EQ(*numbers.rbegin(), kCreators + 1); // 1 … 9, no gaps
}

} // namespace
} // namespace onsite
