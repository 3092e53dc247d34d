#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QString>

namespace onsite::test {

struct ApiReply
{
    int status = 0; // 0: no HTTP answer (connection failed)
    QByteArray body;
    QJsonObject json;
    QMap<QByteArray, QByteArray> headers;
    QString networkError;
};

// A blocking HTTP client for tests: each call runs its own event loop until the
// answer (or a timeout), so test code reads top to bottom.
class ApiClient
{
public:
    explicit ApiClient(QString baseUrl) : m_baseUrl(std::move(baseUrl)) {}

    void setToken(const QString &token) { m_token = token; }
    const QString &baseUrl() const { return m_baseUrl; }
    void setCaCertificate(const QSslCertificate &certificate) { m_ca = certificate; }

    ApiReply get(const QString &path);
    ApiReply post(const QString &path, const QJsonObject &body);
    ApiReply put(const QString &path, const QByteArray &body);
    ApiReply send(const QByteArray &method, const QString &path, const QByteArray &body,
                  const QByteArray &contentType = "application/json");

    // Logs in and keeps the token; returns the reply.
    ApiReply login(const QString &account, const QString &password, const QString &deviceId);

private:
    QString m_baseUrl;
    QString m_token;
    QSslCertificate m_ca;
    QNetworkAccessManager m_network;
};

} // namespace onsite::test
