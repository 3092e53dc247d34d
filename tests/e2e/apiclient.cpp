#include "apiclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

namespace onsite::test {

ApiReply ApiClient::get(const QString &path) { return send("GET", path, {}); }

ApiReply ApiClient::post(const QString &path, const QJsonObject &body)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiReply ApiClient::put(const QString &path, const QByteArray &body)
{
    return send("PUT", path, body, "application/octet-stream");
}

ApiReply ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                         const QByteArray &contentType)
{
    QNetworkRequest request(QUrl(m_baseUrl + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("X-Onsite-Protocol", "1");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    if (!m_ca.isNull()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_ca});
        request.setSslConfiguration(tls);
    }
    request.setTransferTimeout(60000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    ApiReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

ApiReply ApiClient::login(const QString &account, const QString &password, const QString &deviceId)
{
    const ApiReply reply = post(QStringLiteral("/api/v1/login"),
                                {{QStringLiteral("account"), account},
                                 {QStringLiteral("password"), password},
                                 {QStringLiteral("device_id"), deviceId},
                                 {QStringLiteral("device_name"), QStringLiteral("test")}});
    if (reply.status == 200)
        m_token = reply.json.value(QStringLiteral("token")).toString();
    return reply;
}

} // namespace onsite::test
