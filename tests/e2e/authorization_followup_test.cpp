// R5 for the follow-up loop (docs/FOLLOWUP-API.md): every follow-up endpoint as each
// caller, from one table. A liaison works on their own unit's items only (another unit's
// answers 404 as if it did not exist), never sees the board or the releases, and gets
// no results before HQ publishes; an inspector gets 403 everywhere; a leader reads only.
#include "authzfixture.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace onsite::test {

using namespace authz;

namespace {

QString idOf(const RawReply &reply) { return reply.json.value(QStringLiteral("id")).toString(); }

// "published=false", or "published=true unit=DC" with the unit the answer shows.
QString ownResults(const RawReply &reply)
{
    if (reply.status >= 400)
        return errorCode(reply);
    QString text = QStringLiteral("published=%1").arg(reply.json.value(QStringLiteral("published")).toBool() ? QLatin1String("true") : QLatin1String("false"));
    const QJsonObject unit = reply.json.value(QStringLiteral("unit")).toObject();
    if (!unit.isEmpty())
        text += QStringLiteral(" unit=") + unit.value(QStringLiteral("unit")).toString();
    return text;
}

} // namespace

// What the rows refer to, made through the API before the table runs.
struct FollowUpFixtures
{
    QByteArray dcItem, dcSecondItem, qsItem; // ids: a released DC finding, one HQ added on DC, a released QS finding
    QByteArray dcFile, qsFile;               // an evidence file on a DC report, one HQ attached to QS-01
    QByteArray xcProject;                    // an innovation project of XC (another liaison's)
};

namespace {

FollowUpFixtures makeFixtures(HqProcess &hq, const std::function<ConsoleClient(const QString &)> &console)
{
    FollowUpFixtures made;
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    ConsoleClient liaison = console(QStringLiteral("dc.liaison"));
    ConsoleClient xc = console(QStringLiteral("xc.liaison"));
    const QString api = QStringLiteral("/api/v1/hq/");
    for (const QString &unit : {QStringLiteral("DC"), QStringLiteral("QS")})
        EXPECT_EQ(admin.send("POST", api + QStringLiteral("followup/releases"), {{QStringLiteral("unit"), unit}}).status, 201);
    const RawReply added = admin.send("POST", api + QStringLiteral("followup/items"),
                                      {{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("source"), QStringLiteral("other")},
                                       {QStringLiteral("kind"), QStringLiteral("问题")}, {QStringLiteral("problem"), QStringLiteral("待合并")},
                                       {QStringLiteral("suggestion"), QStringLiteral("合并处理")}});
    EXPECT_EQ(added.status, 201) << added.body.toStdString();
    made.dcSecondItem = idOf(added).toLatin1();
    for (const QJsonValue &value : admin.get(api + QStringLiteral("followup/items")).json.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const QByteArray id = item.value(QStringLiteral("id")).toString().toLatin1();
        if (item.value(QStringLiteral("unit")).toString() == QLatin1String("QS"))
            made.qsItem = id;
        else if (id != made.dcSecondItem)
            made.dcItem = id;
    }

    // Evidence: the liaison's file on a DC progress report, HQ's file on QS's demo site.
    auto upload = [&](const ConsoleClient &browser, const QByteArray &bytes) {
        const QString sha = sha256Hex(bytes);
        const RawReply put = rawHttp(hq.port(), "PUT",
                                     (api + QStringLiteral("followup/uploads/%1?offset=0&total=%2").arg(sha).arg(bytes.size())).toLatin1(),
                                     {{"Cookie", browser.cookie()}, {"X-CSRF-Token", browser.csrfToken().toLatin1()},
                                      {"Content-Type", "application/octet-stream"}},
                                     bytes);
        EXPECT_EQ(put.status, 200) << put.body.toStdString();
        return sha;
    };
    const QString dcFile = upload(liaison, jpegImage(64, 48, 31));
    const RawReply report = liaison.send("POST", api + QStringLiteral("followup/items/%1/reports").arg(QString::fromLatin1(made.dcItem)),
                                         {{QStringLiteral("text"), QStringLiteral("已着手整改")},
                                          {QStringLiteral("attachments"), QJsonArray{dcFile}},
                                          {QStringLiteral("for_closing"), false}});
    EXPECT_EQ(report.status, 201) << report.body.toStdString();
    const QString qsFile = upload(admin, jpegImage(64, 48, 32));
    const RawReply site = admin.send("PUT", api + QStringLiteral("demo-sites/QS-01"),
                                     {{QStringLiteral("status"), QStringLiteral("building")},
                                      {QStringLiteral("note"), QStringLiteral("在建")},
                                      {QStringLiteral("attachments"), QJsonArray{qsFile}}});
    EXPECT_EQ(site.status, 200) << site.body.toStdString();
    made.dcFile = dcFile.toLatin1();
    made.qsFile = qsFile.toLatin1();

    // An experience and a project from DC's liaison, a project from XC's.
    EXPECT_EQ(liaison.send("POST", api + QStringLiteral("experiences"),
                           {{QStringLiteral("title"), QStringLiteral("台账月清")}, {QStringLiteral("description"), QStringLiteral("按月清理台账")},
                            {QStringLiteral("attachments"), QJsonArray{}}}).status, 201);
    const QJsonObject project{{QStringLiteral("title"), QStringLiteral("数字党建")}, {QStringLiteral("description"), QStringLiteral("平台建设")}};
    EXPECT_EQ(liaison.send("POST", api + QStringLiteral("innovations"), project).status, 201);
    const RawReply xcProject = xc.send("POST", api + QStringLiteral("innovations"), project);
    EXPECT_EQ(xcProject.status, 201) << xcProject.body.toStdString();
    made.xcProject = idOf(xcProject).toLatin1();
    return made;
}

} // namespace

// clang-format off
std::vector<Row> AuthorizationMatrix::followUpRows(const FollowUpFixtures &f) const
{
    const QByteArray api = "/api/v1/hq/";
    const QByteArray items = api + "followup/items/";
    const auto body = [](const QJsonObject &object) { return compact(object); };
    const QByteArray plan = body({{QStringLiteral("measures"), QStringLiteral("按月统计")}, {QStringLiteral("responsible_person"), QStringLiteral("李书记")},
                                  {QStringLiteral("deadline"), QStringLiteral("2099-09-30")}, {QStringLiteral("milestones"), QJsonArray{}}});
    const QByteArray progress = body({{QStringLiteral("text"), QStringLiteral("进展")}, {QStringLiteral("attachments"), QJsonArray{}}, {QStringLiteral("for_closing"), false}});
    const QByteArray newItem = body({{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("source"), QStringLiteral("bulletin")},
                                     {QStringLiteral("kind"), QStringLiteral("短板")}, {QStringLiteral("problem"), QStringLiteral("矩阵")}, {QStringLiteral("suggestion"), QStringLiteral("整改")}});
    const QByteArray csv = QStringLiteral("单位编码,来源,类型,指标编号,问题,整改建议,时限\nDC,其他,问题,,矩阵导入,按时整改,\n").toUtf8();
    const QByteArray reason = body({{QStringLiteral("reason"), QStringLiteral("材料不全")}});
    const QByteArray deadline = body({{QStringLiteral("deadline"), QStringLiteral("2099-12-31")}, {QStringLiteral("reason"), QStringLiteral("延期")}});
    const QByteArray recheck = body({{QStringLiteral("group"), QStringLiteral("第一检查组")}, {QStringLiteral("note"), QStringLiteral("回头看")}});
    const QByteArray experience = body({{QStringLiteral("title"), QStringLiteral("经验")}, {QStringLiteral("description"), QStringLiteral("做法")}, {QStringLiteral("attachments"), QJsonArray{}}});
    const QByteArray review = body({{QStringLiteral("status"), QStringLiteral("selected")}, {QStringLiteral("reason"), QString()}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("党建")}}});
    const QByteArray project = body({{QStringLiteral("title"), QStringLiteral("项目")}, {QStringLiteral("description"), QStringLiteral("内容")}});
    const QByteArray refuse = body({{QStringLiteral("status"), QStringLiteral("rejected")}, {QStringLiteral("reason"), QStringLiteral("不符合条件")}});
    const QByteArray site = body({{QStringLiteral("status"), QStringLiteral("built")}, {QStringLiteral("note"), QStringLiteral("建成")}});
    const auto uploadOwn = [api](Credentials &who) {
        const QByteArray image = imageOf(who.account);
        return Call{"PUT", api + "followup/uploads/" + sha256Hex(image).toLatin1() + "?offset=0&total=" + QByteArray::number(image.size()),
                    image, "application/octet-stream"};
    };
    const Detail count = countOf(QStringLiteral("items"));
    const char *const out = "401 not_signed_in";

    //        hq                    leader                      inspector          liaison                     signed out revoked disabled crossed
    return {
        {{"GET", items.chopped(1)},
         {"200 n=3",                "200 n=2",                  "403 forbidden",   "200 n=2",                  out, out, out, out}, "the ledger, cut to the caller's units", count},
        {{"GET", items.chopped(1) + "?unit=QS"},
         {"200 n=1",                "404 not_found",            "403 forbidden",   "200 n=2",                  out, out, out, out}, "another group's unit asked for (a liaison gets their own)", count},
        {{"GET", items + f.dcItem},
         {"200",                    "200",                      "403 forbidden",   "200",                      out, out, out, out}, "a DC item"},
        {{"GET", items + f.qsItem},
         {"200",                    "404 not_found",            "403 forbidden",   "404 not_found",            out, out, out, out}, "a QS item (group 2, not the liaison's unit)"},
        {{"GET", api + "followup/releases"},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, ""},
        {{"GET", api + "followup/board"},
         {"200 n=10",               "200 n=3",                  "403 forbidden",   "403 forbidden",            out, out, out, out}, "units on the board", countOf(QStringLiteral("units"))},
        {{"GET", api + "followup/uploads/" + f.dcFile},
         {"200",                    "403 forbidden",            "403 forbidden",   "200",                      out, out, out, out}, "upload state"},
        {{"GET", api + "followup/files/" + f.dcFile},
         {"200",                    "200",                      "403 forbidden",   "200",                      out, out, out, out}, "a file on a DC report"},
        {{"GET", api + "followup/files/" + f.qsFile},
         {"200",                    "404 not_found",            "403 forbidden",   "404 not_found",            out, out, out, out}, "a file on QS's demo site"},
        {{"GET", api + "experiences"},
         {"200 n=3",                "200 n=2",                  "403 forbidden",   "200 n=2",                  out, out, out, out}, "experiences listed", countOf(QStringLiteral("experiences"))},
        {{"GET", api + "innovations"},
         {"200 n=2",                "200 n=1",                  "403 forbidden",   "200 n=1",                  out, out, out, out}, "projects listed", countOf(QStringLiteral("projects"))},
        {{"GET", api + "demo-sites"},
         {"200 n=9",                "200 n=3",                  "403 forbidden",   "200 n=1",                  out, out, out, out}, "demo sites listed", countOf(QStringLiteral("sites"))},
        {{"GET", api + "my/results"},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",   "200 published=false",      out, out, out, out}, "before HQ publishes", ownResults},
        {{"POST", api + "followup/releases", body({{QStringLiteral("unit"), QStringLiteral("BH")}})},
         {"201",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "release BH"},
        {{"POST", items.chopped(1), newItem},
         {"201",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "add an item"},
        {{"POST", items + "import", csv, "text/csv"},
         {"201",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "CSV import"},
        {{"PUT", items + f.dcItem + "/plan", plan},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",   "200",                      out, out, out, out}, "plan"},
        {{"PUT", items + f.qsItem + "/plan", plan},
         {"403 forbidden",          "404 not_found",            "403 forbidden",   "404 not_found",            out, out, out, out}, "plan on another unit's item"},
        {{"POST", items + f.dcItem + "/reports", progress},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",   "201",                      out, out, out, out}, "progress report"},
        {{"POST", items + f.qsItem + "/reports", progress},
         {"403 forbidden",          "404 not_found",            "403 forbidden",   "404 not_found",            out, out, out, out}, "report on another unit's item"},
        {{"POST", items + f.dcItem + "/close", "{}"},
         {"409 wrong_state",        "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "销号 before 报送"},
        {{"POST", items + f.dcItem + "/return", reason},
         {"409 wrong_state",        "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "退回 before 报送"},
        {{"POST", items + f.dcItem + "/deadline", deadline},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "move the deadline"},
        {{"POST", items + f.dcItem + "/rechecks", recheck},
         {"201",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "回头看"},
        {{"POST", items + f.dcItem + "/merge", body({{QStringLiteral("items"), QJsonArray{QString::fromLatin1(f.dcSecondItem)}}})},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "merge"},
        {{"PUT", api + "followup/uploads/"},
         {"200",                    "403 forbidden",            "403 forbidden",   "200",                      out, out, out, out}, "upload own file", errorCode, uploadOwn},
        {{"POST", api + "experiences", experience},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",   "201",                      out, out, out, out}, "submit an experience"},
        {{"POST", api + "experiences/highlight:h-QS/review", review},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "review"},
        {{"POST", api + "innovations", project},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",   "201",                      out, out, out, out}, "propose a project (DC's second)"},
        {{"POST", api + "innovations/" + f.xcProject + "/review", refuse},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "review XC's project"},
        {{"PUT", api + "demo-sites/DC-01", site},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "demo site status"},
        {{"GET", api + "exports/rectifications.xlsx"},
         {"200",                    "200",                      "403 forbidden",   "403 forbidden",            out, out, out, out}, ""},
        {{"GET", api + "exports/experiences.pdf"},
         {"200",                    "200",                      "403 forbidden",   "403 forbidden",            out, out, out, out}, ""},
        {{"GET", api + "exports/innovations.xlsx"},
         {"200",                    "200",                      "403 forbidden",   "403 forbidden",            out, out, out, out}, ""},
        {{"GET", api + "exports/dispatch.pdf"},
         {"200",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "HQ only"},
        {{"GET", api + "followup/nothing-here"},
         {"404 not_found",          "404 not_found",            "403 forbidden",   "404 not_found",            out, out, out, out}, "unknown path"},
        // HQ publishes; only then does the liaison see the unit's own results.
        {{"POST", api + "publications", body({{QStringLiteral("note"), QStringLiteral("矩阵")}})},
         {"201",                    "403 forbidden",            "403 forbidden",   "403 forbidden",            out, out, out, out}, "publish"},
        {{"GET", api + "my/results"},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",   "200 published=true unit=DC", out, out, out, out}, "after HQ publishes", ownResults},
    };
}
// clang-format on

namespace {

TEST_P(AuthorizationMatrix, FollowUpApiAnswersEveryCallerAsDocumented)
{
    const FollowUpFixtures fixtures = makeFixtures(*hq, [this](const QString &account) { return console(account); });
    ASSERT_FALSE(HasFailure()) << "the follow-up records the rows refer to could not be made";
    Matrix matrix(hq->port(), Api::Console, callers);
    const std::vector<Row> rows = followUpRows(fixtures);
    EXPECT_EQ(matrix.check(rows), static_cast<int>(rows.size()) * kCallerCount);
}

} // namespace
} // namespace onsite::test
