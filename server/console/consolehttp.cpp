#include "consolehttp.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace onsite::console {

using http::Response;

Response badRequest(const QString &message) { return Response::error(400, QStringLiteral("bad_request"), message); }

Response notFound(const QString &message) { return Response::error(404, QStringLiteral("not_found"), message); }

Response forbidden(const QString &message) { return Response::error(403, QStringLiteral("forbidden"), message); }

Response methodNotAllowed(const QString &allowed)
{
    Response response =
        Response::error(405, QStringLiteral("method_not_allowed"), QStringLiteral("请使用 %1").arg(allowed));
    response.headers.insert("Allow", allowed.toLatin1());
    return response;
}

QString cookieValue(const http::Request &request, const QByteArray &name)
{
    for (const QByteArray &part : request.header("cookie").split(';')) {
        const QByteArray pair = part.trimmed();
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0 && pair.left(eq) == name)
            return QString::fromLatin1(pair.mid(eq + 1));
    }
    return {};
}

QString isoTime(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QJsonValue isoOrNull(const QDateTime &time) { return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(); }

QJsonValue textOrNull(const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); }

} // namespace onsite::console
