// The follow-up loop through the console API (docs/FOLLOWUP-API.md) against a real
// onsite-hq: a finding synced from a tablet → HQ releases → the liaison plans, reports
// with a photo → HQ returns with a reason → the liaison reports again → HQ closes; every
// step in the keyed history; who sees what; the CSV import and the project limit.
#include "consolefixture.h"
#include "consolerecords.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace onsite::test {
namespace {

using FollowUpLoop = ConsoleEndToEnd;

const QString kItems = QStringLiteral("/api/v1/hq/followup/items");

// PUT one chunk of an evidence file as the browser does.
RawReply putChunk(quint16 port, const ConsoleClient &browser, const QString &sha, qint64 offset, qint64 total,
                  const QByteArray &bytes)
{
    return rawHttp(port, "PUT",
                   QStringLiteral("/api/v1/hq/followup/uploads/%1?offset=%2&total=%3").arg(sha).arg(offset).arg(total).toLatin1(),
                   {{"cookie", browser.cookie()},
                    {"x-csrf-token", browser.csrfToken().toLatin1()},
                    {"content-type", "application/octet-stream"}},
                   bytes);
}

QStringList actions(const QJsonObject &item)
{
    QStringList out;
    for (const QJsonValue &entry : item.value(QStringLiteral("history")).toArray())
        out << entry.toObject().value(QStringLiteral("action")).toString();
    return out;
}

QJsonObject itemWithProblem(const QJsonArray &items, const QString &problem)
{
    for (const QJsonValue &value : items)
        if (value.toObject().value(QStringLiteral("problem")).toString() == problem)
            return value.toObject();
    return {};
}

class FollowUpLoopTest : public FollowUpLoop
{
protected:
    // Two DC findings and one QS finding, synced from the group's tablets.
    void pushFindings()
    {
        pushAs(QStringLiteral("g1.zhang"),
               {recordMutation(1, QStringLiteral("finding"), QStringLiteral("f-dc-1"),
                               findingData(QStringLiteral("DC"), QStringLiteral("DC-01"), QStringLiteral("g1.zhang"),
                                           QStringLiteral("党员参学率台账未按月统计"))),
                recordMutation(2, QStringLiteral("finding"), QStringLiteral("f-dc-2"),
                               findingData(QStringLiteral("DC"), QStringLiteral("DC-01"), QStringLiteral("g1.zhang"),
                                           QStringLiteral("活动室开放时间未公示")))});
        pushAs(QStringLiteral("g2.yang"),
               {recordMutation(1, QStringLiteral("finding"), QStringLiteral("f-qs-1"),
                               findingData(QStringLiteral("QS"), QStringLiteral("QS-01"), QStringLiteral("g2.yang"),
                                           QStringLiteral("台账缺少签字")))});
    }
};

TEST_P(FollowUpLoopTest, AFindingIsRectifiedReturnedAndClosedWithEveryStepInTheHistory)
{
    pushFindings();
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    ConsoleClient liaison = console(QStringLiteral("dc.liaison"));

    // Nothing reaches the unit before HQ releases it.
    RawReply list = liaison.get(kItems);
    ASSERT_EQ(list.status, 200) << list.body.toStdString();
    EXPECT_TRUE(list.json.value(QStringLiteral("items")).toArray().isEmpty());
    const RawReply released =
        admin.send("POST", QStringLiteral("/api/v1/hq/followup/releases"), {{QStringLiteral("unit"), QStringLiteral("DC")}});
    ASSERT_EQ(released.status, 201) << released.body.toStdString();
    EXPECT_EQ(released.json.value(QStringLiteral("created")).toInt(), 2);
    // Releasing again adds nothing twice.
    EXPECT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/followup/releases"), {{QStringLiteral("unit"), QStringLiteral("DC")}})
                  .json.value(QStringLiteral("created")).toInt(), 0);

    list = liaison.get(kItems + QStringLiteral("?unit=QS")); // a liaison gets their own unit whatever they ask
    const QJsonArray items = list.json.value(QStringLiteral("items")).toArray();
    ASSERT_EQ(items.size(), 2);
    const QJsonObject item = itemWithProblem(items, QStringLiteral("党员参学率台账未按月统计"));
    ASSERT_FALSE(item.isEmpty());
    EXPECT_EQ(item.value(QStringLiteral("state")).toString(), QStringLiteral("unclaimed"));
    EXPECT_EQ(item.value(QStringLiteral("unit")).toString(), QStringLiteral("DC"));
    const QString id = item.value(QStringLiteral("id")).toString();
    const QString path = kItems + QStringLiteral("/") + id;

    // The liaison never learns who found it.
    const RawReply detail = liaison.get(path);
    ASSERT_EQ(detail.status, 200);
    const QJsonObject finding = detail.json.value(QStringLiteral("findings")).toArray().first().toObject();
    EXPECT_FALSE(finding.contains(QStringLiteral("account")));
    EXPECT_FALSE(detail.body.contains("g1.zhang"));
    EXPECT_FALSE(detail.body.contains("张海燕"));
    EXPECT_TRUE(admin.get(path).body.contains("g1.zhang"));

    // Plan: measures, responsible person, deadline, one milestone.
    const QJsonObject plan{{QStringLiteral("measures"), QStringLiteral("建立按月统计台账，支部书记签字")},
                           {QStringLiteral("responsible_person"), QStringLiteral("李书记")},
                           {QStringLiteral("deadline"), QStringLiteral("2099-09-30")},
                           {QStringLiteral("milestones"),
                            QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("补齐上半年台账")},
                                                   {QStringLiteral("due"), QStringLiteral("2099-08-31")},
                                                   {QStringLiteral("done"), false}}}}};
    RawReply step = liaison.send("PUT", path + QStringLiteral("/plan"), plan);
    ASSERT_EQ(step.status, 200) << step.body.toStdString();
    EXPECT_EQ(step.json.value(QStringLiteral("state")).toString(), QStringLiteral("in_progress"));
    EXPECT_FALSE(step.json.value(QStringLiteral("overdue")).toBool());
    // The deadline, once set, moves only by HQ.
    QJsonObject moved = plan;
    moved.insert(QStringLiteral("deadline"), QStringLiteral("2099-12-31"));
    step = liaison.send("PUT", path + QStringLiteral("/plan"), moved);
    EXPECT_EQ(step.status, 409);
    EXPECT_EQ(step.error(), QStringLiteral("deadline_fixed"));

    // 报送销号 without evidence is refused; with a photo uploaded in two chunks it goes.
    step = liaison.send("POST", path + QStringLiteral("/reports"),
                        {{QStringLiteral("text"), QStringLiteral("已整改")}, {QStringLiteral("for_closing"), true}});
    EXPECT_EQ(step.status, 409);
    EXPECT_EQ(step.error(), QStringLiteral("plan_incomplete"));
    const QByteArray photo = jpegImage(640, 480, 7);
    const QString sha = sha256Hex(photo);
    const qint64 half = photo.size() / 2;
    ASSERT_EQ(putChunk(hq->port(), liaison, sha, 0, photo.size(), photo.left(half)).status, 200);
    const RawReply wrongOffset = putChunk(hq->port(), liaison, sha, 0, photo.size(), photo.left(half));
    EXPECT_EQ(wrongOffset.status, 409);
    EXPECT_EQ(wrongOffset.json.value(QStringLiteral("received")).toInteger(), half);
    const RawReply done = putChunk(hq->port(), liaison, sha, half, photo.size(), photo.mid(half));
    ASSERT_EQ(done.status, 200) << done.body.toStdString();
    EXPECT_TRUE(done.json.value(QStringLiteral("complete")).toBool());
    step = liaison.send("POST", path + QStringLiteral("/reports"),
                        {{QStringLiteral("text"), QStringLiteral("台账已补齐，见照片")},
                         {QStringLiteral("attachments"), QJsonArray{sha}},
                         {QStringLiteral("for_closing"), true}});
    ASSERT_EQ(step.status, 201) << step.body.toStdString();
    EXPECT_EQ(step.json.value(QStringLiteral("state")).toString(), QStringLiteral("reported"));

    // Evidence is seen by the unit and HQ, by no other group's leader.
    EXPECT_EQ(liaison.get(QStringLiteral("/api/v1/hq/followup/files/") + sha).status, 200);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/followup/files/") + sha).status, 200);
    EXPECT_EQ(console(QStringLiteral("g2.yang")).get(QStringLiteral("/api/v1/hq/followup/files/") + sha).status, 404);

    // HQ returns it: a reason is required.
    step = admin.send("POST", path + QStringLiteral("/return"), {});
    EXPECT_EQ(step.status, 400);
    EXPECT_EQ(step.error(), QStringLiteral("reason_required"));
    step = admin.send("POST", path + QStringLiteral("/return"), {{QStringLiteral("reason"), QStringLiteral("缺少支部书记签字页")}});
    ASSERT_EQ(step.status, 200) << step.body.toStdString();
    EXPECT_EQ(step.json.value(QStringLiteral("state")).toString(), QStringLiteral("returned"));
    EXPECT_EQ(liaison.get(path).json.value(QStringLiteral("return_reason")).toString(), QStringLiteral("缺少支部书记签字页"));
    // A liaison cannot close; HQ cannot close what is not reported.
    EXPECT_EQ(liaison.send("POST", path + QStringLiteral("/close"), {}).status, 403);
    EXPECT_EQ(admin.send("POST", path + QStringLiteral("/close"), {}).error(), QStringLiteral("wrong_state"));

    step = liaison.send("POST", path + QStringLiteral("/reports"),
                        {{QStringLiteral("text"), QStringLiteral("已补签字页")}, {QStringLiteral("for_closing"), true}});
    ASSERT_EQ(step.status, 201) << step.body.toStdString();
    step = admin.send("POST", path + QStringLiteral("/close"), {{QStringLiteral("note"), QStringLiteral("核查属实，同意销号")}});
    ASSERT_EQ(step.status, 200) << step.body.toStdString();
    EXPECT_EQ(step.json.value(QStringLiteral("state")).toString(), QStringLiteral("closed"));
    EXPECT_EQ(liaison.send("POST", path + QStringLiteral("/reports"), {{QStringLiteral("text"), QStringLiteral("再报")}}).error(),
              QStringLiteral("wrong_state"));

    const QJsonObject finalView = liaison.get(path).json;
    EXPECT_EQ(actions(finalView), (QStringList{QStringLiteral("release"), QStringLiteral("plan"), QStringLiteral("deadline"),
                                               QStringLiteral("submit"), QStringLiteral("return"), QStringLiteral("submit"),
                                               QStringLiteral("close")}));
    EXPECT_EQ(finalView.value(QStringLiteral("reports")).toArray().size(), 2);
    // HQ staff appear to the liaison as 考评办.
    EXPECT_TRUE(finalView.value(QStringLiteral("history")).toArray().last().toObject().value(QStringLiteral("name")).toString() ==
                QStringLiteral("考评办"));
    // The keyed history still verifies with the follow-up's rows in it.
    const RawReply integrity = admin.get(QStringLiteral("/api/v1/hq/integrity"));
    EXPECT_TRUE(integrity.json.value(QStringLiteral("history")).toObject().value(QStringLiteral("ok")).toBool())
        << integrity.body.toStdString();
    QString out;
    EXPECT_EQ(hq->admin({QStringLiteral("verify-history")}, &out), 0) << out.toStdString();
}

TEST_P(FollowUpLoopTest, ScopeOverdueAndTheBoard)
{
    pushFindings();
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    for (const QString unit : {QStringLiteral("DC"), QStringLiteral("QS")})
        ASSERT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/followup/releases"), {{QStringLiteral("unit"), unit}}).status, 201);
    const QJsonArray all = admin.get(kItems).json.value(QStringLiteral("items")).toArray();
    ASSERT_EQ(all.size(), 3);
    const QJsonObject qsItem = itemWithProblem(all, QStringLiteral("台账缺少签字"));
    const QString qsPath = kItems + QStringLiteral("/") + qsItem.value(QStringLiteral("id")).toString();

    ConsoleClient liaison = console(QStringLiteral("dc.liaison"));
    EXPECT_EQ(liaison.get(qsPath).status, 404); // another unit's item does not exist for them
    EXPECT_EQ(liaison.send("PUT", qsPath + QStringLiteral("/plan"), {{QStringLiteral("measures"), QStringLiteral("x")}}).status, 404);
    EXPECT_EQ(liaison.get(QStringLiteral("/api/v1/hq/followup/board")).status, 403);
    EXPECT_EQ(console(QStringLiteral("g1.zhang")).get(kItems).status, 403);
    ConsoleClient leader = console(QStringLiteral("g1.li"));
    EXPECT_EQ(leader.get(kItems).json.value(QStringLiteral("items")).toArray().size(), 2); // group 1: DC only
    EXPECT_EQ(leader.get(qsPath).status, 404);
    EXPECT_EQ(leader.send("POST", qsPath + QStringLiteral("/close"), {}).status, 404);

    // A deadline in the past: overdue, counted on the board; HQ extends it with a reason.
    const QJsonObject dcItem = itemWithProblem(all, QStringLiteral("活动室开放时间未公示"));
    const QString dcPath = kItems + QStringLiteral("/") + dcItem.value(QStringLiteral("id")).toString();
    RawReply step = liaison.send("PUT", dcPath + QStringLiteral("/plan"),
                                 {{QStringLiteral("measures"), QStringLiteral("门口公示")},
                                  {QStringLiteral("responsible_person"), QStringLiteral("王主任")},
                                  {QStringLiteral("deadline"), QStringLiteral("2020-01-10")}});
    ASSERT_EQ(step.status, 200) << step.body.toStdString();
    EXPECT_TRUE(step.json.value(QStringLiteral("overdue")).toBool());
    EXPECT_GT(step.json.value(QStringLiteral("overdue_days")).toInt(), 365);
    const QJsonObject board = admin.get(QStringLiteral("/api/v1/hq/followup/board")).json;
    EXPECT_EQ(board.value(QStringLiteral("totals")).toObject().value(QStringLiteral("overdue")).toInt(), 1);
    EXPECT_EQ(board.value(QStringLiteral("totals")).toObject().value(QStringLiteral("unclaimed")).toInt(), 2);
    EXPECT_EQ(admin.get(kItems + QStringLiteral("?overdue=1")).json.value(QStringLiteral("items")).toArray().size(), 1);
    EXPECT_EQ(admin.send("POST", dcPath + QStringLiteral("/deadline"), {{QStringLiteral("deadline"), QStringLiteral("2099-01-01")}})
                  .error(), QStringLiteral("reason_required"));
    step = admin.send("POST", dcPath + QStringLiteral("/deadline"),
                      {{QStringLiteral("deadline"), QStringLiteral("2099-01-01")}, {QStringLiteral("reason"), QStringLiteral("施工季节顺延")}});
    ASSERT_EQ(step.status, 200) << step.body.toStdString();
    EXPECT_FALSE(step.json.value(QStringLiteral("overdue")).toBool());
    // An on-site re-check: one history row for the assignment, a group that covers DC only.
    EXPECT_EQ(admin.send("POST", dcPath + QStringLiteral("/rechecks"), {{QStringLiteral("group"), QStringLiteral("第二检查组")}}).status, 400);
    ASSERT_EQ(admin.send("POST", dcPath + QStringLiteral("/rechecks"),
                         {{QStringLiteral("group"), QStringLiteral("第一检查组")}, {QStringLiteral("note"), QStringLiteral("看公示牌")}})
                  .status, 201);
    const QJsonObject withRecheck = admin.get(dcPath).json;
    EXPECT_EQ(actions(withRecheck).count(QStringLiteral("recheck")), 1);
    EXPECT_EQ(withRecheck.value(QStringLiteral("rechecks")).toArray().size(), 1);
    EXPECT_EQ(liaison.send("POST", dcPath + QStringLiteral("/deadline"),
                           {{QStringLiteral("deadline"), QStringLiteral("2099-02-01")}, {QStringLiteral("reason"), QStringLiteral("x")}})
                  .status, 403);
}

TEST_P(FollowUpLoopTest, ItemsImportAllOrNothingAndMerge)
{
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const QByteArray bad = QStringLiteral("\uFEFF单位编码,来源,类型,指标编号,问题,整改建议,时限\r\n"
                                          "DC,巡视反馈,问题,1.3,干部档案专项审核不到位,逐卷复核,2026-10-31\r\n"
                                          "ZZ,大通报,问题,,x,y,\r\n"
                                          "QS,检查发现,问题,,x,y,明天\r\n").toUtf8();
    RawReply reply = rawHttp(hq->port(), "POST", "/api/v1/hq/followup/items/import",
                             {{"cookie", admin.cookie()}, {"x-csrf-token", admin.csrfToken().toLatin1()}, {"content-type", "text/csv"}},
                             bad);
    ASSERT_EQ(reply.status, 400) << reply.body.toStdString();
    EXPECT_EQ(reply.error(), QStringLiteral("import_failed"));
    EXPECT_EQ(reply.json.value(QStringLiteral("errors")).toArray().size(), 2); // both bad lines named
    EXPECT_TRUE(admin.get(kItems).json.value(QStringLiteral("items")).toArray().isEmpty()); // nothing imported

    const QByteArray good = QStringLiteral("单位编码,来源,类型,指标编号,问题,整改建议,时限\n"
                                           "DC,巡视反馈,问题,1.3,干部档案专项审核不到位,逐卷复核,2026-10-31\n"
                                           "DC,大通报,短板,,村级后备力量不足,,\n").toUtf8();
    reply = rawHttp(hq->port(), "POST", "/api/v1/hq/followup/items/import",
                    {{"cookie", admin.cookie()}, {"x-csrf-token", admin.csrfToken().toLatin1()}, {"content-type", "text/csv"}}, good);
    ASSERT_EQ(reply.status, 201) << reply.body.toStdString();
    EXPECT_EQ(reply.json.value(QStringLiteral("created")).toInt(), 2);
    const QJsonArray items = admin.get(kItems).json.value(QStringLiteral("items")).toArray();
    ASSERT_EQ(items.size(), 2);
    EXPECT_EQ(items[0].toObject().value(QStringLiteral("source_name")).toString(), QStringLiteral("巡视反馈"));
    EXPECT_EQ(items[0].toObject().value(QStringLiteral("deadline")).toString(), QStringLiteral("2026-10-31"));

    const QString into = items[0].toObject().value(QStringLiteral("id")).toString();
    const QString other = items[1].toObject().value(QStringLiteral("id")).toString();
    reply = admin.send("POST", kItems + QStringLiteral("/") + into + QStringLiteral("/merge"), {{QStringLiteral("items"), QJsonArray{other}}});
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    EXPECT_TRUE(reply.json.value(QStringLiteral("problem")).toString().contains(QStringLiteral("村级后备力量不足")));
    EXPECT_EQ(admin.get(kItems).json.value(QStringLiteral("items")).toArray().size(), 1);
    EXPECT_EQ(admin.get(kItems + QStringLiteral("/") + other).status, 404);
    // A hand-made item needs a problem and a known source.
    EXPECT_EQ(admin.send("POST", kItems, {{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("source"), QStringLiteral("other")}})
                  .status, 400);
    EXPECT_EQ(admin.send("POST", kItems, {{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("source"), QStringLiteral("finding")},
                                          {QStringLiteral("problem"), QStringLiteral("x")}})
                  .status, 400);
    EXPECT_EQ(console(QStringLiteral("dc.liaison")).send("POST", kItems, {{QStringLiteral("unit"), QStringLiteral("DC")},
                                                                           {QStringLiteral("source"), QStringLiteral("other")},
                                                                           {QStringLiteral("problem"), QStringLiteral("x")}})
                  .status, 403);
}

TEST_P(FollowUpLoopTest, ProjectsExperiencesAndResultsForTheLiaison)
{
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    ConsoleClient liaison = console(QStringLiteral("dc.liaison"));
    const QString projects = QStringLiteral("/api/v1/hq/innovations");
    QString first;
    for (int i = 1; i <= 2; ++i) {
        const RawReply reply = liaison.send("POST", projects, {{QStringLiteral("title"), QStringLiteral("项目%1").arg(i)},
                                                              {QStringLiteral("description"), QStringLiteral("内容")}});
        ASSERT_EQ(reply.status, 201) << reply.body.toStdString();
        if (i == 1)
            first = reply.json.value(QStringLiteral("id")).toString();
    }
    RawReply third = liaison.send("POST", projects, {{QStringLiteral("title"), QStringLiteral("项目3")},
                                                    {QStringLiteral("description"), QStringLiteral("内容")}});
    EXPECT_EQ(third.status, 409);
    EXPECT_EQ(third.error(), QStringLiteral("project_limit"));
    EXPECT_TRUE(third.json.value(QStringLiteral("message")).toString().contains(QStringLiteral("最多申报两个")));
    // Rejected needs a reason; a rejected project frees its place.
    EXPECT_EQ(admin.send("POST", projects + QStringLiteral("/") + first + QStringLiteral("/review"),
                         {{QStringLiteral("status"), QStringLiteral("rejected")}}).error(), QStringLiteral("reason_required"));
    ASSERT_EQ(admin.send("POST", projects + QStringLiteral("/") + first + QStringLiteral("/review"),
                         {{QStringLiteral("status"), QStringLiteral("rejected")}, {QStringLiteral("reason"), QStringLiteral("与往年重复")}})
                  .status, 200);
    third = liaison.send("POST", projects, {{QStringLiteral("title"), QStringLiteral("项目3")},
                                           {QStringLiteral("description"), QStringLiteral("内容")}});
    EXPECT_EQ(third.status, 201) << third.body.toStdString();
    EXPECT_EQ(console(QStringLiteral("xc.liaison")).get(projects).json.value(QStringLiteral("projects")).toArray().size(), 0);

    // 典型经验: submitted by the liaison, screened by HQ with tags.
    RawReply experience = liaison.send("POST", QStringLiteral("/api/v1/hq/experiences"),
                                       {{QStringLiteral("title"), QStringLiteral("“红色管家”进小区")},
                                        {QStringLiteral("description"), QStringLiteral("党支部牵头组建红色物业服务队")}});
    ASSERT_EQ(experience.status, 201) << experience.body.toStdString();
    const QString ref = experience.json.value(QStringLiteral("ref")).toString();
    RawReply review = admin.send("POST", QStringLiteral("/api/v1/hq/experiences/%1/review").arg(ref),
                                 {{QStringLiteral("status"), QStringLiteral("selected")},
                                  {QStringLiteral("tags"), QJsonArray{QStringLiteral("基层治理"), QStringLiteral("物业")}}});
    ASSERT_EQ(review.status, 200) << review.body.toStdString();
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/experiences?tag=%E7%89%A9%E4%B8%9A")).json.value(QStringLiteral("experiences")).toArray().size(), 1);
    EXPECT_EQ(liaison.send("POST", QStringLiteral("/api/v1/hq/experiences/%1/review").arg(ref), {{QStringLiteral("status"), QStringLiteral("selected")}}).status, 403);

    // 示范点: HQ keeps the development status; the liaison sees their unit's sites only.
    RawReply site = admin.send("PUT", QStringLiteral("/api/v1/hq/demo-sites/DC-01"),
                               {{QStringLiteral("status"), QStringLiteral("building")}, {QStringLiteral("note"), QStringLiteral("二期装修中")}});
    ASSERT_EQ(site.status, 200) << site.body.toStdString();
    EXPECT_EQ(site.json.value(QStringLiteral("status_name")).toString(), QStringLiteral("建设中"));
    EXPECT_EQ(admin.send("PUT", QStringLiteral("/api/v1/hq/demo-sites/DC-02"), {{QStringLiteral("status"), QStringLiteral("built")}}).status,
              404); // an ordinary site (普通点)
    EXPECT_EQ(admin.send("PUT", QStringLiteral("/api/v1/hq/demo-sites/DC-01"), {{QStringLiteral("status"), QStringLiteral("done")}}).status, 400);
    EXPECT_EQ(liaison.send("PUT", QStringLiteral("/api/v1/hq/demo-sites/DC-01"), {{QStringLiteral("status"), QStringLiteral("built")}}).status, 403);
    const QJsonArray sites = liaison.get(QStringLiteral("/api/v1/hq/demo-sites")).json.value(QStringLiteral("sites")).toArray();
    ASSERT_EQ(sites.size(), 1);
    EXPECT_EQ(sites[0].toObject().value(QStringLiteral("site")).toString(), QStringLiteral("DC-01"));
    EXPECT_EQ(sites[0].toObject().value(QStringLiteral("note")).toString(), QStringLiteral("二期装修中"));

    // Results only after publication, and never who scored.
    EXPECT_FALSE(liaison.get(QStringLiteral("/api/v1/hq/my/results")).json.value(QStringLiteral("published")).toBool());
    EXPECT_EQ(liaison.get(QStringLiteral("/api/v1/hq/results")).status, 403);
    importPaperScores();
    ASSERT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QStringLiteral("第一版")}}).status, 201);
    const RawReply results = liaison.get(QStringLiteral("/api/v1/hq/my/results"));
    ASSERT_EQ(results.status, 200);
    EXPECT_TRUE(results.json.value(QStringLiteral("published")).toBool());
    const QJsonObject unit = results.json.value(QStringLiteral("unit")).toObject();
    EXPECT_EQ(unit.value(QStringLiteral("unit")).toString(), QStringLiteral("DC"));
    EXPECT_EQ(unit.value(QStringLiteral("total")).toString(), QStringLiteral("99.69"));
    EXPECT_EQ(unit.value(QStringLiteral("rank")).toInt(), 1);
    EXPECT_FALSE(results.body.contains("\"raters\""));
    EXPECT_FALSE(results.body.contains("g1.li"));
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/my/results")).status, 403);
}

ONSITE_E2E_BACKENDS(FollowUpLoopTest);

} // namespace
} // namespace onsite::test
