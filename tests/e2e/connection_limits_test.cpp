// The HTTP layer of onsite-hq under many or stubborn connections: one address flooding
// the server, running out of file descriptors, idle and slow clients, bursts, refused
// sign-ins. Bodies are in http_hardening_test.cpp.
#include "hardeningfixture.h"

#include <QDir>
#include <QThread>

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <latch>
#include <thread>
#include <vector>

namespace onsite::test {
namespace {

// Half-open connections from one address used to fill every slot of the server.
TEST_F(HttpHardening, OneAddressCannotTakeEveryConnection)
{
    std::vector<std::unique_ptr<RawSocket>> flood;
    for (int i = 0; i < 64; ++i) {
        flood.push_back(std::make_unique<RawSocket>(hq->port(), "127.0.0.2"));
        ASSERT_TRUE(flood.back()->connected()) << "connection " << i;
    }
    QThread::msleep(300); // let the server take them all
    RawSocket oneTooMany(hq->port(), "127.0.0.2");
    ASSERT_TRUE(oneTooMany.connected());
    EXPECT_TRUE(oneTooMany.closedByPeer(5000)) << "the 65th connection of one address is refused";
    EXPECT_EQ(statusCode(), 200) << "another address is still served";
}

// At the descriptor limit accept() fails at once; retrying at once spun a core at 100%.
TEST_F(HttpHardening, DescriptorExhaustionNeitherSpinsNorLocksOutForGood)
{
    ASSERT_EQ(statusCode(), 200);
    const pid_t pid = static_cast<pid_t>(hq->pid());
    const int open = static_cast<int>(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files).size());
    ASSERT_GT(open, 0);
    rlimit low{static_cast<rlim_t>(open + 8), static_cast<rlim_t>(open + 8)};
    ASSERT_EQ(::prlimit(pid, RLIMIT_NOFILE, &low, nullptr), 0) << std::strerror(errno);

    std::vector<std::unique_ptr<RawSocket>> held;
    for (int i = 0; i < 30; ++i)
        held.push_back(std::make_unique<RawSocket>(hq->port(), "127.0.0.2"));
    QThread::msleep(300);
    const double cpuBefore = hq->cpuSeconds();
    QThread::msleep(2000);
    const double cpuUsed = hq->cpuSeconds() - cpuBefore;
    EXPECT_LT(cpuUsed, 0.5) << "the accept loop spun for " << cpuUsed << " s of CPU in 2 s";

    held.clear(); // descriptors come back: the server accepts again
    rlimit normal{4096, 4096};
    ::prlimit(pid, RLIMIT_NOFILE, &normal, nullptr);
    bool served = false;
    for (int attempt = 0; attempt < 50 && !served; ++attempt) {
        served = statusCode() == 200;
        if (!served)
            QThread::msleep(100);
    }
    EXPECT_TRUE(served);
}

TEST_F(HttpHardening, OverlongNamesAtSignInAreRefused)
{
    ApiClient client(hq->baseUrl());
    const ApiReply reply = client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                        QString(200, QLatin1Char('d')));
    EXPECT_EQ(reply.status, 400) << reply.body.toStdString();
    EXPECT_EQ(client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")), QStringLiteral("dev-ok")).status,
              200);
}

TEST_F(HttpHardening, IdleAndSlowClientsDoNotBlockOthers)
{
    // 50 connections that never finish a request: half silent, half stuck mid-header.
    std::vector<std::unique_ptr<RawSocket>> idle;
    for (int i = 0; i < 50; ++i) {
        idle.push_back(std::make_unique<RawSocket>(hq->port()));
        ASSERT_TRUE(idle.back()->connected());
        if (i % 2) {
            ASSERT_TRUE(idle.back()->sendAll("GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        }
    }

    // And one that sends its body a byte at a time.
    const QByteArray body = R"({"account":"g1.li","device_id":"slow-tablet"})";
    std::atomic<bool> slowDone{false};
    QByteArray slowAnswer;
    std::thread slow([&] {
        RawSocket socket(hq->port());
        socket.sendAll("POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Connection: close\r\nContent-Length: " +
                       QByteArray::number(body.size()) + "\r\n\r\n");
        for (char byte : body) {
            socket.sendAll(QByteArray(1, byte));
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
        }
        slowAnswer = socket.readToEnd();
        slowDone = true;
    });

    // Others keep asking for the status for as long as the slow client is sending.
    QElapsedTimer timer;
    int asked = 0, served = 0;
    while (!slowDone && asked < 500) {
        timer.start();
        ++asked;
        if (statusCode() == 200)
            ++served;
        EXPECT_LT(timer.elapsed(), 2000) << "status took " << timer.elapsed() << " ms behind idle clients";
    }
    slow.join();
    EXPECT_EQ(served, asked);
    EXPECT_GE(asked, 5) << "the slow client finished before the others were served: nothing was tested";
    // The slow request itself was read completely and answered on its merits (no password).
    EXPECT_EQ(statusOf(slowAnswer), 400) << slowAnswer.left(300).toStdString();
    EXPECT_EQ(jsonBodyOf(slowAnswer).value(QStringLiteral("error")).toString(), QStringLiteral("bad_request"));
}

TEST_F(HttpHardening, ManyConcurrentConnectionsAllSucceed)
{
    constexpr int kClients = 40;
    std::latch ready(kClients);
    std::vector<QByteArray> answers(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&, i] {
            RawSocket socket(hq->port());
            ready.arrive_and_wait(); // all connected before any asks
            socket.sendAll("GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            answers[static_cast<size_t>(i)] = socket.readToEnd();
        });
    }
    for (std::thread &client : clients)
        client.join();
    for (int i = 0; i < kClients; ++i) {
        EXPECT_EQ(statusOf(answers[static_cast<size_t>(i)]), 200) << "client " << i;
        EXPECT_EQ(jsonBodyOf(answers[static_cast<size_t>(i)]).value(QStringLiteral("service")).toString(),
                  QStringLiteral("onsite-hq"));
    }
}

TEST_F(HttpHardening, RefusedLoginsDoNotAccumulateMemory)
{
    // Once this address is throttled (20 failures), every further attempt is answered
    // 429 at once. Those answers must not cost HQ memory that is never given back, or
    // an anonymous client can grow the server without limit by inventing account names.
    ApiClient client(hq->baseUrl());
    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(client.login(QStringLiteral("nobody.%1").arg(i), QStringLiteral("guess"), QStringLiteral("dev")).status, 401);
    ASSERT_EQ(client.login(QStringLiteral("nobody.x"), QStringLiteral("guess"), QStringLiteral("dev")).status, 429);

    const qint64 before = hq->residentKiB();
    const QString padding(100, QLatin1Char('a')); // names are at most 128 characters
    for (int i = 0; i < 100; ++i) {
        const ApiReply reply = client.login(padding + QString::number(i), QStringLiteral("guess"), QStringLiteral("dev"));
        ASSERT_EQ(reply.status, 429) << reply.body.left(200).toStdString();
    }
    const qint64 after = hq->residentKiB();
    EXPECT_LE(after, before + 64 * 1024) << "100 refused logins grew RSS from " << before << " KiB to " << after << " KiB";
}

} // namespace
} // namespace onsite::test
