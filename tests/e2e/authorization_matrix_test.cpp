// R5: every endpoint of the sync API and the HQ console API, called as every kind of
// caller against a real onsite-hq, with the expected answer of each cell in one table
// (docs/ARCHITECTURE.md §Protocol, docs/API.md). A row is an endpoint and method, a
// column a caller (authzmatrix.h); "401 token_revoked" means status 401 with that error
// code, "200 rejected:out_of_scope" a push answered 200 whose mutation was refused.
#include "authzfixture.h"
#include "consolerecords.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace onsite::test {

using namespace authz;

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

namespace {

TEST_P(AuthorizationMatrix, ConsoleApiAnswersEveryCallerAsDocumented)
{
    // Two published versions, for the rows on versions and their diff.
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    for (const QString &note : {QStringLiteral("v1"), QStringLiteral("v2")})
        ASSERT_EQ(admin.send("POST", QStringLiteral("/api/v1/hq/publications"), {{QStringLiteral("note"), note}}).status, 201);
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
