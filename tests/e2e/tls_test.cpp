// onsite-hq over TLS with a self-signed certificate (as an HQ without a public CA would
// run it): trusted clients work, everyone else gets nothing; and plain HTTP is refused
// on a public address unless the operator insists.
#include "apiclient.h"
#include "hqprocess.h"

#include <QProcess>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace onsite::test {
namespace {

class Tls : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!QSslSocket::supportsSsl())
            GTEST_SKIP() << "Qt has no TLS backend here";
        ASSERT_TRUE(m_dir.isValid());
        certFile = m_dir.filePath(QStringLiteral("cert.pem"));
        keyFile = m_dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), keyFile,
                       QStringLiteral("-out"), certFile});
        if (!openssl.waitForStarted())
            GTEST_SKIP() << "the openssl command is not installed";
        ASSERT_TRUE(openssl.waitForFinished(60000));
        ASSERT_EQ(openssl.exitCode(), 0) << openssl.readAll().toStdString();
        const auto certificates = QSslCertificate::fromPath(certFile);
        ASSERT_EQ(certificates.size(), 1);
        certificate = certificates.front();

        hq = std::make_unique<HqProcess>(Backend::Sqlite);
        hq->prepare();
    }
    void TearDown() override
    {
        if (hq)
            hq->terminate();
    }

    void startWithTls()
    {
        hq->start({QStringLiteral("--tls-cert"), certFile, QStringLiteral("--tls-key"), keyFile});
        ASSERT_TRUE(hq->baseUrl().startsWith(QStringLiteral("https://"))) << hq->serverOutput().toStdString();
    }

    QTemporaryDir m_dir;
    QString certFile;
    QString keyFile;
    QSslCertificate certificate;
    std::unique_ptr<HqProcess> hq;
};

TEST_F(Tls, ClientTrustingTheCertificateSyncs)
{
    startWithTls();
    ApiClient client(hq->baseUrl());
    client.setCaCertificate(certificate);
    const ApiReply status = client.get(QStringLiteral("/api/v1/status"));
    EXPECT_EQ(status.status, 200) << status.networkError.toStdString();
    EXPECT_EQ(status.json.value(QStringLiteral("service")).toString(), QStringLiteral("onsite-hq"));

    const ApiReply login = client.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                        QStringLiteral("dev-li"));
    ASSERT_EQ(login.status, 200) << login.body.toStdString() << login.networkError.toStdString();
    EXPECT_FALSE(login.json.value(QStringLiteral("token")).toString().isEmpty());
    EXPECT_EQ(client.get(QStringLiteral("/api/v1/bootstrap")).status, 200);
}

TEST_F(Tls, ClientNotTrustingTheCertificateGetsNothing)
{
    startWithTls();
    // Without the CA, the self-signed certificate must fail verification: no HTTP answer at all.
    ApiClient stranger(hq->baseUrl());
    const ApiReply status = stranger.get(QStringLiteral("/api/v1/status"));
    EXPECT_EQ(status.status, 0);
    EXPECT_TRUE(status.networkError.contains(QStringLiteral("SSL"), Qt::CaseInsensitive) ||
                status.networkError.contains(QStringLiteral("certificate"), Qt::CaseInsensitive))
        << status.networkError.toStdString();
    const ApiReply login = stranger.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                          QStringLiteral("dev-li"));
    EXPECT_EQ(login.status, 0) << "a password went to an unverified server";
}

TEST_F(Tls, PlainHttpOnTheTlsPortIsNotServed)
{
    startWithTls();
    ApiClient plain(QStringLiteral("http://127.0.0.1:%1").arg(hq->port()));
    const ApiReply status = plain.get(QStringLiteral("/api/v1/status"));
    EXPECT_NE(status.status, 200);
    EXPECT_FALSE(status.json.contains(QStringLiteral("service")));

    // The failed handshake did not take the service down for proper clients.
    ApiClient client(hq->baseUrl());
    client.setCaCertificate(certificate);
    EXPECT_EQ(client.get(QStringLiteral("/api/v1/status")).status, 200);
}

// Only forward-secret AEAD suites on TLS 1.2: a client offering nothing but AES128-SHA
// (RSA key exchange, CBC) gets no session, one offering ECDHE-GCM does.
TEST_F(Tls, WeakTls12SuitesAreNotOffered)
{
    startWithTls();
    auto handshake = [&](const QString &cipher) {
        QProcess client;
        client.setProcessChannelMode(QProcess::MergedChannels);
        client.start(QStringLiteral("openssl"),
                     {QStringLiteral("s_client"), QStringLiteral("-connect"), QStringLiteral("127.0.0.1:%1").arg(hq->port()),
                      QStringLiteral("-tls1_2"), QStringLiteral("-cipher"), cipher, QStringLiteral("-CAfile"), certFile});
        client.closeWriteChannel();
        EXPECT_TRUE(client.waitForFinished(20000));
        return QString::fromUtf8(client.readAll());
    };
    const QString weak = handshake(QStringLiteral("AES128-SHA"));
    EXPECT_FALSE(weak.contains(QStringLiteral("Cipher is AES128-SHA"))) << weak.toStdString();
    EXPECT_TRUE(weak.contains(QStringLiteral("Cipher is (NONE)")) || weak.contains(QStringLiteral("handshake failure")))
        << weak.toStdString();
    const QString strong = handshake(QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
    EXPECT_TRUE(strong.contains(QStringLiteral("Cipher is ECDHE-RSA-AES128-GCM-SHA256"))) << strong.toStdString();
}

TEST_F(Tls, PlainHttpOnPublicAddressNeedsExplicitConsent)
{
    QProcess serve;
    serve.start(HqProcess::binary(), QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")} +
                                         hq->dataArguments());
    ASSERT_TRUE(serve.waitForStarted());
    if (!serve.waitForFinished(15000)) {
        serve.kill();
        serve.waitForFinished();
        FAIL() << "serve ran on 0.0.0.0 without TLS";
    }
    const QString output = QString::fromUtf8(serve.readAllStandardOutput() + serve.readAllStandardError());
    EXPECT_EQ(serve.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(serve.exitCode(), 2) << output.toStdString();
    EXPECT_TRUE(output.contains(QStringLiteral("TLS")) || output.contains(QStringLiteral("--tls-cert")))
        << output.toStdString();
    EXPECT_TRUE(output.contains(QStringLiteral("--insecure"))) << output.toStdString();
    EXPECT_FALSE(output.contains(QStringLiteral("listening on"))) << output.toStdString();
}

} // namespace
} // namespace onsite::test
