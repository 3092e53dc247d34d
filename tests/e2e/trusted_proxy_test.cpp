// serve --trusted-proxy: behind nginx every device reaches HQ from the proxy's address.
// Only from a trusted proxy does HQ take the device's address from X-Forwarded-For (the
// last entry, the one the proxy appended), for the sign-in throttle's per-address
// budget; the proxy's own connections are not held to the per-address limit. From any
// other peer the header is the client's word and is ignored.
#include "hardeningfixture.h"

#include <QJsonDocument>
#include <QThread>

namespace onsite::test {
namespace {

constexpr const char *kProxy = "127.0.0.3";
constexpr const char *kStranger = "127.0.0.2";

class TrustedProxy : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq = std::make_unique<HqProcess>(Backend::Sqlite);
        hq->prepare();
        hq->start({QStringLiteral("--trusted-proxy"), QString::fromLatin1(kProxy),
                   QStringLiteral("--trusted-proxy"), QStringLiteral("::1"),
                   QStringLiteral("--max-connections-per-address"), QStringLiteral("2")});
    }
    void TearDown() override
    {
        if (hq)
            hq->terminate();
    }

    // A sign-in sent from `source` with `forwardedFor` as its X-Forwarded-For header.
    int signIn(const char *source, const QByteArray &forwardedFor, const QString &account, const QString &password)
    {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("account"), account},
                                                          {QStringLiteral("password"), password},
                                                          {QStringLiteral("device_id"), QStringLiteral("dev-proxy")}})
                                    .toJson(QJsonDocument::Compact);
        QByteArray request = "POST /api/v1/login HTTP/1.1\r\nHost: hq\r\nConnection: close\r\n"
                             "Content-Type: application/json\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n";
        if (!forwardedFor.isEmpty())
            request += "X-Forwarded-For: " + forwardedFor + "\r\n";
        request += "\r\n" + body;
        RawSocket socket(hq->port(), source);
        if (!socket.connected() || !socket.sendAll(request))
            return 0;
        return statusOf(socket.readToEnd());
    }

    // Failed sign-ins of made-up accounts (one each, so no account is locked) until the
    // address's budget (20) is spent; the next is refused whatever its account.
    void spendTheBudget(const char *source, const QByteArray &forwardedFor)
    {
        for (int i = 0; i < 20; ++i) {
            ASSERT_EQ(signIn(source, forwardedFor, QStringLiteral("nobody-%1").arg(i), QStringLiteral("wrong-pass")), 401)
                << "attempt " << i;
        }
        ASSERT_EQ(signIn(source, forwardedFor, QStringLiteral("nobody-x"), QStringLiteral("wrong-pass")), 429);
    }

    std::unique_ptr<HqProcess> hq;
};

TEST_F(TrustedProxy, EachDeviceBehindTheProxyHasItsOwnSignInBudget)
{
    // A guesser behind the proxy (the proxy appended its address last; the first entry
    // is whatever the guesser wrote) spends its address's budget…
    spendTheBudget(kProxy, "198.51.100.7, 10.1.1.1");
    EXPECT_EQ(signIn(kProxy, "10.1.1.1", QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li"))), 429);
    // …and a colleague behind the same proxy still signs in, even writing the guesser's
    // address first in their own header.
    EXPECT_EQ(signIn(kProxy, "10.1.1.1, 10.1.1.2", QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li"))),
              200);
    // A header that is no address is ignored: the proxy's own address counts.
    EXPECT_EQ(signIn(kProxy, "not-an-address", QStringLiteral("g1.zhang"),
                     HqProcess::passwordOf(QStringLiteral("g1.zhang"))),
              200);
}

TEST_F(TrustedProxy, AHeaderFromAnyOtherPeerIsIgnored)
{
    // A client reaching HQ directly cannot pose as many addresses: every attempt counts
    // against its own.
    spendTheBudget(kStranger, "10.2.2.1");
    EXPECT_EQ(signIn(kStranger, "10.2.2.2", QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li"))), 429);
    EXPECT_EQ(signIn(kStranger, "", QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li"))), 429);
    // The proxy, which forwarded none of these, is not touched by them.
    EXPECT_EQ(signIn(kProxy, "10.2.2.1", QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li"))), 200);
}

TEST_F(TrustedProxy, TheProxysConnectionsAreNotHeldToThePerAddressLimit)
{
    std::vector<std::unique_ptr<RawSocket>> held;
    for (int i = 0; i < 4; ++i)
        held.push_back(std::make_unique<RawSocket>(hq->port(), kProxy));
    std::vector<std::unique_ptr<RawSocket>> stranger;
    for (int i = 0; i < 2; ++i)
        stranger.push_back(std::make_unique<RawSocket>(hq->port(), kStranger));
    QThread::msleep(300); // let the server take them all
    RawSocket third(hq->port(), kStranger);
    ASSERT_TRUE(third.connected());
    EXPECT_TRUE(third.closedByPeer(5000)) << "a third connection of an untrusted address was kept";
    RawSocket fifth(hq->port(), kProxy);
    ASSERT_TRUE(fifth.sendAll("GET /api/v1/status HTTP/1.1\r\nHost: hq\r\nConnection: close\r\n\r\n"));
    EXPECT_EQ(statusOf(fifth.readToEnd()), 200) << "the proxy's fifth connection was refused";
}

TEST_F(TrustedProxy, AnAddressThatIsNoneIsRefusedAtStart)
{
    QString out;
    EXPECT_EQ(hq->admin({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                         QStringLiteral("--trusted-proxy"), QStringLiteral("nginx.local")},
                        &out),
              2)
        << out.toStdString();
}

} // namespace
} // namespace onsite::test
