// 提交: a group leader submits and locks a unit; after that a score changes only by
// a leader or HQ with a reason, and reopening needs a reason too (DOMAIN.md §Integrity).
#include "e2efixture.h"

#include <QJsonDocument>
#include <QMap>

namespace onsite::test {
namespace {

using UnitSubmission = HqEndToEnd;

const QStringList kItems{QStringLiteral("1.1"), QStringLiteral("1.2"), QStringLiteral("1.3"), QStringLiteral("1.4"),
                         QStringLiteral("2.1"), QStringLiteral("2.2"), QStringLiteral("2.3"), QStringLiteral("2.4"),
                         QStringLiteral("2.5"), QStringLiteral("3.1"), QStringLiteral("3.2"), QStringLiteral("3.3"),
                         QStringLiteral("4.1"), QStringLiteral("4.2"), QStringLiteral("4.3"), QStringLiteral("5.1"),
                         QStringLiteral("5.2"), QStringLiteral("5.3"), QStringLiteral("6.1"), QStringLiteral("6.2"),
                         QStringLiteral("7.1")};

QJsonObject submissionMutation(qint64 seq, const QString &id, const QString &unit, const QString &account, bool locked,
                               qint64 clockMs, const QString &note = {})
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), QStringLiteral("submission")},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(clockMs, 13, 10, QLatin1Char('0'))},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("unit"), unit},
                                                 {QStringLiteral("locked"), locked},
                                                 {QStringLiteral("account"), account},
                                                 {QStringLiteral("changed_at"), QStringLiteral("2026-06-21T08:00:00.000Z")},
                                                 {QStringLiteral("note"), note}}}};
}

// Final values for every item of DC from g1.li, numbered from seq 1.
QJsonArray finalValuesForDc()
{
    QJsonArray mutations;
    for (int i = 0; i < kItems.size(); ++i) {
        const QString input = kItems[i] == QLatin1String("7.1") ? QStringLiteral("否") : QStringLiteral("1");
        mutations.append(scoreMutation(i + 1, QStringLiteral("final-%1").arg(kItems[i]), QStringLiteral("DC"), kItems[i],
                                       QStringLiteral("g1.li"), input, 1000 + i, QStringLiteral("final"),
                                       QStringLiteral("组长现场核实")));
    }
    return mutations;
}

QJsonArray resultsOf(const ApiReply &reply) { return reply.json.value(QStringLiteral("results")).toArray(); }

QString reasonOf(const ApiReply &reply, int index)
{
    return resultsOf(reply)[index].toObject().value(QStringLiteral("reason")).toString();
}

QString statusOf(const ApiReply &reply, int index)
{
    return resultsOf(reply)[index].toObject().value(QStringLiteral("status")).toString();
}

TEST_P(UnitSubmission, IsRefusedWhileItemsAreUnscoredAndNamesThem)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const ApiReply push = li->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-li"),
                 {scoreMutation(1, QStringLiteral("s-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), 1000),
                  submissionMutation(2, QStringLiteral("sub-1"), QStringLiteral("DC"), QStringLiteral("g1.li"), true,
                                     1001)}));
    ASSERT_EQ(push.status, 200);
    EXPECT_EQ(statusOf(push, 1), QStringLiteral("rejected"));
    EXPECT_EQ(reasonOf(push, 1), QStringLiteral("incomplete"));
    const QString message = resultsOf(push)[1].toObject().value(QStringLiteral("message")).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("20 项"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("1.1"))) << message.toStdString();
}

TEST_P(UnitSubmission, LocksScoresForInspectorsAndAsksLeadersForAReason)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    QJsonArray mutations = finalValuesForDc();
    mutations.append(submissionMutation(mutations.size() + 1, QStringLiteral("sub-1"), QStringLiteral("DC"),
                                        QStringLiteral("g1.li"), true, 2000));
    const ApiReply submit = li->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-li"), mutations));
    ASSERT_EQ(submit.status, 200);
    for (int i = 0; i < mutations.size(); ++i)
        ASSERT_EQ(statusOf(submit, i), QStringLiteral("applied")) << "mutation " << i << ": " << reasonOf(submit, i).toStdString();

    // Everyone of the group sees the unit as locked.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    const auto changes = pullAll(*zhang);
    const auto submitted = std::find_if(changes.begin(), changes.end(),
                                        [](const PulledChange &c) { return c.entity == QLatin1String("submission"); });
    ASSERT_NE(submitted, changes.end());
    EXPECT_TRUE(submitted->data.value(QStringLiteral("locked")).toBool());
    EXPECT_EQ(submitted->data.value(QStringLiteral("unit")).toString(), QStringLiteral("DC"));

    const ApiReply late = zhang->post(QStringLiteral("/api/v1/sync/push"),
                                      pushBody(QStringLiteral("dev-zhang"),
                                               {scoreMutation(1, QStringLiteral("z-1"), QStringLiteral("DC"),
                                                              QStringLiteral("1.4"), QStringLiteral("g1.zhang"),
                                                              QStringLiteral("好"), 3000)}));
    ASSERT_EQ(late.status, 200);
    EXPECT_EQ(reasonOf(late, 0), QStringLiteral("unit_locked"));

    const qint64 next = mutations.size() + 1;
    const ApiReply leaderEdits = li->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-li"),
                 {scoreMutation(next, QStringLiteral("li-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), 3001),
                  scoreMutation(next + 1, QStringLiteral("li-2"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), 3002, QStringLiteral("rater"),
                                QStringLiteral("复核台账后补评")),
                  QJsonObject{{QStringLiteral("seq"), next + 2},
                              {QStringLiteral("entity"), QStringLiteral("score")},
                              {QStringLiteral("id"), QStringLiteral("final-1.1")},
                              {QStringLiteral("op"), QStringLiteral("delete")},
                              {QStringLiteral("hlc"), QStringLiteral("0000000003003-00000")},
                              {QStringLiteral("data"), QJsonObject{}}}}));
    ASSERT_EQ(leaderEdits.status, 200);
    EXPECT_EQ(reasonOf(leaderEdits, 0), QStringLiteral("reason_required"));
    EXPECT_EQ(statusOf(leaderEdits, 1), QStringLiteral("applied"));
    EXPECT_EQ(reasonOf(leaderEdits, 2), QStringLiteral("unit_locked"));

    // HQ's results say which units are submitted.
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("results"), QStringLiteral("--format"), QStringLiteral("json")}, &out), 0)
        << out.toStdString();
    QMap<QString, bool> submittedAtHq;
    for (const QJsonValue &unit : QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("units")).toArray())
        submittedAtHq.insert(unit.toObject().value(QStringLiteral("unit")).toString(),
                         unit.toObject().value(QStringLiteral("submitted")).toBool());
    EXPECT_TRUE(submittedAtHq.value(QStringLiteral("DC")));
    EXPECT_FALSE(submittedAtHq.value(QStringLiteral("BH"), true));
}

TEST_P(UnitSubmission, OnlyTheGroupLeaderSubmitsAndReopeningNeedsAReason)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    QJsonArray mutations = finalValuesForDc();
    const qint64 n = mutations.size();
    mutations.append(submissionMutation(n + 1, QStringLiteral("sub-1"), QStringLiteral("DC"), QStringLiteral("g1.li"),
                                        true, 2000));
    mutations.append(submissionMutation(n + 2, QStringLiteral("sub-1"), QStringLiteral("DC"), QStringLiteral("g1.li"),
                                        false, 2001, QStringLiteral("  ")));
    mutations.append(submissionMutation(n + 3, QStringLiteral("sub-1"), QStringLiteral("DC"), QStringLiteral("g1.li"),
                                        false, 2002, QStringLiteral("补充实地查看 DC-02")));
    const ApiReply push = li->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-li"), mutations));
    ASSERT_EQ(push.status, 200);
    EXPECT_EQ(statusOf(push, n), QStringLiteral("applied"));
    EXPECT_EQ(reasonOf(push, n + 1), QStringLiteral("reason_required"));
    EXPECT_EQ(statusOf(push, n + 2), QStringLiteral("applied"));

    // Reopened: an inspector's score goes through again.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    const ApiReply inspector = zhang->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-zhang"),
                 {scoreMutation(1, QStringLiteral("z-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.zhang"), QStringLiteral("好"), 3000),
                  submissionMutation(2, QStringLiteral("sub-z"), QStringLiteral("DC"), QStringLiteral("g1.zhang"), true,
                                     3001)}));
    ASSERT_EQ(inspector.status, 200);
    EXPECT_EQ(statusOf(inspector, 0), QStringLiteral("applied"));
    EXPECT_EQ(reasonOf(inspector, 1), QStringLiteral("not_leader"));

    // Group 2's leader cannot submit a unit of group 1.
    auto yang = signIn(QStringLiteral("g2.yang"), QStringLiteral("dev-yang"));
    const ApiReply outside = yang->post(QStringLiteral("/api/v1/sync/push"),
                                        pushBody(QStringLiteral("dev-yang"),
                                                 {submissionMutation(1, QStringLiteral("sub-y"), QStringLiteral("DC"),
                                                                     QStringLiteral("g2.yang"), true, 4000)}));
    ASSERT_EQ(outside.status, 200);
    EXPECT_EQ(reasonOf(outside, 0), QStringLiteral("out_of_scope"));

    // A malformed submission is refused by shape, not applied half-way.
    QJsonObject bad = submissionMutation(n + 4, QStringLiteral("sub-1"), QStringLiteral("DC"), QStringLiteral("g1.li"),
                                         true, 5000);
    QJsonObject data = bad.value(QStringLiteral("data")).toObject();
    data[QStringLiteral("locked")] = QStringLiteral("yes");
    bad[QStringLiteral("data")] = data;
    const ApiReply malformed = li->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-li"), {bad}));
    ASSERT_EQ(malformed.status, 200);
    EXPECT_EQ(reasonOf(malformed, 0), QStringLiteral("bad_record"));
}

ONSITE_E2E_BACKENDS(UnitSubmission);

} // namespace
} // namespace onsite::test
