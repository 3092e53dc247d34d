// Reachability: ProbeReachability against a real HTTP server on loopback (a tiny
// QTcpServer), going online when GET /api/v1/status answers 200 with JSON and offline
// when the server goes away; and the fake.
#include "platform/fakereachability.h"
#include "platform/probereachability.h"
#include "platformtesting.h"

#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <gtest/gtest.h>

#include <memory>

using namespace onsite::platform;
using onsite::test::waitFor;
using namespace std::chrono_literals;

namespace {

// Answers every request with `status` and `body`, then closes the connection (so a
// stopped server cannot keep answering over a kept-alive socket).
class StatusServer
{
public:
    int status = 200;
    QByteArray body = R"({"service":"onsite-hq","protocol":1})";
    QByteArray contentType = "application/json";
    QStringList paths; // request targets, in arrival order

    StatusServer()
    {
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    bool start(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void stop()
    {
        m_server.close();
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
            if (socket)
                socket->abort();
        }
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
    }

private:
    void serve(QTcpSocket *socket)
    {
        m_sockets << socket;
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            if (!buffer->contains("\r\n\r\n"))
                return;
            paths << QString::fromLatin1(buffer->left(buffer->indexOf("\r\n")).split(' ').value(1));
            buffer->clear();
            socket->write("HTTP/1.1 " + QByteArray::number(status) + " Status\r\nContent-Type: " + contentType
                          + "\r\nContent-Length: " + QByteArray::number(body.size())
                          + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
};

struct Changes
{
    QList<bool> seen;
};

void record(Reachability &reachability, Changes &changes)
{
    QObject::connect(&reachability, &Reachability::onlineChanged, &reachability,
                     [&changes](bool online) { changes.seen << online; });
}

} // namespace

TEST(PlatformReachability, GoesOnlineWhenTheServerAnswersAndOfflineWhenItStops)
{
    StatusServer server;
    ASSERT_TRUE(server.start());
    ProbeReachability reachability;
    reachability.setInterval(100ms);
    reachability.setRetryInterval(50ms);
    reachability.setTimeout(2s);
    Changes changes;
    record(reachability, changes);
    EXPECT_FALSE(reachability.isOnline()) << "online before anything was asked";

    reachability.setServerUrl(server.url());
    ASSERT_TRUE(waitFor([&] { return reachability.isOnline(); }));
    EXPECT_EQ(server.paths.value(0), QStringLiteral("/api/v1/status"));
    EXPECT_TRUE(reachability.lastError().isEmpty());

    // Still online across several probes, without repeating onlineChanged.
    const int probes = reachability.probeCount();
    ASSERT_TRUE(waitFor([&] { return reachability.probeCount() >= probes + 3; }));
    EXPECT_TRUE(reachability.isOnline());

    server.stop();
    ASSERT_TRUE(waitFor([&] { return !reachability.isOnline(); }));
    EXPECT_FALSE(reachability.lastError().isEmpty());
    EXPECT_EQ(changes.seen, (QList<bool>{true, false}));
}

TEST(PlatformReachability, RetriesSoonerAfterAFailure)
{
    // Probing every minute while well, every 50 ms while not: a server that comes back
    // must be noticed long before the minute is up.
    StatusServer server;
    ASSERT_TRUE(server.start());
    server.status = 503;
    ProbeReachability reachability;
    reachability.setInterval(60s);
    reachability.setRetryInterval(50ms);
    reachability.setServerUrl(server.url());
    ASSERT_TRUE(waitFor([&] { return reachability.probeCount() >= 2; }));
    EXPECT_FALSE(reachability.isOnline());
    EXPECT_TRUE(reachability.lastError().contains(QStringLiteral("503"))) << reachability.lastError().toStdString();

    server.status = 200;
    ASSERT_TRUE(waitFor([&] { return reachability.isOnline(); }, 3000));

    // Online now, so the next probe is a minute away.
    const int probes = reachability.probeCount();
    ASSERT_FALSE(waitFor([&] { return reachability.probeCount() > probes; }, 400));
}

TEST(PlatformReachability, AnOkPageThatIsNotHqDoesNotCountAsOnline)
{
    // What a captive portal (hotel or airport Wi-Fi) does: answer anything with its own page.
    StatusServer server;
    ASSERT_TRUE(server.start());
    server.contentType = "text/html";
    server.body = "<html><body>请登录网络</body></html>";
    ProbeReachability reachability;
    reachability.setRetryInterval(50ms);
    reachability.setServerUrl(server.url());
    ASSERT_TRUE(waitFor([&] { return reachability.probeCount() >= 2; }));
    EXPECT_FALSE(reachability.isOnline());
    EXPECT_FALSE(reachability.lastError().isEmpty());
}

TEST(PlatformReachability, AServerUnderABasePathIsProbedThere)
{
    StatusServer server;
    ASSERT_TRUE(server.start());
    ProbeReachability reachability;
    reachability.setServerUrl(server.url(QStringLiteral("/hq/")));
    ASSERT_TRUE(waitFor([&] { return reachability.isOnline(); }));
    EXPECT_EQ(server.paths.value(0), QStringLiteral("/hq/api/v1/status"));
}

TEST(PlatformReachability, NoServerMeansOfflineAndNoProbes)
{
    StatusServer server;
    ASSERT_TRUE(server.start());
    ProbeReachability reachability;
    reachability.setRetryInterval(20ms);
    reachability.setServerUrl(server.url());
    ASSERT_TRUE(waitFor([&] { return reachability.isOnline(); }));

    reachability.setServerUrl(QUrl());
    EXPECT_FALSE(reachability.isOnline());
    const int probes = reachability.probeCount();
    reachability.checkNow();
    EXPECT_FALSE(waitFor([&] { return reachability.probeCount() > probes; }, 300));
    EXPECT_FALSE(reachability.isOnline());
}

TEST(PlatformReachability, CheckNowProbesAtOnce)
{
    StatusServer server;
    ASSERT_TRUE(server.start());
    ProbeReachability reachability;
    reachability.setInterval(60s);
    reachability.setServerUrl(server.url());
    ASSERT_TRUE(waitFor([&] { return reachability.isOnline(); }));

    server.stop();
    reachability.checkNow();
    ASSERT_TRUE(waitFor([&] { return !reachability.isOnline(); }, 3000));
}

TEST(PlatformReachability, FakeSignalsOnlyRealChanges)
{
    FakeReachability reachability(false);
    Changes changes;
    record(reachability, changes);
    reachability.setOnline(true);
    reachability.setOnline(true);
    reachability.setOnline(false);
    EXPECT_EQ(changes.seen, (QList<bool>{true, false}));
    EXPECT_FALSE(reachability.isOnline());
    reachability.checkNow();
    EXPECT_EQ(reachability.checkCount(), 1);
}
