// Scope, 回避, idempotent push and conflicts against a real onsite-hq.
#include "e2efixture.h"

#include <QJsonDocument>
#include <QSet>

namespace onsite::test {
namespace {

using SyncScope = HqEndToEnd;

QJsonObject firstResult(const ApiReply &reply)
{
    return reply.json.value(QStringLiteral("results")).toArray().first().toObject();
}

TEST_P(SyncScope, InspectorOfGroupTwoCanNeitherPushNorPullGroupOneData)
{
    auto leader = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    auto other = signIn(QStringLiteral("g2.huang"), QStringLiteral("dev-huang"));
    ASSERT_EQ(leader->post(QStringLiteral("/api/v1/sync/push"),
                           pushBody(QStringLiteral("dev-li"),
                                    {scoreMutation(1, QStringLiteral("s-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                                   QStringLiteral("g1.li"), QStringLiteral("好"), 1000)}))
                  .status,
              200);

    // g2.huang's group assesses QS, PC, LL, XQ: DC is out of scope both ways.
    const ApiReply push = other->post(QStringLiteral("/api/v1/sync/push"),
                                      pushBody(QStringLiteral("dev-huang"),
                                               {scoreMutation(1, QStringLiteral("s-2"), QStringLiteral("DC"),
                                                              QStringLiteral("1.4"), QStringLiteral("g2.huang"),
                                                              QStringLiteral("差"), 2000)}));
    ASSERT_EQ(push.status, 200);
    EXPECT_EQ(firstResult(push).value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(firstResult(push).value(QStringLiteral("reason")).toString(), QStringLiteral("out_of_scope"));
    EXPECT_TRUE(pullAll(*other).empty());

    const ApiReply bootstrap = other->get(QStringLiteral("/api/v1/bootstrap"));
    ASSERT_EQ(bootstrap.status, 200);
    const QJsonArray scope = bootstrap.json.value(QStringLiteral("scope_units")).toArray();
    EXPECT_EQ(scope.toVariantList(), (QVariantList{QStringLiteral("QS"), QStringLiteral("PC"), QStringLiteral("LL"),
                                                   QStringLiteral("XQ")}));
    for (const QJsonValue &site : bootstrap.json.value(QStringLiteral("sites")).toArray())
        EXPECT_TRUE(scope.contains(site.toObject().value(QStringLiteral("unit")))) << "a site outside the scope was sent";

    // The group-1 leader still sees exactly the one applied score.
    const auto changes = pullAll(*leader);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes.front().data.value(QStringLiteral("unit")).toString(), QStringLiteral("DC"));
}

TEST_P(SyncScope, ServerRejectsScoringOwnHomeUnit)
{
    // g3.hu comes from XC and group 3 assesses XC: 回避 at the server too.
    auto hu = signIn(QStringLiteral("g3.hu"), QStringLiteral("dev-hu"));
    const ApiReply push = hu->post(QStringLiteral("/api/v1/sync/push"),
                                   pushBody(QStringLiteral("dev-hu"),
                                            {scoreMutation(1, QStringLiteral("s-hu"), QStringLiteral("XC"),
                                                           QStringLiteral("1.4"), QStringLiteral("g3.hu"),
                                                           QStringLiteral("好"), 1000),
                                             scoreMutation(2, QStringLiteral("s-hu2"), QStringLiteral("YL"),
                                                           QStringLiteral("1.4"), QStringLiteral("g3.hu"),
                                                           QStringLiteral("好"), 1001)}));
    ASSERT_EQ(push.status, 200);
    const QJsonArray results = push.json.value(QStringLiteral("results")).toArray();
    EXPECT_EQ(results[0].toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("conflict_of_interest"));
    // A rejected mutation does not block the queue behind it.
    EXPECT_EQ(results[1].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    EXPECT_EQ(push.json.value(QStringLiteral("last_processed_seq")).toInteger(), 2);
}

TEST_P(SyncScope, AnInspectorPullsNothingOfTheirHomeUnit)
{
    // The leader g3.xu scores XC; g3.hu, from XC, is in the same group but must not see it.
    auto leader = signIn(QStringLiteral("g3.xu"), QStringLiteral("dev-xu"));
    const ApiReply push = leader->post(QStringLiteral("/api/v1/sync/push"),
                                    pushBody(QStringLiteral("dev-xu"),
                                             {scoreMutation(1, QStringLiteral("s-sun"), QStringLiteral("XC"),
                                                            QStringLiteral("1.4"), QStringLiteral("g3.xu"),
                                                            QStringLiteral("好"), 1000),
                                              scoreMutation(2, QStringLiteral("s-sun2"), QStringLiteral("YL"),
                                                            QStringLiteral("1.4"), QStringLiteral("g3.xu"),
                                                            QStringLiteral("好"), 1001)}));
    ASSERT_EQ(push.status, 200) << push.body.toStdString();
    auto hu = signIn(QStringLiteral("g3.hu"), QStringLiteral("dev-hu"));
    const auto seen = pullAll(*hu);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen.front().data.value(QStringLiteral("unit")).toString(), QStringLiteral("YL"));
    EXPECT_EQ(pullAll(*leader).size(), 2u) << "the leader, not from XC, sees both";
}

TEST_P(SyncScope, ScoresAreOwnedByTheirRaterAndInputsAreChecked)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const ApiReply push = li->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-li"),
                 {scoreMutation(1, QStringLiteral("a"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.zhang"), QStringLiteral("好"), 1000),
                  scoreMutation(2, QStringLiteral("b"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("极好"), 1001),
                  scoreMutation(3, QStringLiteral("c"), QStringLiteral("DC"), QStringLiteral("2.5"),
                                QStringLiteral("g1.li"), QStringLiteral("5.4"), 1002, QStringLiteral("final"))}));
    ASSERT_EQ(push.status, 200);
    const QJsonArray results = push.json.value(QStringLiteral("results")).toArray();
    EXPECT_EQ(results[0].toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("not_owner"));
    EXPECT_EQ(results[1].toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("invalid_input"));
    EXPECT_EQ(results[2].toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("reason_required"));
    EXPECT_FALSE(results[1].toObject().value(QStringLiteral("message")).toString().isEmpty());
}

// A liaison's unit's problems reach them in the console once HQ releases them, without
// the inspector's name (DOMAIN.md §Who sees whom); through sync they get nothing: not the
// unreleased findings, not who recorded them.
TEST_P(SyncScope, LiaisonPullsNoFieldRecordsAndWritesNone)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const QJsonObject finding{
        {QStringLiteral("seq"), 2},
        {QStringLiteral("entity"), QStringLiteral("finding")},
        {QStringLiteral("id"), QStringLiteral("f-1")},
        {QStringLiteral("op"), QStringLiteral("upsert")},
        {QStringLiteral("hlc"), QStringLiteral("0000000002000-00000")},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("unit"), QStringLiteral("DC")},
                                             {QStringLiteral("site"), QStringLiteral("DC-01")},
                                             {QStringLiteral("indicator"), QStringLiteral("2.2")},
                                             {QStringLiteral("kind"), QStringLiteral("问题")},
                                             {QStringLiteral("description"), QStringLiteral("会议记录不完整")},
                                             {QStringLiteral("suggestion"), QStringLiteral("按月补齐记录")},
                                             {QStringLiteral("account"), QStringLiteral("g1.li")},
                                             {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T09:00:00.000Z")}}}};
    QJsonObject bhFinding = finding;
    bhFinding[QStringLiteral("seq")] = 3;
    bhFinding[QStringLiteral("id")] = QStringLiteral("f-2");
    QJsonObject bhData = finding.value(QStringLiteral("data")).toObject();
    bhData[QStringLiteral("unit")] = QStringLiteral("BH");
    bhData[QStringLiteral("site")] = QStringLiteral("BH-01");
    bhFinding[QStringLiteral("data")] = bhData;
    const ApiReply push = li->post(QStringLiteral("/api/v1/sync/push"),
                                   pushBody(QStringLiteral("dev-li"),
                                            {scoreMutation(1, QStringLiteral("s"), QStringLiteral("DC"),
                                                           QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                                           QStringLiteral("好"), 1000),
                                             finding, bhFinding}));
    ASSERT_EQ(push.status, 200) << push.body.toStdString();
    for (const QJsonValue &r : push.json.value(QStringLiteral("results")).toArray())
        ASSERT_EQ(r.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"));

    auto liaison = signIn(QStringLiteral("dc.liaison"), QStringLiteral("dev-dc"));
    qint64 cursor = 0;
    EXPECT_TRUE(pullAll(*liaison, 0, 500, &cursor).empty());
    EXPECT_GT(cursor, 0) << "the cursor still moves on, so the next pull asks for nothing again";
    // A liaison responds with rectification; it does not write field records.
    const ApiReply write = liaison->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-dc"), {finding}));
    EXPECT_EQ(firstResult(write).value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
}

TEST_P(SyncScope, ReplayedPushCreatesNothingTwice)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const QJsonObject body = pushBody(
        QStringLiteral("dev-li"),
        {scoreMutation(1, QStringLiteral("r-1"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.li"),
                       QStringLiteral("好"), 1000),
         scoreMutation(2, QStringLiteral("r-2"), QStringLiteral("QS"), QStringLiteral("1.4"), QStringLiteral("g1.li"),
                       QStringLiteral("好"), 1001)});
    const ApiReply first = li->post(QStringLiteral("/api/v1/sync/push"), body);
    // The same request again, as after a response lost on the way back.
    const ApiReply second = li->post(QStringLiteral("/api/v1/sync/push"), body);
    ASSERT_EQ(first.status, 200);
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(first.json.value(QStringLiteral("results")), second.json.value(QStringLiteral("results")));
    EXPECT_EQ(pullAll(*li).size(), 1u);

    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("results"), QStringLiteral("--format"), QStringLiteral("json")}, &out), 0);
    const QJsonObject results = QJsonDocument::fromJson(out.toUtf8()).object();
    for (const QJsonValue &unit : results.value(QStringLiteral("units")).toArray()) {
        if (unit.toObject().value(QStringLiteral("unit")).toString() != QStringLiteral("DC"))
            continue;
        for (const QJsonValue &item : unit.toObject().value(QStringLiteral("items")).toArray()) {
            if (item.toObject().value(QStringLiteral("indicator")).toString() == QStringLiteral("1.4")) {
                EXPECT_EQ(item.toObject().value(QStringLiteral("raters")).toInt(), 1);
            }
        }
    }
}

TEST_P(SyncScope, ConcurrentEditsResolveByClockAndTheLoserIsKept)
{
    // One rater on two tablets edits the same score offline.
    auto tabletA = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-a"));
    auto tabletB = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-b"));
    const auto later = tabletA->post(QStringLiteral("/api/v1/sync/push"),
                                     pushBody(QStringLiteral("dev-a"),
                                              {scoreMutation(1, QStringLiteral("x-a"), QStringLiteral("DC"),
                                                             QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                                             QStringLiteral("较好"), 5000)}));
    const auto earlier = tabletB->post(QStringLiteral("/api/v1/sync/push"),
                                       pushBody(QStringLiteral("dev-b"),
                                                {scoreMutation(1, QStringLiteral("x-b"), QStringLiteral("DC"),
                                                               QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                                               QStringLiteral("差"), 4000)}));
    EXPECT_EQ(firstResult(later).value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    const QJsonObject lost = firstResult(earlier);
    EXPECT_EQ(lost.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
    EXPECT_EQ(lost.value(QStringLiteral("current")).toObject().value(QStringLiteral("input")).toString(),
              QStringLiteral("较好"));

    // Both devices converge on the winner, under one record id.
    const auto changes = pullAll(*tabletB);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes.front().data.value(QStringLiteral("input")).toString(), QStringLiteral("较好"));
    EXPECT_EQ(changes.front().id, QStringLiteral("x-a"));

    // HQ can see the losing edit.
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("conflicts")}, &out), 0);
    EXPECT_TRUE(out.contains(QStringLiteral("dev-b")) && out.contains(QStringLiteral("差"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("共 1 条"))) << out.toStdString();
}

TEST_P(SyncScope, DeleteTravelsAsTombstone)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    li->post(QStringLiteral("/api/v1/sync/push"),
             pushBody(QStringLiteral("dev-li"), {scoreMutation(1, QStringLiteral("d-1"), QStringLiteral("DC"),
                                                               QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                                               QStringLiteral("好"), 1000)}));
    QJsonObject deletion{{QStringLiteral("seq"), 2},          {QStringLiteral("entity"), QStringLiteral("score")},
                         {QStringLiteral("id"), QStringLiteral("d-1")}, {QStringLiteral("op"), QStringLiteral("delete")},
                         {QStringLiteral("hlc"), QStringLiteral("0000000002000-00000")}};
    const ApiReply reply = li->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-li"), {deletion}));
    EXPECT_EQ(firstResult(reply).value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    const auto changes = pullAll(*li);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes.back().op, QStringLiteral("delete"));
    EXPECT_EQ(changes.back().id, QStringLiteral("d-1"));
}

ONSITE_E2E_BACKENDS(SyncScope);

} // namespace
} // namespace onsite::test
