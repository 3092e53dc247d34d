// Sign-in and device tokens against a real onsite-hq: what a lost or stolen tablet,
// a password guesser and a confused device each get.
#include "e2efixture.h"

namespace onsite::test {
namespace {

using Auth = HqEndToEnd;

QString errorOf(const ApiReply &reply) { return reply.json.value(QStringLiteral("error")).toString(); }

TEST_P(Auth, WrongPasswordAndUnknownAccountAreIndistinguishable)
{
    ApiClient client(hq->baseUrl());
    const ApiReply wrong = client.login(QStringLiteral("g1.li"), QStringLiteral("not-the-password"), QStringLiteral("dev-1"));
    EXPECT_EQ(wrong.status, 401) << wrong.body.toStdString();
    EXPECT_EQ(errorOf(wrong), QStringLiteral("invalid_credentials"));
    EXPECT_FALSE(wrong.json.contains(QStringLiteral("token")));

    // Same status, code and text for an account that does not exist: a guesser cannot
    // learn which accounts are real.
    const ApiReply unknown = client.login(QStringLiteral("nobody.here"), QStringLiteral("not-the-password"),
                                          QStringLiteral("dev-1"));
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(errorOf(unknown), errorOf(wrong));
    EXPECT_EQ(unknown.json.value(QStringLiteral("message")), wrong.json.value(QStringLiteral("message")));
}

TEST_P(Auth, MissingOrGarbageTokenIsRefused)
{
    ApiClient anonymous(hq->baseUrl());
    const ApiReply none = anonymous.get(QStringLiteral("/api/v1/bootstrap"));
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(errorOf(none), QStringLiteral("invalid_token"));

    ApiClient garbage(hq->baseUrl());
    garbage.setToken(QStringLiteral("garbage"));
    const ApiReply bad = garbage.get(QStringLiteral("/api/v1/sync/pull?since=0"));
    EXPECT_EQ(bad.status, 401);
    EXPECT_EQ(errorOf(bad), QStringLiteral("invalid_token"));

    // Well-formed (64 hex digits, like a real token) but never issued.
    garbage.setToken(QString(64, QLatin1Char('a')));
    const ApiReply forged = garbage.get(QStringLiteral("/api/v1/bootstrap"));
    EXPECT_EQ(forged.status, 401);
    EXPECT_EQ(errorOf(forged), QStringLiteral("invalid_token"));
}

TEST_P(Auth, ANewPasswordSignsEveryDeviceOut)
{
    // Whoever learnt the old password (and signed in a device with it) is out.
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    auto other = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-unknown"));
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("set-password"), QStringLiteral("g1.li")}, &out, "brand-new-password-2026\n"), 0)
        << out.toStdString();
    for (ApiClient *device : {li.get(), other.get()}) {
        const ApiReply refused = device->get(QStringLiteral("/api/v1/bootstrap"));
        EXPECT_EQ(refused.status, 401);
        EXPECT_EQ(errorOf(refused), QStringLiteral("token_revoked")) << refused.body.toStdString();
    }
    EXPECT_EQ(li->login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-li")).status,
              401);
    EXPECT_EQ(li->login(QStringLiteral("g1.li"), QStringLiteral("brand-new-password-2026"), QStringLiteral("dev-li")).status, 200);
    EXPECT_EQ(li->get(QStringLiteral("/api/v1/bootstrap")).status, 200);
}

TEST_P(Auth, ADisabledAccountIsSignedOutAndCannotSignIn)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("disable-account"), QStringLiteral("g1.li")}, &out), 0) << out.toStdString();

    const ApiReply refused = li->get(QStringLiteral("/api/v1/bootstrap"));
    EXPECT_EQ(refused.status, 401);
    const ApiReply login = li->login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-li"));
    EXPECT_EQ(login.status, 403);
    EXPECT_EQ(errorOf(login), QStringLiteral("account_disabled")) << login.body.toStdString();
    // A wrong password learns nothing about the account's state.
    EXPECT_EQ(li->login(QStringLiteral("g1.li"), QStringLiteral("wrong-password"), QStringLiteral("dev-li")).status, 401);
    EXPECT_EQ(zhang->get(QStringLiteral("/api/v1/bootstrap")).status, 200) << "only g1.li was disabled";

    ASSERT_EQ(hq->admin({QStringLiteral("enable-account"), QStringLiteral("g1.li")}, &out), 0) << out.toStdString();
    EXPECT_EQ(li->login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-li")).status,
              200);
    EXPECT_NE(hq->admin({QStringLiteral("disable-account"), QStringLiteral("nobody")}, &out), 0);
}

TEST_P(Auth, RevokedDeviceIsRefusedUntilItSignsInAgain)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-zhang"));
    ASSERT_EQ(li->get(QStringLiteral("/api/v1/bootstrap")).status, 200);

    // HQ revokes while the service runs (a lost tablet): the admin command writes to the
    // same database, and the running server must see it at once.
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("revoke"), QStringLiteral("g1.li")}, &out), 0) << out.toStdString();

    const ApiReply revoked = li->get(QStringLiteral("/api/v1/bootstrap"));
    EXPECT_EQ(revoked.status, 401);
    EXPECT_EQ(errorOf(revoked), QStringLiteral("token_revoked")) << revoked.body.toStdString();
    const ApiReply push = li->post(QStringLiteral("/api/v1/sync/push"),
                                   pushBody(QStringLiteral("dev-li"),
                                            {scoreMutation(1, QStringLiteral("s-1"), QStringLiteral("DC"),
                                                           QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                                           QStringLiteral("好"), 1000)}));
    EXPECT_EQ(push.status, 401) << "a revoked device could still write";
    EXPECT_EQ(pullAll(*zhang).size(), 0u);

    // Only g1.li was signed out.
    EXPECT_EQ(zhang->get(QStringLiteral("/api/v1/bootstrap")).status, 200);

    // The rightful owner signs in again on the same tablet and works on.
    const ApiReply again = li->login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                     QStringLiteral("dev-li"));
    ASSERT_EQ(again.status, 200) << again.body.toStdString();
    EXPECT_EQ(li->get(QStringLiteral("/api/v1/bootstrap")).status, 200);
}

TEST_P(Auth, FiveFailuresLockTheAccountEvenForTheRightPassword)
{
    ApiClient guesser(hq->baseUrl());
    for (int i = 0; i < 5; ++i) {
        const ApiReply reply = guesser.login(QStringLiteral("g1.li"), QStringLiteral("guess-%1").arg(i), QStringLiteral("dev-x"));
        ASSERT_EQ(reply.status, 401) << "attempt " << i << ": " << reply.body.toStdString();
    }
    // The sixth attempt is refused before the password is looked at, so even the right
    // one does not confirm a guess.
    const ApiReply locked = guesser.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                          QStringLiteral("dev-x"));
    EXPECT_EQ(locked.status, 429) << locked.body.toStdString();
    EXPECT_EQ(errorOf(locked), QStringLiteral("too_many_attempts"));
    EXPECT_FALSE(locked.json.contains(QStringLiteral("token")));
    bool numeric = false;
    const int retryAfter = locked.headers.value("retry-after").toInt(&numeric);
    EXPECT_TRUE(numeric) << "Retry-After missing or not seconds: " << locked.headers.value("retry-after").toStdString();
    EXPECT_GT(retryAfter, 0);
    EXPECT_LE(retryAfter, 300);

    // The lock is per account: a colleague on the same office network still signs in.
    ApiClient colleague(hq->baseUrl());
    EXPECT_EQ(colleague.login(QStringLiteral("g1.zhang"), HqProcess::passwordOf(QStringLiteral("g1.zhang")),
                              QStringLiteral("dev-zhang"))
                  .status,
              200);
}

TEST_P(Auth, ShortPasswordIsRefusedAndTheOldOneStays)
{
    QString out;
    const int code = hq->admin({QStringLiteral("set-password"), QStringLiteral("g1.li")}, &out, "short7\n");
    EXPECT_NE(code, 0) << out.toStdString();
    EXPECT_FALSE(out.trimmed().isEmpty()) << "no reason given";

    ApiClient client(hq->baseUrl());
    EXPECT_EQ(client.login(QStringLiteral("g1.li"), QStringLiteral("short7"), QStringLiteral("dev-li")).status, 401);
    EXPECT_EQ(client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-li"))
                  .status,
              200);
}

TEST_P(Auth, TokenOfOneDeviceCannotPushForAnother)
{
    auto li = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-a"));
    auto zhang = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-b"));
    // dev-a's token claiming to be dev-b: it would otherwise advance dev-b's sequence
    // and have dev-b's next real mutations taken for replays.
    const ApiReply push = li->post(QStringLiteral("/api/v1/sync/push"),
                                   pushBody(QStringLiteral("dev-b"),
                                            {scoreMutation(1, QStringLiteral("s-1"), QStringLiteral("DC"),
                                                           QStringLiteral("1.4"), QStringLiteral("g1.li"),
                                                           QStringLiteral("好"), 1000)}));
    EXPECT_EQ(push.status, 403) << push.body.toStdString();
    EXPECT_EQ(errorOf(push), QStringLiteral("forbidden"));
    EXPECT_TRUE(pullAll(*zhang).empty()) << "the refused push changed something";

    // dev-b's own first mutation is still taken as new, not as a replay of seq 1.
    const ApiReply own = zhang->post(QStringLiteral("/api/v1/sync/push"),
                                     pushBody(QStringLiteral("dev-b"),
                                              {scoreMutation(1, QStringLiteral("s-2"), QStringLiteral("DC"),
                                                             QStringLiteral("1.4"), QStringLiteral("g1.zhang"),
                                                             QStringLiteral("好"), 2000)}));
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.json.value(QStringLiteral("results")).toArray().first().toObject().value(QStringLiteral("status")).toString(),
              QStringLiteral("applied"));
}

ONSITE_E2E_BACKENDS(Auth);

} // namespace
} // namespace onsite::test
