#pragma once

// A tiny HTTP/1.1 server on loopback answering canned responses, for SyncClient and
// SyncEngine tests. Runs on the test's event loop; supports keep-alive, dropping a
// connection mid-request (a cut line) and never answering (a hung server). With a
// certificate and key it serves TLS instead (QSslServer).
#include "protocol/gzip.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <vector>

namespace onsite::test {

struct FakeRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body; // as sent: gzipped when the client packed it

    // The JSON body, unpacked first if the client sent it gzipped (as it does for
    // large pushes).
    QJsonObject json() const
    {
        if (header("Content-Encoding") != "gzip")
            return QJsonDocument::fromJson(body).object();
        return QJsonDocument::fromJson(protocol::gzipDecompress(body, 64u << 20).data).object();
    }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool drop = false;     // close the connection without answering (a cut line)
    bool silent = false;   // keep the connection open and never answer

    static FakeResponse json(int status, const QJsonObject &body)
    {
        return {status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, false, false};
    }
    static FakeResponse error(int status, const QString &code, const QString &message)
    {
        return json(status, {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}});
    }
};

class FakeHq
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeHq(Handler handler, const QSslConfiguration &tls = {}) : m_handler(std::move(handler))
    {
        if (!tls.isNull()) {
            auto *server = new QSslServer;
            server->setSslConfiguration(tls);
            m_server.reset(server);
        } else {
            m_server = std::make_unique<QTcpServer>();
        }
        QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, m_server.get(), [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                serve(socket);
        });
        m_server->listen(QHostAddress::LocalHost, 0);
    }

    QUrl url(const QString &scheme = QStringLiteral("http")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(m_server->serverPort()));
    }
    bool listening() const { return m_server->isListening(); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    std::vector<FakeRequest> requests; // every complete request, in arrival order
    // Off: an HQ before protocol 2, which answers 404 to the compact push and pull
    // (protocol/compactwire.h) without showing them to the handler or in `requests`; a
    // SyncClient then goes on in protocol 1. On: the handler sees them (and answers
    // plain JSON unless it compacts it: expanding leaves plain JSON as it is).
    bool speaksCompact = false;
    int compactRefusals = 0;

    std::vector<FakeRequest> requestsTo(const QString &pathPrefix) const
    {
        std::vector<FakeRequest> found;
        for (const FakeRequest &r : requests) {
            if (r.path.startsWith(pathPrefix))
                found.push_back(r);
        }
        return found;
    }

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            while (handleOne(socket, *buffer)) {
            }
        });
    }

    // Handles one complete request from the front of `buffer`; false when incomplete.
    bool handleOne(QTcpSocket *socket, QByteArray &buffer)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        FakeRequest request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        const QUrl target(QString::fromLatin1(first.value(1)));
        request.path = target.path();
        request.query = QUrlQuery(target);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < end + 4 + length)
            return false;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        const bool refused = !speaksCompact && request.path.startsWith(QLatin1String("/api/v2/"));
        if (refused)
            ++compactRefusals;
        else
            requests.push_back(request);

        const FakeResponse response =
            refused ? FakeResponse::error(404, QStringLiteral("not_found"), QStringLiteral("没有这个地址"))
                    : m_handler(request);
        if (response.drop) {
            socket->abort();
            return false;
        }
        if (response.silent)
            return false;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
        if (response.status != 204)
            head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(response.body.size()) +
                    "\r\n";
        for (const auto &[name, value] : response.headers)
            head += name + ": " + value + "\r\n";
        socket->write(head + "\r\n" + response.body);
        return true;
    }

    std::unique_ptr<QTcpServer> m_server;
    Handler m_handler;
};

// A self-signed certificate for 127.0.0.1, made with openssl in a folder of its own, as a
// server's TLS configuration (null when openssl could not make one) and the PEM file a
// client must be given as its CA to trust that server.
struct SelfSignedTls
{
    SelfSignedTls()
    {
        const QString key = folder.filePath(QStringLiteral("key.pem"));
        certificate = folder.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.setStandardOutputFile(QProcess::nullDevice());
        openssl.setStandardErrorFile(QProcess::nullDevice());
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate, QStringLiteral("-days"),
                       QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        const bool made = openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit &&
                          openssl.exitCode() == 0;
        QFile keyFile(key);
        if (!made || !keyFile.open(QIODevice::ReadOnly))
            return;
        server = QSslConfiguration::defaultConfiguration();
        server.setLocalCertificate(QSslCertificate::fromPath(certificate).value(0));
        server.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        server.setPeerVerifyMode(QSslSocket::VerifyNone);
    }

    QTemporaryDir folder;
    QString certificate;
    QSslConfiguration server;
};

// Processes events until `done` holds or the time is up; returns whether it held.
inline bool waitUntil(const std::function<bool()> &done, int milliseconds = 5000)
{
    QDeadlineTimer deadline(milliseconds);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
    return true;
}

} // namespace onsite::test
