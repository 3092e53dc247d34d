#pragma once

#include "client/transport/httpconnection.h"
#include "client/transport/syncerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkRequest;

namespace onsite::sync {

struct ApiReply
{
    SyncError error; // ok() for a 2xx answer
    int status = 0;  // HTTP status; 0 when no answer came
    QByteArray body;
    QJsonObject json; // the body, when it is a JSON object
};

// HTTP to onsite-hq: base URL, bearer token, protocol header, a timeout on every
// request, an extra trusted CA for self-signed deployments, and every failure turned
// into a SyncError with words for people. Asynchronous: handlers run on the event loop.
class ApiTransport
{
public:
    using Handler = std::function<void(const ApiReply &)>;
    // Plain: protocol 1's JSON, the version in X-Onsite-Protocol. Compact: protocol 2's
    // push and pull (protocol/compactwire.h): the path says the version, the body goes
    // out compacted and a 2xx answer is expanded before it is read.
    enum class Wire { Plain, Compact };

    ApiTransport();
    ~ApiTransport();
    ApiTransport(const ApiTransport &) = delete;
    ApiTransport &operator=(const ApiTransport &) = delete;

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    const QUrl &baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // Trusts the certificates of this PEM file besides the system's. Returns false,
    // with a message, when the file holds no certificate.
    bool setCaCertificateFile(const QString &path, QString *error);

    void get(const QString &path, const QUrlQuery &query, Handler handler, Wire wire = Wire::Plain);
    void postJson(const QString &path, const QJsonObject &body, Handler handler, Wire wire = Wire::Plain);
    // `json` is the body's compact JSON text, as Qt writes it (a push written directly).
    void postJsonText(const QString &path, QByteArray json, Handler handler, Wire wire = Wire::Plain);
    // Large bodies (photo chunks): over a connection of its own (HttpConnection) unless a
    // proxy applies or direct uploads are off, then through Qt's client like the rest.
    void putBytes(const QString &path, const QUrlQuery &query, const QByteArray &bytes, Handler handler);
    // On by default; off sends photo chunks through Qt's client (the benchmark compares both).
    void setDirectUploads(bool on) { m_directUploads = on; }

private:
    QNetworkRequest makeRequest(const QString &path, const QUrlQuery &query, Wire wire = Wire::Plain) const;
    void send(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body, Handler handler,
              Wire wire = Wire::Plain);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpConnection> m_uploads;
    bool m_directUploads = true;
    QUrl m_baseUrl;
    QString m_token;
    std::chrono::milliseconds m_timeout{30000};
    QList<QSslCertificate> m_extraCas;
    bool m_gzipBodies = true; // off once HQ answered 415 to a gzip body
};

} // namespace onsite::sync
