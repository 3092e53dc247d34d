#include "client/transport/apitransport.h"

#include "protocol/compactwire.h"
#include "protocol/gzip.h"
#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

namespace onsite::sync {

namespace {

const char *const kTimedOut = "onsiteTimedOut";
// An unpacked answer larger than this is refused (a pull page of 5,000 changes is a few MB).
constexpr std::uint64_t kMaxUnpackedAnswer = 256u << 20;

SyncError networkError(QNetworkReply *reply, const QString &host, std::chrono::milliseconds timeout,
                       const QStringList &sslProblems)
{
    SyncError error;
    const QString detail = reply->errorString();
    if (reply->property(kTimedOut).toBool()) {
        error.kind = SyncError::Kind::Timeout;
        error.message = QCoreApplication::translate("ApiTransport", "服务器 %1 在 %2 秒内没有响应")
                            .arg(host)
                            .arg(timeout.count() / 1000.0);
        return error;
    }
    error.kind = SyncError::Kind::Unreachable;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        error.message =
            QCoreApplication::translate("ApiTransport", "无法连接服务器 %1（连接被拒绝）")
                .arg(host);
        break;
    case QNetworkReply::HostNotFoundError:
        error.message =
            QCoreApplication::translate("ApiTransport", "找不到服务器 %1（请检查地址和网络）")
                .arg(host);
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.message =
            QCoreApplication::translate("ApiTransport", "服务器 %1 中断了连接").arg(host);
        break;
    case QNetworkReply::TimeoutError:
        error.kind = SyncError::Kind::Timeout;
        error.message = QCoreApplication::translate("ApiTransport", "连接服务器 %1 超时").arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = SyncError::Kind::Tls;
        error.message =
            QCoreApplication::translate("ApiTransport",
                                        "与服务器 %1 的安全连接失败，证书不受信任（%2）")
                .arg(host, sslProblems.isEmpty() ? detail : sslProblems.join(QStringLiteral("; ")));
        break;
    default:
        error.message =
            QCoreApplication::translate("ApiTransport", "无法连接服务器 %1：%2").arg(host, detail);
    }
    return error;
}

SyncError serverError(int status, const QJsonObject &body, QNetworkReply *reply)
{
    SyncError error = SyncError::server(status, body.value(QStringLiteral("error")).toString(),
                                        body.value(QStringLiteral("message")).toString());
    if (reply->hasRawHeader("Retry-After"))
        error.retryAfterSeconds = reply->rawHeader("Retry-After").trimmed().toInt();
    if (body.value(QStringLiteral("received")).isDouble())
        error.received = body.value(QStringLiteral("received")).toInteger();
    return error;
}

} // namespace

ApiTransport::ApiTransport() : m_network(std::make_unique<QNetworkAccessManager>()) {}

ApiTransport::~ApiTransport()
{
    // Handlers capture their callers, which may be going away with us: never call them.
    for (QNetworkReply *reply : m_network->findChildren<QNetworkReply *>()) {
        reply->disconnect();
        reply->abort();
    }
}

bool ApiTransport::setCaCertificateFile(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        m_extraCas.clear();
        return true;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    if (certificates.isEmpty()) {
        *error =
            QCoreApplication::translate("ApiTransport", "无法从 %1 读取 CA 证书（需要 PEM 格式）")
                .arg(path);
        return false;
    }
    m_extraCas = certificates;
    return true;
}

QNetworkRequest ApiTransport::makeRequest(const QString &path, const QUrlQuery &query, Wire wire) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    if (wire == Wire::Plain)
        request.setRawHeader(protocol::kVersionHeader, QByteArray::number(protocol::kPlainVersion));
    // No "Accept": HQ answers JSON whatever it says, and it was 26 bytes of every request.
    // Qt would ask for "gzip, deflate" and unpack itself; HQ sends only gzip, so the
    // device asks for that alone and unpacks it in send() (9 bytes less per request).
    request.setRawHeader("Accept-Encoding", "gzip");
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("onsite-field/1"));
    // HQ's messages are Chinese whatever the tablet's locale; Qt would otherwise list the
    // system's languages ("zh-CN,zh,en-US,*") in every request.
    request.setRawHeader("Accept-Language", "zh");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!m_extraCas.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_extraCas);
        request.setSslConfiguration(tls);
    }
    return request;
}

void ApiTransport::get(const QString &path, const QUrlQuery &query, Handler handler, Wire wire)
{
    send("GET", makeRequest(path, query, wire), {}, std::move(handler), wire);
}

void ApiTransport::postJson(const QString &path, const QJsonObject &body, Handler handler, Wire wire)
{
    postJsonText(path, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(handler), wire);
}

void ApiTransport::postJsonText(const QString &path, QByteArray json, Handler handler, Wire wire)
{
    QNetworkRequest request = makeRequest(path, {}, wire);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (wire == Wire::Compact)
        json = protocol::compact::compactJson(json);
    // A push of a day's scores shrinks to a fraction on a tablet's mobile link. HQ
    // answers 415 (with "Accept-Encoding") if it takes no gzip bodies: then plain, and
    // never gzip again to it.
    if (!m_gzipBodies || json.size() < protocol::kMinGzipBytes)
        return send("POST", request, json, std::move(handler), wire);
    QNetworkRequest packed = request;
    packed.setRawHeader("Content-Encoding", "gzip");
    send(
        "POST", packed, protocol::gzipCompress(json),
        [this, request, json, wire, handler = std::move(handler)](const ApiReply &reply) {
            if (reply.status != 415)
                return handler(reply);
            m_gzipBodies = false;
            send("POST", request, json, handler, wire);
        },
        wire);
}

void ApiTransport::putBytes(const QString &path, const QUrlQuery &query, const QByteArray &bytes, Handler handler)
{
    QNetworkRequest request = makeRequest(path, query);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
    send("PUT", request, bytes, std::move(handler));
}

void ApiTransport::send(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
                        Handler handler, Wire wire)
{
    QNetworkReply *reply = verb == "GET" ? m_network->get(request) : m_network->sendCustomRequest(request, verb, body);
    // A timer per request, restarted while bytes flow: a slow photo upload on a weak
    // line is fine, a server that stopped answering is not.
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setInterval(m_timeout);
    QObject::connect(timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty(kTimedOut, true);
        reply->abort();
    });
    auto restart = [timer] { timer->start(); };
    QObject::connect(reply, &QNetworkReply::uploadProgress, timer, restart);
    QObject::connect(reply, &QNetworkReply::downloadProgress, timer, restart);
    timer->start();

    auto sslProblems = std::make_shared<QStringList>();
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [sslProblems](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            *sslProblems << e.errorString();
    });
    const QString host = request.url().host();
    const std::chrono::milliseconds timeout = m_timeout;
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, handler, host, timeout, sslProblems, wire] {
        reply->deleteLater();
        ApiReply answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->isOpen() ? reply->readAll() : QByteArray();
        if (reply->rawHeader("Content-Encoding").trimmed().toLower() == "gzip") {
            // Broken or too large: no body, which the callers report as an unreadable answer.
            protocol::Inflated inflated = protocol::gzipDecompress(answer.body, kMaxUnpackedAnswer);
            answer.body = inflated.status == protocol::InflateStatus::Ok ? std::move(inflated.data) : QByteArray();
        }
        // Error answers are plain JSON on every path. Broken or too large: no body, as above.
        if (wire == Wire::Compact && answer.status >= 200 && answer.status < 300 && !answer.body.isEmpty()) {
            bool tooLarge = false;
            answer.body =
                protocol::compact::expandJson(answer.body, static_cast<qsizetype>(kMaxUnpackedAnswer), &tooLarge)
                    .value_or(QByteArray());
        }
        const QJsonDocument document = QJsonDocument::fromJson(answer.body);
        answer.json = document.object();
        if (answer.status == 0 || reply->property(kTimedOut).toBool())
            answer.error = networkError(reply, host, timeout, *sslProblems);
        else if (answer.status < 200 || answer.status >= 300)
            answer.error = serverError(answer.status, answer.json, reply);
        handler(answer);
    });
}

} // namespace onsite::sync
