// A group leader's own actions in the console (docs/API.md §Leader actions): a final
// value with its reason and submitting / reopening a unit, under the same ScorePolicy as
// on a tablet, carried to the group's tablets by the change feed.
#include "consolefixture.h"
#include "testsupport.h"

#include <QJsonArray>

namespace onsite::test {
namespace {

using LeaderActions = ConsoleEndToEnd;

QJsonObject itemOf(const QJsonObject &unitPage, const QString &indicator)
{
    for (const QJsonValue &value : unitPage.value(QStringLiteral("items")).toArray())
        if (value.toObject().value(QStringLiteral("indicator")).toString() == indicator)
            return value.toObject();
    return {};
}

TEST_P(LeaderActions, ALeaderSetsAFinalValueAndSubmitsTheGroupsUnitOnly)
{
    ConsoleClient leader = console(QStringLiteral("g1.li"));
    const QString dcFinal = QStringLiteral("/api/v1/hq/units/DC/final");
    RawReply reply = leader.send("POST", dcFinal, {{QStringLiteral("indicator"), QStringLiteral("1.2")},
                                                  {QStringLiteral("input"), QStringLiteral("4.5")}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(reply.error(), QStringLiteral("reason_required"));
    reply = leader.send("POST", dcFinal, {{QStringLiteral("indicator"), QStringLiteral("1.2")},
                                         {QStringLiteral("input"), QStringLiteral("4.5")},
                                         {QStringLiteral("reason"), QStringLiteral("核实统计报表后核定")}});
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    const QString finalId = reply.json.value(QStringLiteral("id")).toString();
    const QJsonObject item = itemOf(leader.get(QStringLiteral("/api/v1/hq/units/DC")).json, QStringLiteral("1.2"));
    EXPECT_EQ(item.value(QStringLiteral("final")).toObject().value(QStringLiteral("input")).toString(), QStringLiteral("4.5"));
    EXPECT_EQ(item.value(QStringLiteral("final")).toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g1.li"));
    // A correction updates the same final value.
    reply = leader.send("POST", dcFinal, {{QStringLiteral("indicator"), QStringLiteral("1.2")},
                                         {QStringLiteral("input"), QStringLiteral("4.0")},
                                         {QStringLiteral("reason"), QStringLiteral("复核后更正")}});
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.json.value(QStringLiteral("id")).toString(), finalId);
    // Bad input, another group's unit, an inspector, a CSRF-less write.
    EXPECT_EQ(leader.send("POST", dcFinal, {{QStringLiteral("indicator"), QStringLiteral("1.2")},
                                           {QStringLiteral("input"), QStringLiteral("很多")},
                                           {QStringLiteral("reason"), QStringLiteral("x")}}).status, 400);
    EXPECT_EQ(leader.send("POST", QStringLiteral("/api/v1/hq/units/QS/final"),
                          {{QStringLiteral("indicator"), QStringLiteral("1.2")}, {QStringLiteral("input"), QStringLiteral("15")},
                           {QStringLiteral("reason"), QStringLiteral("x")}}).status, 403);
    EXPECT_EQ(console(QStringLiteral("g1.zhang")).send("POST", dcFinal, {{QStringLiteral("indicator"), QStringLiteral("1.2")},
                                                                         {QStringLiteral("input"), QStringLiteral("15")},
                                                                         {QStringLiteral("reason"), QStringLiteral("x")}}).status, 403);
    EXPECT_EQ(leader.send("POST", dcFinal, {{QStringLiteral("indicator"), QStringLiteral("1.2")}}, false).status, 403);

    // Submit, then reopen only with a reason.
    const QString submission = QStringLiteral("/api/v1/hq/units/DC/submission");
    const RawReply early = leader.send("POST", submission, {{QStringLiteral("locked"), true}});
    EXPECT_EQ(early.status, 409) << early.body.toStdString(); // items still unscored
    EXPECT_EQ(early.error(), QStringLiteral("incomplete"));
    importPaperScores();
    const RawReply submitted1 = leader.send("POST", submission, {{QStringLiteral("locked"), true}});
    ASSERT_EQ(submitted1.status, 200) << submitted1.body.toStdString();
    bool submitted = false;
    for (const QJsonValue &unit : leader.get(QStringLiteral("/api/v1/hq/progress")).json.value(QStringLiteral("units")).toArray())
        if (unit.toObject().value(QStringLiteral("unit")).toString() == QLatin1String("DC"))
            submitted = unit.toObject().value(QStringLiteral("submitted")).toBool();
    EXPECT_TRUE(submitted);
    EXPECT_EQ(leader.send("POST", submission, {{QStringLiteral("locked"), false}}).error(), QStringLiteral("reason_required"));
    ASSERT_EQ(leader.send("POST", submission, {{QStringLiteral("locked"), false}, {QStringLiteral("note"), QStringLiteral("补录一项")}}).status, 200);
    EXPECT_EQ(leader.send("POST", submission, {{QStringLiteral("locked"), QStringLiteral("yes")}}).status, 400);

    // The group's tablets receive both through the feed.
    auto tablet = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    bool finalSeen = false, submissionSeen = false;
    for (const PulledChange &change : pullAll(*tablet, 0, 500, nullptr)) {
        finalSeen = finalSeen || (change.entity == QLatin1String("score") && change.id == finalId &&
                                  change.data.value(QStringLiteral("input")).toString() == QLatin1String("4.0"));
        submissionSeen = submissionSeen || (change.entity == QLatin1String("submission") &&
                                            change.data.value(QStringLiteral("unit")).toString() == QLatin1String("DC"));
    }
    EXPECT_TRUE(finalSeen);
    EXPECT_TRUE(submissionSeen);
}

ONSITE_E2E_BACKENDS(LeaderActions);

} // namespace
} // namespace onsite::test
