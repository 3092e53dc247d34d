#include "httpmessage.h"

#include <QJsonDocument>
#include <QUrl>

namespace onsite::http {

Response Response::json(int status, const QJsonObject &body)
{
    Response response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

Response Response::error(int status, const QString &code, const QString &message)
{
    return json(status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}});
}

Response Response::bytes(const QByteArray &body, const QByteArray &contentType)
{
    Response response;
    response.body = body;
    response.contentType = contentType;
    return response;
}

QMap<QString, QString> parseQuery(const QByteArray &query)
{
    QMap<QString, QString> result;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        result.insert(QUrl::fromPercentEncoding(key), QUrl::fromPercentEncoding(value));
    }
    return result;
}

} // namespace onsite::http
