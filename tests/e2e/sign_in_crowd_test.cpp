// A crowd of tablets signing in at once: HQ checks only a bounded number of passwords
// at a time (argon2id, slow on purpose) and answers the rest 503 busy with Retry-After
// at once, so no sign-in waits for minutes and other requests keep being served
// (docs/BENCHMARKS.md, "Many tablets at once").
#include "e2efixture.h"

#include <QElapsedTimer>

#include <atomic>
#include <mutex>
#include <thread>

namespace onsite::test {
namespace {

using SignInCrowd = HqEndToEnd;

TEST_P(SignInCrowd, EverySignInIsAnsweredOkOrBusyAndTheRestOfHqStaysQuick)
{
    const QStringList accounts = {QStringLiteral("g1.li"),   QStringLiteral("g1.zhang"),
                                  QStringLiteral("g1.liu"),  QStringLiteral("g1.chen"),
                                  QStringLiteral("g2.yang"), QStringLiteral("g2.huang"),
                                  QStringLiteral("g3.xu"),   QStringLiteral("g3.hu")};
    constexpr int kDevicesPerAccount = 3;
    std::atomic<int> signedIn{0}, busy{0}, done{0};
    std::mutex problemsMutex;
    QStringList problems;
    std::vector<std::thread> crowd;
    const QString baseUrl = hq->baseUrl();
    for (int i = 0; i < accounts.size() * kDevicesPerAccount; ++i) {
        crowd.emplace_back([&, i] {
            ApiClient client(baseUrl);
            const QString account = accounts[i % accounts.size()];
            for (int attempt = 0; attempt < 100; ++attempt) {
                const ApiReply reply = client.login(account, HqProcess::passwordOf(account),
                                                    QStringLiteral("crowd-%1").arg(i));
                if (reply.status == 200) {
                    ++signedIn;
                    break;
                }
                const int retryAfter = reply.headers.value("retry-after").toInt();
                if (reply.status != 503 ||
                    reply.json.value(QStringLiteral("error")).toString() !=
                        QStringLiteral("busy") ||
                    retryAfter <= 0 || retryAfter > 60) {
                    std::lock_guard lock(problemsMutex);
                    problems << QStringLiteral("%1: HTTP %2 Retry-After %3 %4")
                                    .arg(account)
                                    .arg(reply.status)
                                    .arg(retryAfter)
                                    .arg(QString::fromUtf8(reply.body.left(200)));
                    break;
                }
                ++busy;
                // A device waits as told; sooner here, to keep the test short.
                std::this_thread::sleep_for(std::chrono::milliseconds(200 + 50 * (i % 5)));
            }
            ++done;
        });
    }
    // Meanwhile the workers not checking passwords answer everything else.
    ApiClient other(baseUrl);
    int asked = 0;
    qint64 slowest = 0;
    while (done.load() < int(crowd.size()) && asked < 2000) {
        QElapsedTimer timer;
        timer.start();
        ++asked;
        EXPECT_EQ(other.get(QStringLiteral("/api/v1/status")).status, 200);
        slowest = std::max(slowest, timer.elapsed());
    }
    for (std::thread &thread : crowd)
        thread.join();
    EXPECT_TRUE(problems.isEmpty()) << problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(signedIn.load(), int(crowd.size())) << busy.load() << " busy answers";
    EXPECT_GE(asked, 1);
    // Four argon2id checks on two loaded cores take seconds; a status request must not
    // wait behind the crowd of sign-ins for that long.
    EXPECT_LT(slowest, 3000) << "GET /api/v1/status waited " << slowest << " ms behind sign-ins";
    // A busy answer is not a failed attempt: the throttle did not lock anyone.
    ApiClient late(baseUrl);
    EXPECT_EQ(late.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                         QStringLiteral("late"))
                  .status,
              200);
}

TEST_P(SignInCrowd, AWrongPasswordInTheCrowdIsStillRefused)
{
    ApiClient client(hq->baseUrl());
    const ApiReply reply = client.login(QStringLiteral("g1.li"), QStringLiteral("not-the-password"),
                                        QStringLiteral("crowd-x"));
    EXPECT_EQ(reply.status, 401) << reply.body.toStdString();
    EXPECT_FALSE(reply.json.contains(QStringLiteral("token")));
}

ONSITE_E2E_BACKENDS(SignInCrowd);

} // namespace
} // namespace onsite::test
