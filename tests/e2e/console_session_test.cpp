// Browser sessions of the HQ console (docs/API.md §Sessions): cookie, CSRF, expiry,
// sign-out, and one login throttle shared with the tablets.
#include "consolefixture.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

namespace onsite::test {
namespace {

using ConsoleSession = ConsoleEndToEnd;

QString digestOf(const QByteArray &cookie)
{
    const QByteArray id = cookie.mid(cookie.indexOf('=') + 1);
    return QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha256).toHex());
}

TEST_P(ConsoleSession, SignInSetsAStrictCookieAndReloadKeepsTheSession)
{
    ConsoleClient browser(hq->port());
    const RawReply signIn = browser.signIn(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")));
    ASSERT_EQ(signIn.status, 200) << signIn.body.toStdString();
    EXPECT_EQ(signIn.json.value(QStringLiteral("account")).toString(), QStringLiteral("g1.li"));
    EXPECT_EQ(signIn.json.value(QStringLiteral("name")).toString(), QStringLiteral("李建国"));
    EXPECT_EQ(signIn.json.value(QStringLiteral("role")).toString(), QStringLiteral("leader"));
    EXPECT_EQ(signIn.json.value(QStringLiteral("group")).toString(), QStringLiteral("第一检查组"));
    EXPECT_GE(signIn.json.value(QStringLiteral("csrf_token")).toString().size(), 40);
    const QDateTime expires =
        QDateTime::fromString(signIn.json.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
    EXPECT_NEAR(QDateTime::currentDateTimeUtc().secsTo(expires), 12 * 3600, 120);

    const QByteArray cookie = signIn.header("set-cookie");
    EXPECT_TRUE(cookie.startsWith("onsite_session=")) << cookie.toStdString();
    EXPECT_TRUE(cookie.contains("; HttpOnly")) << cookie.toStdString();
    EXPECT_TRUE(cookie.contains("; SameSite=Strict")) << cookie.toStdString();
    EXPECT_TRUE(cookie.contains("; Path=/")) << cookie.toStdString();
    EXPECT_FALSE(cookie.contains("Secure")) << "plain HTTP on loopback: no Secure flag";

    const RawReply reload = browser.get(QStringLiteral("/api/v1/hq/session"));
    ASSERT_EQ(reload.status, 200) << reload.body.toStdString();
    EXPECT_EQ(reload.json.value(QStringLiteral("csrf_token")), signIn.json.value(QStringLiteral("csrf_token")));
    EXPECT_EQ(reload.json.value(QStringLiteral("role")).toString(), QStringLiteral("leader"));

    // HQ keeps only the digest of the session id.
    auto db = database();
    const auto rows = db->query(QStringLiteral("SELECT id_hash, account FROM hq_console_sessions"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].value(0).toString(), digestOf(browser.cookie()));
    EXPECT_FALSE(rows[0].value(0).toString().contains(QString::fromLatin1(browser.cookie().mid(15))));
}

TEST_P(ConsoleSession, InspectorsAndLiaisonsMaySignInButNotOpenPages)
{
    for (const QString account : {QStringLiteral("g1.zhang"), QStringLiteral("dc.liaison")}) {
        ConsoleClient browser = console(account);
        const RawReply pages = browser.get(QStringLiteral("/api/v1/hq/campaign"));
        EXPECT_EQ(pages.status, 403) << account.toStdString();
        EXPECT_EQ(pages.error(), QStringLiteral("forbidden"));
    }
}

TEST_P(ConsoleSession, WrongPasswordAndUnknownAccountAreRefusedAlike)
{
    ConsoleClient browser(hq->port());
    const RawReply wrong = browser.signIn(QStringLiteral("g1.li"), QStringLiteral("not-the-password"));
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.error(), QStringLiteral("invalid_credentials"));
    EXPECT_TRUE(wrong.header("set-cookie").isEmpty());
    const RawReply unknown = browser.signIn(QStringLiteral("nobody"), QStringLiteral("whatever-pass"));
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(unknown.error(), QStringLiteral("invalid_credentials"));
    const RawReply garbage = rawHttp(hq->port(), "POST", "/api/v1/hq/session", {}, "not json");
    EXPECT_EQ(garbage.status, 400);
    EXPECT_EQ(signedOut().get(QStringLiteral("/api/v1/hq/session")).error(), QStringLiteral("not_signed_in"));
    const RawReply made = rawHttp(hq->port(), "GET", "/api/v1/hq/session", {{"Cookie", "onsite_session=forged-id"}});
    EXPECT_EQ(made.status, 401);
    EXPECT_EQ(made.error(), QStringLiteral("not_signed_in"));
}

TEST_P(ConsoleSession, FailedTabletLoginsCountAgainstTheConsoleToo)
{
    ApiClient tablet(hq->baseUrl());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(tablet.login(QStringLiteral("g1.li"), QStringLiteral("guess-%1").arg(i), QStringLiteral("dev")).status, 401);
    ConsoleClient browser(hq->port());
    const RawReply refused = browser.signIn(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")));
    EXPECT_EQ(refused.status, 429) << refused.body.toStdString();
    EXPECT_EQ(refused.error(), QStringLiteral("too_many_attempts"));
    EXPECT_GT(refused.header("retry-after").toInt(), 0);
    // Another account is not held up.
    EXPECT_EQ(browser.signIn(QStringLiteral("kpb.admin"), HqProcess::passwordOf(QStringLiteral("kpb.admin"))).status, 200);
}

TEST_P(ConsoleSession, WritesNeedTheCsrfToken)
{
    ConsoleClient browser = console(QStringLiteral("kpb.admin"));
    const QJsonObject note{{QStringLiteral("note"), QStringLiteral("测试")}};
    const RawReply missing = browser.send("POST", QStringLiteral("/api/v1/hq/publications"), note, false);
    EXPECT_EQ(missing.status, 403);
    EXPECT_EQ(missing.error(), QStringLiteral("csrf_failed"));
    ConsoleClient wrongToken = browser;
    // One character changed (never the same one: a random token may begin with "x").
    const QString token = browser.csrfToken();
    wrongToken.setCsrfToken((token.startsWith(QLatin1Char('x')) ? QStringLiteral("y") : QStringLiteral("x")) + token.mid(1));
    const RawReply wrong = wrongToken.send("POST", QStringLiteral("/api/v1/hq/publications"), note);
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(wrong.error(), QStringLiteral("csrf_failed"));
    const RawReply signOutWithout = browser.send("DELETE", QStringLiteral("/api/v1/hq/session"), {}, false);
    EXPECT_EQ(signOutWithout.status, 403);
    EXPECT_EQ(signOutWithout.error(), QStringLiteral("csrf_failed"));
    // Nothing was published and the session still works.
    EXPECT_TRUE(database()->query(QStringLiteral("SELECT version FROM hq_result_versions")).empty());
    EXPECT_EQ(browser.get(QStringLiteral("/api/v1/hq/session")).status, 200);
    const RawReply published = browser.send("POST", QStringLiteral("/api/v1/hq/publications"), note);
    EXPECT_EQ(published.status, 201) << published.body.toStdString();
}

TEST_P(ConsoleSession, AWriteWithoutSessionOrTokenIsRefusedBeforeItsBodyIsRead)
{
    // A large body is announced but never sent: the answer comes from the header alone.
    QElapsedTimer timer;
    timer.start();
    const RawReply anonymous = rawHttp(hq->port(), "POST", "/api/v1/hq/publications", {{"Content-Length", "4000000"}});
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.error(), QStringLiteral("not_signed_in"));
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    const RawReply noToken = rawHttp(hq->port(), "POST", "/api/v1/hq/publications",
                                     {{"Cookie", admin.cookie()}, {"Content-Length", "4000000"}});
    EXPECT_EQ(noToken.status, 403);
    EXPECT_EQ(noToken.error(), QStringLiteral("csrf_failed"));
    EXPECT_LT(timer.elapsed(), 5000) << "answered without waiting for the body";
}

TEST_P(ConsoleSession, SignOutEndsTheSessionAtHq)
{
    ConsoleClient browser = console(QStringLiteral("kpb.admin"));
    const RawReply out = browser.send("DELETE", QStringLiteral("/api/v1/hq/session"));
    EXPECT_EQ(out.status, 204) << out.body.toStdString();
    const QByteArray cleared = out.header("set-cookie");
    EXPECT_TRUE(cleared.startsWith("onsite_session=;")) << cleared.toStdString();
    EXPECT_TRUE(cleared.contains("Max-Age=0")) << cleared.toStdString();
    EXPECT_TRUE(database()->query(QStringLiteral("SELECT id_hash FROM hq_console_sessions")).empty());
    // The old cookie, replayed, opens nothing.
    const RawReply replay = browser.get(QStringLiteral("/api/v1/hq/results"));
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(replay.error(), QStringLiteral("not_signed_in"));
}

TEST_P(ConsoleSession, RevokingAnAccountEndsItsConsoleSessions)
{
    ConsoleClient leader = console(QStringLiteral("g1.li"));
    ConsoleClient admin = console(QStringLiteral("kpb.admin"));
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("revoke"), QStringLiteral("g1.li")}, &out), 0) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("1 个控制台登录"))) << out.toStdString();
    EXPECT_EQ(leader.get(QStringLiteral("/api/v1/hq/session")).status, 401);
    EXPECT_EQ(admin.get(QStringLiteral("/api/v1/hq/session")).status, 200);
}

TEST_P(ConsoleSession, ExpiresAfterTwelveIdleHoursAndSevenDaysAtMost)
{
    auto iso = [](const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto db = database();

    // Used 11 hours ago: still valid, and the use moves the idle limit on.
    ConsoleClient recent = console(QStringLiteral("kpb.admin"));
    db->execute(QStringLiteral("UPDATE hq_console_sessions SET last_used_at = ?"), {iso(now.addSecs(-11 * 3600))});
    const RawReply kept = recent.get(QStringLiteral("/api/v1/hq/session"));
    ASSERT_EQ(kept.status, 200) << kept.body.toStdString();
    EXPECT_NEAR(now.secsTo(QDateTime::fromString(kept.json.value(QStringLiteral("expires_at")).toString(),
                                                 Qt::ISODateWithMs)),
                12 * 3600, 120);

    // Idle for 12 hours and a minute: expired.
    db->execute(QStringLiteral("UPDATE hq_console_sessions SET last_used_at = ?"), {iso(now.addSecs(-12 * 3600 - 60))});
    const RawReply idle = recent.get(QStringLiteral("/api/v1/hq/progress"));
    EXPECT_EQ(idle.status, 401);
    EXPECT_EQ(idle.error(), QStringLiteral("session_expired"));

    // Used a minute ago but signed in 7 days and a minute ago: expired too.
    ConsoleClient old = console(QStringLiteral("kpb.admin"));
    db->execute(QStringLiteral("UPDATE hq_console_sessions SET created_at = ?, last_used_at = ?"),
                {iso(now.addSecs(-7 * 24 * 3600 - 60)), iso(now.addSecs(-60))});
    const RawReply tooOld = old.get(QStringLiteral("/api/v1/hq/session"));
    EXPECT_EQ(tooOld.status, 401);
    EXPECT_EQ(tooOld.error(), QStringLiteral("session_expired"));
}

ONSITE_E2E_BACKENDS(ConsoleSession);

} // namespace
} // namespace onsite::test
