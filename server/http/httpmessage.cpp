#include "httpmessage.h"

#include <QJsonDocument>
#include <QUrl>
#include <QUuid>

#include <cstdio>

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

Response Response::noContent()
{
    Response response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

Response Response::internalError(const Request &request, const std::exception &error)
{
    const QString reference = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    const QByteArray line = QStringLiteral("onsite-hq: internal error %1 on %2 %3: %4\n")
                                .arg(reference, request.method, request.path, QString::fromUtf8(error.what()))
                                .toUtf8();
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    return Response::error(500, QStringLiteral("internal"),
                           QStringLiteral("服务器内部错误，已记录（编号 %1），请稍后重试或联系考评办").arg(reference));
}

std::optional<QJsonObject> parseJsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
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

void applyTarget(Request &request, const QByteArray &target)
{
    const qsizetype question = target.indexOf('?');
    const QByteArray path = question < 0 ? target : target.left(question);
    request.path = QString::fromUtf8(QByteArray::fromPercentEncoding(path));
    request.query = question < 0 ? QMap<QString, QString>() : parseQuery(target.mid(question + 1));
}

} // namespace onsite::http
