// 回头看 against a real onsite-hq: HQ assigns an on-site re-check to a group, the group's
// tablet (the real onsite-field) pulls it, the inspector records a result offline with a
// photo, and after the next sync Rechecks::forItem shows it; other groups, 回避 and bad
// input are refused with reason codes.
#include "consolerecords.h"
#include "e2efixture.h"
#include "fielddevice.h"

#include "followup/followuperror.h"
#include "followup/rechecks.h"
#include "hq/scorehistory.h"
#include "store/campaignstore.h"
#include "store/postgresconnection.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace onsite::test {
namespace {

const QString kGroup3 = QStringLiteral("第三检查组"); // XC, YL, HW

class RecheckSync : public HqEndToEnd
{
protected:
    std::unique_ptr<SqlConnection> connectDatabase()
    {
        const QStringList arguments = hq->dataArguments();
        const qsizetype db = arguments.indexOf(QStringLiteral("--db"));
        if (db >= 0)
            return std::make_unique<PostgresConnection>(arguments.at(db + 1));
        return std::make_unique<SqliteConnection>(QDir(hq->dataFolder()).filePath(QStringLiteral("hq.sqlite")));
    }

    // What the console does when HQ asks a group to check an item on site.
    Recheck assign(const QString &item, const QString &unit, const QString &group)
    {
        auto db = connectDatabase();
        const auto setup = CampaignStore(*db).loadSetup();
        Recheck request;
        request.itemId = item;
        request.unitCode = unit;
        request.groupName = group;
        request.problem = QStringLiteral("档案室消防器材过期");
        request.suggestion = QStringLiteral("更换并建立检查台账");
        request.measures = QStringLiteral("已全部更换，每月检查");
        request.note = QStringLiteral("请核对台账");
        return followup::Rechecks(*db, *setup, hq::historyKey(hq->dataFolder()))
            .assign(request, QStringLiteral("kpb.admin"), QDateTime::currentDateTimeUtc());
    }

    std::vector<followup::RecheckWithResults> forItem(const QString &item)
    {
        auto db = connectDatabase();
        const auto setup = CampaignStore(*db).loadSetup();
        return followup::Rechecks(*db, *setup, hq::historyKey(hq->dataFolder())).forItem(item);
    }

    void signInDevice(FieldDevice &device, const QString &account)
    {
        const FieldRun login = device.run({QStringLiteral("login"), QStringLiteral("--server"), hq->baseUrl(),
                                           QStringLiteral("--user"), account, QStringLiteral("--password"),
                                           HqProcess::passwordOf(account)});
        ASSERT_EQ(login.exitCode, 0) << login.output.toStdString();
    }

    static QJsonArray listOf(FieldDevice &device)
    {
        const FieldRun list = device.run({QStringLiteral("recheck"), QStringLiteral("list"), QStringLiteral("--json")});
        EXPECT_EQ(list.exitCode, 0) << list.output.toStdString();
        return QJsonDocument::fromJson(list.output.toUtf8()).array();
    }
};

QJsonObject resultMutation(qint64 seq, const QString &id, const QString &recheck, const QString &unit,
                           const QString &account, const QString &outcome, const QString &notes)
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), QStringLiteral("recheck_result")},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(QDateTime::currentMSecsSinceEpoch(), 13, 10, QLatin1Char('0'))},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("recheck"), recheck},
                                                 {QStringLiteral("unit"), unit},
                                                 {QStringLiteral("outcome"), outcome},
                                                 {QStringLiteral("notes"), notes},
                                                 {QStringLiteral("account"), account},
                                                 {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")},
                                                 {QStringLiteral("photos"), QJsonArray{}}}}};
}

QStringList reasonsOf(const ApiReply &push)
{
    QStringList reasons;
    for (const QJsonValue &r : push.json.value(QStringLiteral("results")).toArray())
        reasons << r.toObject().value(QStringLiteral("reason")).toString();
    return reasons;
}

QStringList entitiesOf(const std::vector<PulledChange> &changes, const QString &entity)
{
    QStringList ids;
    for (const PulledChange &c : changes) {
        if (c.entity == entity)
            ids << c.id;
    }
    return ids;
}

TEST_P(RecheckSync, HqAssignsTheGroupRechecksOfflineAndHqSeesTheResult)
{
    const Recheck recheck = assign(QStringLiteral("item-yl-7"), QStringLiteral("YL"), kGroup3);
    ASSERT_FALSE(recheck.id.isEmpty());

    // g3.hu (from XC) re-checks YL; the leader g3.xu follows.
    FieldDevice inspector(QStringLiteral("hu")), leader(QStringLiteral("xu"));
    signInDevice(inspector, QStringLiteral("g3.hu"));
    signInDevice(leader, QStringLiteral("g3.xu"));
    ASSERT_EQ(inspector.run({QStringLiteral("sync")}).exitCode, 0);
    const QJsonArray pulled = listOf(inspector);
    ASSERT_EQ(pulled.size(), 1);
    EXPECT_EQ(pulled[0].toObject().value(QStringLiteral("id")).toString(), recheck.id);
    EXPECT_EQ(pulled[0].toObject().value(QStringLiteral("problem")).toString(), QStringLiteral("档案室消防器材过期"));
    EXPECT_EQ(pulled[0].toObject().value(QStringLiteral("measures")).toString(), QStringLiteral("已全部更换，每月检查"));
    EXPECT_EQ(pulled[0].toObject().value(QStringLiteral("note")).toString(), QStringLiteral("请核对台账"));

    // On site, offline: HQ is away.
    hq->terminate();
    const QString photo = QDir(inspector.folder()).filePath(QStringLiteral("../yl-fire.jpg"));
    {
        QFile file(photo);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(jpegImage(320, 240, 7));
    }
    const FieldRun bad = inspector.run({QStringLiteral("recheck"), QStringLiteral("record"), recheck.id,
                                  QStringLiteral("--outcome"), QStringLiteral("maybe")});
    EXPECT_EQ(bad.exitCode, 2) << bad.output.toStdString();
    const FieldRun noNotes = inspector.run({QStringLiteral("recheck"), QStringLiteral("record"), recheck.id,
                                      QStringLiteral("--outcome"), QStringLiteral("not_done")});
    EXPECT_EQ(noNotes.exitCode, 1);
    EXPECT_TRUE(noNotes.output.contains(QStringLiteral("写明情况"))) << noNotes.output.toStdString();
    const FieldRun record = inspector.run({QStringLiteral("recheck"), QStringLiteral("record"), recheck.id,
                                     QStringLiteral("--outcome"), QStringLiteral("未到位"), QStringLiteral("--notes"),
                                     QStringLiteral("二楼灭火器仍过期"), QStringLiteral("--photo"), photo});
    ASSERT_EQ(record.exitCode, 0) << record.output.toStdString();
    EXPECT_TRUE(record.output.contains(QStringLiteral("1 张照片"))) << record.output.toStdString();
    const QJsonObject offline = listOf(inspector)[0].toObject().value(QStringLiteral("results")).toArray()[0].toObject();
    EXPECT_EQ(offline.value(QStringLiteral("sync_state")).toString(), QStringLiteral("pending"));

    hq->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(hq->port())});
    const FieldRun sync = inspector.run({QStringLiteral("sync")});
    ASSERT_EQ(sync.exitCode, 0) << sync.output.toStdString();
    EXPECT_EQ(listOf(inspector)[0].toObject().value(QStringLiteral("results")).toArray()[0].toObject()
                  .value(QStringLiteral("sync_state")).toString(),
              QStringLiteral("applied"));

    const auto atHq = forItem(QStringLiteral("item-yl-7"));
    ASSERT_EQ(atHq.size(), 1u);
    EXPECT_EQ(atHq[0].recheck.groupName, kGroup3);
    EXPECT_EQ(atHq[0].recheck.assignedBy, QStringLiteral("kpb.admin"));
    ASSERT_EQ(atHq[0].results.size(), 1u);
    const RecheckResult &result = atHq[0].results[0];
    EXPECT_EQ(result.outcome, RecheckOutcome::NotDone);
    EXPECT_EQ(result.notes, QStringLiteral("二楼灭火器仍过期"));
    EXPECT_EQ(result.account, QStringLiteral("g3.hu"));
    ASSERT_EQ(result.photoIds.size(), 1);
    EXPECT_TRUE(forItem(QStringLiteral("item-other")).empty());

    auto db = connectDatabase();
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM photos WHERE id = ?"), {result.photoIds[0]})
                  .front()[0].toInt(), 1) << "the photo record reached HQ too";
    QStringList steps;
    for (const SqlRow &row : db->query(QStringLiteral("SELECT action, new_value, account FROM score_history WHERE "
                                                      "entity = 'rectification' AND entity_id = ? ORDER BY seq"),
                                       {QStringLiteral("item-yl-7")}))
        steps << row[0].toString() + QLatin1Char(':') + row[1].toString() + QLatin1Char(':') + row[2].toString();
    EXPECT_EQ(steps, (QStringList{QStringLiteral("recheck:第三检查组:kpb.admin"),
                                  QStringLiteral("recheck_result:not_done:g3.hu")}));
    QString verify;
    EXPECT_EQ(hq->admin({QStringLiteral("verify-history")}, &verify), 0) << verify.toStdString();

    // The group's leader sees the teammate's result after syncing.
    ASSERT_EQ(leader.run({QStringLiteral("sync")}).exitCode, 0);
    const QJsonArray leaderView = listOf(leader);
    ASSERT_EQ(leaderView.size(), 1);
    const QJsonArray leaderResults = leaderView[0].toObject().value(QStringLiteral("results")).toArray();
    ASSERT_EQ(leaderResults.size(), 1);
    EXPECT_EQ(leaderResults[0].toObject().value(QStringLiteral("account")).toString(), QStringLiteral("g3.hu"));
    EXPECT_EQ(leaderResults[0].toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("not_done"));
}

TEST_P(RecheckSync, OtherGroupsHomeUnitsAndBadResultsAreRefused)
{
    const Recheck yl = assign(QStringLiteral("item-yl"), QStringLiteral("YL"), kGroup3);
    const Recheck xc = assign(QStringLiteral("item-xc"), QStringLiteral("XC"), kGroup3);

    // Another group's inspector neither receives it nor may answer it.
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    EXPECT_TRUE(entitiesOf(pullAll(*zhang), QStringLiteral("recheck")).isEmpty());
    const ApiReply foreign = zhang->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-zhang"), {resultMutation(1, QStringLiteral("res-z"), yl.id, QStringLiteral("YL"),
                                                               QStringLiteral("g1.zhang"), QStringLiteral("done"), {})}));
    ASSERT_EQ(foreign.status, 200) << foreign.body.toStdString();
    EXPECT_EQ(reasonsOf(foreign), QStringList{QStringLiteral("out_of_scope")});

    // 回避: g3.hu comes from XC — gets YL's task, not XC's, and may not answer XC's.
    auto hu = signIn(QStringLiteral("g3.hu"), QStringLiteral("dev-hu"));
    EXPECT_EQ(entitiesOf(pullAll(*hu), QStringLiteral("recheck")), QStringList{yl.id});
    const ApiReply own = hu->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-hu"), {resultMutation(1, QStringLiteral("res-h"), xc.id, QStringLiteral("XC"),
                                                           QStringLiteral("g3.hu"), QStringLiteral("done"), {})}));
    EXPECT_EQ(reasonsOf(own), QStringList{QStringLiteral("conflict_of_interest")});

    // A liaison pulls no re-checks of their unit (nothing at all).
    auto liaison = signIn(QStringLiteral("xc.liaison"), QStringLiteral("dev-xc"));
    EXPECT_TRUE(entitiesOf(pullAll(*liaison), QStringLiteral("recheck")).isEmpty());

    // Bad results from the right group (its leader).
    auto leader = signIn(QStringLiteral("g3.xu"), QStringLiteral("dev-xu"));
    EXPECT_EQ(entitiesOf(pullAll(*leader), QStringLiteral("recheck")).size(), 2);
    QJsonObject forgedAssignment = resultMutation(7, QStringLiteral("r-forged"), {}, {}, {}, {}, {});
    forgedAssignment.insert(QStringLiteral("entity"), QStringLiteral("recheck"));
    forgedAssignment.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("item"), QStringLiteral("i")},
                                                                {QStringLiteral("unit"), QStringLiteral("YL")},
                                                                {QStringLiteral("group"), kGroup3},
                                                                {QStringLiteral("problem"), QStringLiteral("p")},
                                                                {QStringLiteral("assigned_by"), QStringLiteral("g3.xu")},
                                                                {QStringLiteral("assigned_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}});
    const ApiReply bad = leader->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-xu"),
                 {resultMutation(1, QStringLiteral("res-1"), yl.id, QStringLiteral("HW"), QStringLiteral("g3.xu"),
                                 QStringLiteral("done"), {}),
                  resultMutation(2, QStringLiteral("res-2"), QStringLiteral("no-such-recheck"), QStringLiteral("YL"),
                                 QStringLiteral("g3.xu"), QStringLiteral("done"), {}),
                  resultMutation(3, QStringLiteral("res-3"), yl.id, QStringLiteral("YL"), QStringLiteral("g3.xu"),
                                 QStringLiteral("maybe"), {}),
                  resultMutation(4, QStringLiteral("res-4"), yl.id, QStringLiteral("YL"), QStringLiteral("g3.xu"),
                                 QStringLiteral("not_done"), QStringLiteral("  ")),
                  resultMutation(5, QStringLiteral("res-5"), yl.id, QStringLiteral("YL"), QStringLiteral("g3.hu"),
                                 QStringLiteral("done"), {}),
                  resultMutation(6, QStringLiteral("res-6"), yl.id, QStringLiteral("YL"), QStringLiteral("g3.xu"),
                                 QStringLiteral("done"), QString(4001, QLatin1Char('x'))),
                  forgedAssignment,
                  resultMutation(8, QStringLiteral("res-8"), yl.id, QStringLiteral("YL"), QStringLiteral("g3.xu"),
                                 QStringLiteral("done"), QStringLiteral("已更换"))}));
    ASSERT_EQ(bad.status, 200) << bad.body.toStdString();
    EXPECT_EQ(reasonsOf(bad), (QStringList{QStringLiteral("not_assigned"), QStringLiteral("unknown_recheck"),
                                           QStringLiteral("bad_record"), QStringLiteral("reason_required"),
                                           QStringLiteral("not_owner"), QStringLiteral("invalid_input"),
                                           QStringLiteral("forbidden_role"), QString()}));

    // Only the last one reached HQ's table; HQ's assignment checks its group too.
    auto db = connectDatabase();
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM recheck_results")).front()[0].toInt(), 1);
    EXPECT_EQ(db->query(QStringLiteral("SELECT COUNT(*) FROM rechecks")).front()[0].toInt(), 2);
    const auto yls = forItem(QStringLiteral("item-yl"));
    ASSERT_EQ(yls.size(), 1u);
    ASSERT_EQ(yls[0].results.size(), 1u);
    EXPECT_EQ(yls[0].results[0].id, QStringLiteral("res-8"));
    EXPECT_EQ(yls[0].results[0].outcome, RecheckOutcome::Done);
    try {
        assign(QStringLiteral("item-yl"), QStringLiteral("YL"), QStringLiteral("第一检查组"));
        ADD_FAILURE() << "a group that does not cover the unit was accepted";
    } catch (const followup::FollowUpError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("bad_request"));
    }
    EXPECT_THROW(assign(QStringLiteral("item-yl"), QStringLiteral("YL"), QStringLiteral("第九检查组")),
                 followup::FollowUpError);
    EXPECT_EQ(forItem(QStringLiteral("item-yl")).size(), 1u);
}

ONSITE_E2E_BACKENDS(RecheckSync);

} // namespace
} // namespace onsite::test
