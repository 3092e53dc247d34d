// R5: every endpoint of the sync API and the HQ console API, called as every kind of
// caller against a real onsite-hq, with the expected answer of each cell in one table
// (docs/ARCHITECTURE.md §Protocol, docs/API.md). A row is an endpoint and method, a
// column a caller (authzmatrix.h); "401 token_revoked" means status 401 with that error
// code, "200 rejected:out_of_scope" a push answered 200 whose mutation was refused.
#include "authzmatrix.h"
#include "consolefixture.h"
#include "consolerecords.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace onsite::test {
namespace {

using namespace authz;

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

// A clock for pushed mutations: later rows are later edits, so no row loses to an
// earlier one on the same record (final values and submissions are one per unit).
QString clockNow()
{
    static qint64 last = 0;
    last = std::max(last + 1, QDateTime::currentMSecsSinceEpoch());
    return QStringLiteral("%1-00000").arg(last, 13, 10, QLatin1Char('0'));
}

QJsonObject mutation(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data)
{
    return {{QStringLiteral("seq"), seq},   {QStringLiteral("entity"), entity},     {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")}, {QStringLiteral("hlc"), clockNow()},
            {QStringLiteral("data"), data}};
}

QJsonObject scoreData(const QString &unit, const QString &indicator, const QString &account, const QString &kind,
                      const QString &input, const QString &reason)
{
    return {{QStringLiteral("unit"), unit},   {QStringLiteral("indicator"), indicator},
            {QStringLiteral("account"), account}, {QStringLiteral("kind"), kind},
            {QStringLiteral("input"), input}, {QStringLiteral("reason"), reason},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}};
}

// A push of one mutation in the caller's own name, from the caller's own device.
std::function<Call(Credentials &)> pushOne(const QString &entity,
                                           std::function<QJsonObject(const Credentials &)> data,
                                           const QString &deviceOverride = {})
{
    return [entity, data, deviceOverride](Credentials &who) {
        const qint64 seq = who.nextSeq++;
        const QString id = QStringLiteral("authz-%1-%2-%3").arg(entity, who.account).arg(seq);
        const QString device = deviceOverride.isEmpty() ? who.deviceId : deviceOverride;
        return Call{"POST", "/api/v1/sync/push", compact(pushBody(device, {mutation(seq, entity, id, data(who))}))};
    };
}

std::function<Call(Credentials &)> signInAs(const QByteArray &path, bool device)
{
    return [path, device](Credentials &who) {
        // A made-up account gets a made-up password; everyone else their real one.
        const bool real = who.account != QLatin1String("nobody.here");
        QJsonObject body{{QStringLiteral("account"), who.account},
                         {QStringLiteral("password"), real ? HqProcess::passwordOf(who.account) : QStringLiteral("guess-1234")}};
        if (device) {
            // Its own device id, so the tokens the other rows use stay as they are.
            body.insert(QStringLiteral("device_id"), QStringLiteral("authz-sign-in-row"));
            body.insert(QStringLiteral("device_name"), QStringLiteral("matrix"));
        }
        return Call{"POST", path, compact(body)};
    };
}

QByteArray imageOf(const QString &account) { return jpegImage(24, 16, static_cast<int>(qHash(account) % 997) + 10); }

class AuthorizationMatrix : public ConsoleEndToEnd
{
protected:
    void SetUp() override
    {
        ConsoleEndToEnd::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        prepareRecords();
        prepareCallers();
    }

    // A photo, a finding and a highlight on DC (第一检查组) and on QS (第二检查组), and
    // two published versions: each page has something in and out of a leader's scope.
    void prepareRecords()
    {
        auto upload = [&](const QString &account, const QByteArray &image) {
            ApiClient tablet(hq->baseUrl());
            EXPECT_EQ(tablet.login(account, HqProcess::passwordOf(account), QStringLiteral("upload")).status, 200);
            const QString sha = sha256Hex(image);
            const ApiReply put =
                tablet.put(QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha).arg(image.size()), image);
            EXPECT_EQ(put.status, 200) << put.body.toStdString();
            return sha;
        };
        const QByteArray dcImage = jpegImage(320, 240, 1);
        const QByteArray qsImage = jpegImage(320, 240, 2);
        dcPhoto = upload(QStringLiteral("g1.li"), dcImage);
        qsPhoto = upload(QStringLiteral("g2.yang"), qsImage);
        for (const auto &[account, unit, site, sha, size] :
             {std::tuple{QStringLiteral("g1.li"), QStringLiteral("DC"), QStringLiteral("DC-01"), dcPhoto, dcImage.size()},
              std::tuple{QStringLiteral("g2.yang"), QStringLiteral("QS"), QStringLiteral("QS-01"), qsPhoto, qsImage.size()}}) {
            const QString p = QStringLiteral("p-") + unit;
            pushAs(account, {recordMutation(1, QStringLiteral("photo"), p, photoData(sha, unit, account, size)),
                             recordMutation(2, QStringLiteral("finding"), QStringLiteral("f-") + unit,
                                            findingData(unit, site, account, QStringLiteral("记录不全"), {p})),
                             recordMutation(3, QStringLiteral("highlight"), QStringLiteral("h-") + unit,
                                            highlightData(unit, account, QStringLiteral("有特色")))});
        }
        ConsoleClient admin = console(QStringLiteral("kpb.admin"));
        for (const char *note : {"v1", "v2"})
            ASSERT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), QString::fromLatin1(note)}}).status, 201);
    }

    Credentials signedIn(const QString &account, const QString &device)
    {
        Credentials who{account, device};
        ApiClient tablet(hq->baseUrl());
        const ApiReply login = tablet.login(account, HqProcess::passwordOf(account), device);
        EXPECT_EQ(login.status, 200) << account.toStdString() << ": " << login.body.toStdString();
        who.token = login.json.value(QStringLiteral("token")).toString().toLatin1();
        const ConsoleClient browser = console(account);
        who.cookie = browser.cookie();
        who.csrf = browser.csrfToken().toLatin1();
        return who;
    }

    void prepareCallers()
    {
        callers[Hq] = signedIn(QStringLiteral("kpb.admin"), QStringLiteral("authz-hq"));
        callers[Leader] = signedIn(QStringLiteral("g1.li"), QStringLiteral("authz-leader"));
        callers[Inspector] = signedIn(QStringLiteral("g1.zhang"), QStringLiteral("authz-inspector"));
        callers[Liaison] = signedIn(QStringLiteral("dc.liaison"), QStringLiteral("authz-liaison"));
        callers[SignedOut] = Credentials{QStringLiteral("nobody.here"), QStringLiteral("authz-nobody")};
        callers[Crossed] = callers[Hq];

        // kpb.wang (考评办 too; the prepared data has no password for it): the tablet
        // revoked by HQ, the browser signed out.
        QString out;
        const QString wangPassword = HqProcess::passwordOf(QStringLiteral("kpb.wang"));
        ASSERT_EQ(hq->admin({QStringLiteral("set-password"), QStringLiteral("kpb.wang")}, &out, (wangPassword + u'\n').toUtf8()), 0)
            << out.toStdString();
        callers[Revoked] = signedIn(QStringLiteral("kpb.wang"), QStringLiteral("authz-revoked"));
        ASSERT_EQ(hq->admin({QStringLiteral("revoke"), QStringLiteral("kpb.wang")}, &out), 0) << out.toStdString();
        ConsoleClient wang(hq->port());
        ASSERT_EQ(wang.signIn(QStringLiteral("kpb.wang"), HqProcess::passwordOf(QStringLiteral("kpb.wang"))).status, 200);
        ASSERT_EQ(wang.send("DELETE", QStringLiteral("/api/v1/hq/session")).status, 204);
        callers[Revoked].cookie = wang.cookie();
        callers[Revoked].csrf = wang.csrfToken().toLatin1();

        // g3.xu (leader of 第三检查组): signed in everywhere, then disabled.
        callers[Disabled] = signedIn(QStringLiteral("g3.xu"), QStringLiteral("authz-disabled"));
        ASSERT_EQ(hq->admin({QStringLiteral("disable-account"), QStringLiteral("g3.xu")}, &out), 0) << out.toStdString();
    }

    std::vector<Row> syncRows() const;
    std::vector<Row> consoleRows() const;

    QString dcPhoto, qsPhoto;
    std::array<Credentials, kCallerCount> callers;
};

// clang-format off
std::vector<Row> AuthorizationMatrix::syncRows() const
{
    const auto score = [](const QString &unit, const QString &kind) {
        return [unit, kind](const Credentials &who) {
            return kind == QLatin1String("final")
                       ? scoreData(unit, QStringLiteral("1.1"), who.account, kind, QStringLiteral("1"), QStringLiteral("组长现场核实"))
                       : scoreData(unit, QStringLiteral("1.4"), who.account, kind, QStringLiteral("好"), {});
        };
    };
    const auto finding = [](const QString &unit, const QString &site) {
        return [unit, site](const Credentials &who) { return findingData(unit, site, who.account, QStringLiteral("矩阵")); };
    };
    const auto reopen = [](const QString &unit) {
        return [unit](const Credentials &who) {
            return QJsonObject{{QStringLiteral("unit"), unit}, {QStringLiteral("locked"), false},
                               {QStringLiteral("account"), who.account},
                               {QStringLiteral("changed_at"), QStringLiteral("2026-06-21T08:00:00.000Z")},
                               {QStringLiteral("note"), QStringLiteral("复核")}};
        };
    };
    const auto uploadOwn = [](Credentials &who) {
        const QByteArray image = imageOf(who.account);
        return Call{"PUT", QStringLiteral("/api/v1/photos/%1?offset=0&total=%2").arg(sha256Hex(image)).arg(image.size()).toUtf8(),
                    image, "application/octet-stream"};
    };
    const QByteArray photos = "/api/v1/photos/";
    const QByteArray dcPhoto = this->dcPhoto.toLatin1(), qsPhoto = this->qsPhoto.toLatin1();
    const QByteArray noBody;
    const Detail push = pushOutcome;

    //        hq                    leader                      inspector                   liaison                     signed out             revoked                account disabled          crossed
    return {
        {{"GET", "/api/v1/status"},
         {"200",                    "200",                      "200",                      "200",                      "200",                 "200",                 "200",                    "200"}, "no sign-in needed"},
        {{"POST", "/api/v1/login"},
         {"200",                    "200",                      "200",                      "200",                      "401 invalid_credentials", "200",             "403 account_disabled",   "200"}, "own password", errorCode,
         signInAs("/api/v1/login", true)},
        {{"GET", "/api/v1/login"},
         {"405",                    "405",                      "405",                      "405",                      "405",                 "405",                 "405",                    "405"}, "sign-in is POST only"},
        {{"GET", "/api/v1/bootstrap"},
         {"200",                    "200",                      "200",                      "200",                      "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, ""},
        {{"GET", "/api/v1/sync/pull?since=0&limit=50"},
         {"200",                    "200",                      "200",                      "200",                      "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, ""},
        {{"POST", "/api/v1/sync/push"},
         {"200 rejected:not_rater", "200 applied",              "200 applied",              "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked",  "401 account_disabled",   "401 invalid_token"}, "rater score, DC (group 1)", push,
         pushOne(QStringLiteral("score"), score(QStringLiteral("DC"), QStringLiteral("rater")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 rejected:not_rater", "200 rejected:out_of_scope", "200 rejected:out_of_scope", "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked", "401 account_disabled",  "401 invalid_token"}, "rater score, PC (group 2)", push,
         pushOne(QStringLiteral("score"), score(QStringLiteral("PC"), QStringLiteral("rater")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 applied",            "200 applied",              "200 rejected:not_leader",  "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked",  "401 account_disabled",   "401 invalid_token"}, "final value, DC", push,
         pushOne(QStringLiteral("score"), score(QStringLiteral("DC"), QStringLiteral("final")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 applied",            "200 rejected:out_of_scope", "200 rejected:out_of_scope", "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked", "401 account_disabled",  "401 invalid_token"}, "final value, PC (group 2)", push,
         pushOne(QStringLiteral("score"), score(QStringLiteral("PC"), QStringLiteral("final")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 applied",            "200 applied",              "200 applied",              "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked",  "401 account_disabled",   "401 invalid_token"}, "finding, DC", push,
         pushOne(QStringLiteral("finding"), finding(QStringLiteral("DC"), QStringLiteral("DC-01")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 applied",            "200 rejected:out_of_scope", "200 rejected:out_of_scope", "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked", "401 account_disabled",  "401 invalid_token"}, "finding, PC (group 2)", push,
         pushOne(QStringLiteral("finding"), finding(QStringLiteral("PC"), QStringLiteral("PC-01")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 applied",            "200 applied",              "200 rejected:not_leader",  "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked",  "401 account_disabled",   "401 invalid_token"}, "reopen submission, DC", push,
         pushOne(QStringLiteral("submission"), reopen(QStringLiteral("DC")))},
        {{"POST", "/api/v1/sync/push"},
         {"200 applied",            "200 rejected:out_of_scope", "200 rejected:out_of_scope", "200 rejected:forbidden_role", "401 invalid_token", "401 token_revoked", "401 account_disabled",  "401 invalid_token"}, "reopen submission, PC (group 2)", push,
         pushOne(QStringLiteral("submission"), reopen(QStringLiteral("PC")))},
        {{"POST", "/api/v1/sync/push"},
         {"403 forbidden",          "403 forbidden",            "403 forbidden",            "403 forbidden",            "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, "another device's id", push,
         pushOne(QStringLiteral("finding"), finding(QStringLiteral("DC"), QStringLiteral("DC-01")), QStringLiteral("dev-g1.li"))},
        {{"GET", photos + dcPhoto},
         {"200",                    "200",                      "200",                      "200",                      "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, "upload state (own, reveals nothing)"},
        {{"PUT", photos},
         {"200",                    "200",                      "200",                      "403 forbidden",            "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, "upload own photo", errorCode, uploadOwn},
        {{"GET", photos + dcPhoto + "/content"},
         {"200",                    "200",                      "200",                      "404 not_found",            "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, "photo of DC (group 1)"},
        {{"GET", photos + qsPhoto + "/content"},
         {"200",                    "404 not_found",            "404 not_found",            "404 not_found",            "401 invalid_token",   "401 token_revoked",   "401 account_disabled",   "401 invalid_token"}, "photo of QS (group 2)"},
        {{"PUT", photos + dcPhoto + "/content", "x"},
         {"405",                    "405",                      "405",                      "405",                      "401",                 "401",                 "401",                    "401"}, "content is read only"},
        {{"DELETE", photos + dcPhoto},
         {"405",                    "405",                      "405",                      "405",                      "401",                 "401",                 "401",                    "401"}, ""},
        {{"GET", photos + "not-a-hash"},
         {"400 bad_request",        "400 bad_request",          "400 bad_request",          "400 bad_request",          "401",                 "401",                 "401",                    "401"}, ""},
        {{"POST", "/api/v1/bootstrap", noBody},
         {"404",                    "404",                      "404",                      "404",                      "401",                 "401",                 "401",                    "401"}, "wrong method"},
        {{"GET", "/api/v1/nothing-here"},
         {"404 not_found",          "404 not_found",            "404 not_found",            "404 not_found",            "401",                 "401",                 "401",                    "401"}, "unknown path"},
    };
}
// clang-format on

// clang-format off
std::vector<Row> AuthorizationMatrix::consoleRows() const
{
    const QByteArray api = "/api/v1/hq/";
    const QByteArray dcPhoto = this->dcPhoto.toLatin1(), qsPhoto = this->qsPhoto.toLatin1();
    const QByteArray publish = compact({{QStringLiteral("note"), QStringLiteral("矩阵")}});
    const Detail units = countOf(QStringLiteral("units"));

    // Pages: hq and leader (their group's units), 403 for inspector and liaison.
    //        hq                    leader                      inspector                   liaison                     signed out             signed-out session     account disabled          crossed
    return {
        {{"POST", api + "session"},
         {"200",                    "200",                      "200",                      "200",                      "401 invalid_credentials", "200",             "401 invalid_credentials", "200"}, "own password", errorCode,
         signInAs(api + "session", false)},
        {{"GET", api + "session"},
         {"200",                    "200",                      "200",                      "200",                      "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "campaign"},
         {"200 n=10",               "200 n=3",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "units listed", units},
        {{"GET", api + "progress"},
         {"200 n=10",               "200 n=3",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "units listed", units},
        {{"GET", api + "charts/progress"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "results"},
         {"200 n=10",               "200 n=3",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "live, units listed", units},
        {{"GET", api + "results?version=1"},
         {"200 n=10",               "200 n=3",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "published, units listed", units},
        {{"GET", api + "units/DC"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "group 1's unit"},
        {{"GET", api + "units/QS"},
         {"200",                    "403 forbidden",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "group 2's unit"},
        {{"GET", api + "units/NOPE"},
         {"404 not_found",          "404 not_found",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "unknown unit"},
        {{"GET", api + "photos/" + dcPhoto},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "photo of DC"},
        {{"GET", api + "photos/" + qsPhoto + "?size=thumb"},
         {"200",                    "404 not_found",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "thumbnail of QS's photo"},
        {{"GET", api + "photos/" + qsPhoto},
         {"200",                    "404 not_found",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "photo of QS (group 2)"},
        {{"GET", api + "findings"},
         {"200 n=2",                "200 n=1",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "findings listed", countOf(QStringLiteral("findings"))},
        {{"GET", api + "findings?unit=QS"},
         {"200 n=1",                "200 n=0",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "another group's unit asked for", countOf(QStringLiteral("findings"))},
        {{"GET", api + "findings?group=" + QUrl::toPercentEncoding(QStringLiteral("第二检查组"))},
         {"200 n=1",                "200 n=0",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "another group asked for", countOf(QStringLiteral("findings"))},
        {{"GET", api + "highlights"},
         {"200 n=2",                "200 n=1",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "highlights listed", countOf(QStringLiteral("highlights"))},
        {{"GET", api + "integrity"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "history?unit=DC"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "group 1's unit"},
        {{"GET", api + "history?unit=QS"},
         {"200",                    "403 forbidden",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "group 2's unit"},
        {{"GET", api + "publications"},
         {"200 n=2",                "200 n=2",                  "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "versions listed", countOf(QStringLiteral("versions"))},
        {{"GET", api + "publications/2/diff"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"POST", api + "publications", publish, "application/json", false},
         {"403 csrf_failed",        "403 csrf_failed",          "403 csrf_failed",          "403 csrf_failed",          "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "without the CSRF token"},
        {{"POST", api + "publications", publish},
         {"201",                    "403 forbidden",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "publish"},
        {{"PUT", api + "publications", publish},
         {"405 method_not_allowed", "405 method_not_allowed",   "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"DELETE", api + "campaign"},
         {"405 method_not_allowed", "405 method_not_allowed",   "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "pages are read only"},
        {{"GET", api + "exports/results.xlsx"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "exports/results.csv?version=1"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "exports/findings.xlsx"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "exports/report.pdf"},
         {"200",                    "200",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, ""},
        {{"GET", api + "exports/secrets.txt"},
         {"404",                    "404",                      "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "unknown file"},
        {{"GET", api + "nothing-here"},
         {"404 not_found",          "404 not_found",            "403 forbidden",            "403 forbidden",            "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "unknown path"},
        // Last: it ends each caller's session.
        {{"DELETE", api + "session"},
         {"204",                    "204",                      "204",                      "204",                      "401 not_signed_in",   "401 not_signed_in",   "401 not_signed_in",      "401 not_signed_in"}, "sign out"},
    };
}
// clang-format on

TEST_P(AuthorizationMatrix, ConsoleApiAnswersEveryCallerAsDocumented)
{
    Matrix matrix(hq->port(), Api::Console, callers);
    const std::vector<Row> rows = consoleRows();
    EXPECT_EQ(matrix.check(rows), static_cast<int>(rows.size()) * kCallerCount);
    // Signed out means signed out: the old cookies open nothing any more.
    for (Caller caller : {Hq, Leader})
        EXPECT_EQ(rawHttp(hq->port(), "GET", "/api/v1/hq/campaign", {{"Cookie", callers[caller].cookie}}).status, 401)
            << callerName(caller).toStdString();
}

TEST_P(AuthorizationMatrix, SyncApiAnswersEveryCallerAsDocumented)
{
    Matrix matrix(hq->port(), Api::Sync, callers);
    const std::vector<Row> rows = syncRows();
    EXPECT_EQ(matrix.check(rows), static_cast<int>(rows.size()) * kCallerCount);
}

ONSITE_E2E_BACKENDS(AuthorizationMatrix);

} // namespace
} // namespace onsite::test
