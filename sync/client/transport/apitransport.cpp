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

SyncError networkError(const NetworkFailure &failure, const QString &host, std::chrono::milliseconds timeout)
{
    using Kind = NetworkFailure::Kind;
    SyncError error;
    error.kind = SyncError::Kind::Unreachable;
    switch (failure.kind) {
    case Kind::TimedOut:
        error.kind = SyncError::Kind::Timeout;
        error.message = QCoreApplication::translate("ApiTransport", "服务器 %1 在 %2 秒内没有响应")
                            .arg(host)
                            .arg(timeout.count() / 1000.0);
        break;
    case Kind::ConnectTimedOut:
        error.kind = SyncError::Kind::Timeout;
        error.message = QCoreApplication::translate("ApiTransport", "连接服务器 %1 超时").arg(host);
        break;
    case Kind::Refused:
        error.message =
            QCoreApplication::translate("ApiTransport", "无法连接服务器 %1（连接被拒绝）")
                .arg(host);
        break;
    case Kind::HostNotFound:
        error.message =
            QCoreApplication::translate("ApiTransport", "找不到服务器 %1（请检查地址和网络）")
                .arg(host);
        break;
    case Kind::Closed:
        error.message =
            QCoreApplication::translate("ApiTransport", "服务器 %1 中断了连接").arg(host);
        break;
    case Kind::TlsHandshake:
        error.kind = SyncError::Kind::Tls;
        error.message =
            QCoreApplication::translate("ApiTransport",
                                        "与服务器 %1 的安全连接失败，证书不受信任（%2）")
                .arg(host, failure.sslProblems.isEmpty() ? failure.detail
                                                          : failure.sslProblems.join(QStringLiteral("; ")));
        break;
    case Kind::BadAnswer:
        error.kind = SyncError::Kind::BadAnswer;
        error.message = failure.detail;
        break;
    default:
        error.message =
            QCoreApplication::translate("ApiTransport", "无法连接服务器 %1：%2").arg(host, failure.detail);
    }
    return error;
}

// What went wrong with a reply of Qt's client that brought no answer.
NetworkFailure failureOf(QNetworkReply *reply, bool timedOut, const QStringList &sslProblems)
{
    using Kind = NetworkFailure::Kind;
    if (timedOut)
        return {Kind::TimedOut, {}, {}};
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return {Kind::Refused, reply->errorString(), {}};
    case QNetworkReply::HostNotFoundError:
        return {Kind::HostNotFound, reply->errorString(), {}};
    case QNetworkReply::RemoteHostClosedError:
        return {Kind::Closed, reply->errorString(), {}};
    case QNetworkReply::TimeoutError:
        return {Kind::ConnectTimedOut, reply->errorString(), {}};
    case QNetworkReply::SslHandshakeFailedError:
        return {Kind::TlsHandshake, reply->errorString(), sslProblems};
    default:
        return {Kind::Other, reply->errorString(), {}};
    }
}

SyncError serverError(int status, const QJsonObject &body, const QByteArray &retryAfter)
{
    SyncError error = SyncError::server(status, body.value(QStringLiteral("error")).toString(),
                                        body.value(QStringLiteral("message")).toString());
    if (!retryAfter.isEmpty())
        error.retryAfterSeconds = retryAfter.trimmed().toInt();
    if (body.value(QStringLiteral("received")).isDouble())
        error.received = body.value(QStringLiteral("received")).toInteger();
    return error;
}

// An answer off the wire (either client's) unpacked, expanded and read, or its failure
// in words for people.
ApiReply readAnswer(RawAnswer raw, ApiTransport::Wire wire, const QString &host, std::chrono::milliseconds timeout)
{
    ApiReply answer;
    answer.status = raw.status;
    answer.body = std::move(raw.body);
    if (raw.contentEncoding.trimmed().toLower() == "gzip") {
        // Broken or too large: no body, which the callers report as an unreadable answer.
        protocol::Inflated inflated = protocol::gzipDecompress(answer.body, kMaxUnpackedAnswer);
        answer.body = inflated.status == protocol::InflateStatus::Ok ? std::move(inflated.data) : QByteArray();
    }
    // Error answers are plain JSON on every path. Broken or too large: no body, as above.
    if (wire == ApiTransport::Wire::Compact && answer.status >= 200 && answer.status < 300 && !answer.body.isEmpty()) {
        bool tooLarge = false;
        answer.body = protocol::compact::expandJson(answer.body, static_cast<qsizetype>(kMaxUnpackedAnswer), &tooLarge)
                          .value_or(QByteArray());
    }
    answer.json = QJsonDocument::fromJson(answer.body).object();
    if (answer.status == 0 || raw.failure.kind != NetworkFailure::Kind::None)
        answer.error = networkError(raw.failure, host, timeout);
    else if (answer.status < 200 || answer.status >= 300)
        answer.error = serverError(answer.status, answer.json, raw.retryAfter);
    return answer;
}

} // namespace

ApiTransport::ApiTransport()
    : m_network(std::make_unique<QNetworkAccessManager>()), m_uploads(std::make_unique<HttpConnection>())
{
}

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
    if (!m_directUploads || !HttpConnection::reaches(request.url()))
        return send("PUT", request, bytes, std::move(handler));
    m_uploads->send("PUT", request, bytes, m_timeout,
                    [handler = std::move(handler), host = request.url().host(), timeout = m_timeout](const RawAnswer &raw) {
                        handler(readAnswer(raw, Wire::Plain, host, timeout));
                    });
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
        RawAnswer raw;
        raw.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        raw.body = reply->isOpen() ? reply->readAll() : QByteArray();
        raw.contentEncoding = reply->rawHeader("Content-Encoding");
        raw.retryAfter = reply->rawHeader("Retry-After");
        const bool timedOut = reply->property(kTimedOut).toBool();
        if (raw.status == 0 || timedOut)
            raw.failure = failureOf(reply, timedOut, *sslProblems);
        handler(readAnswer(std::move(raw), wire, host, timeout));
    });
}

} // namespace onsite::sync
