#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <exception>
#include <optional>

namespace onsite::http {

// A request as the API layer sees it: the HTTP layer has already read and capped the
// body, so handlers never touch sockets.
struct Request
{
    QString method; // "GET", "POST", …
    QString path;   // decoded path without the query
    QMap<QString, QString> query;
    QMap<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
    QString peer; // remote address, for rate limits and logs

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;

    static Response json(int status, const QJsonObject &body);
    static Response error(int status, const QString &code, const QString &message);
    static Response bytes(const QByteArray &body, const QByteArray &contentType);
    // 204: no body, so no Content-Type and no Content-Length either.
    static Response noContent();
    // A failure inside HQ: the details (SQL, paths) go to HQ's log under a reference,
    // the client gets the reference only.
    static Response internalError(const Request &request, const std::exception &error);
};

// The body as a JSON object, or nothing when it is not one.
std::optional<QJsonObject> parseJsonObject(const QByteArray &body);

// Splits "a=1&b=%E4%B8%AD" into decoded pairs.
QMap<QString, QString> parseQuery(const QByteArray &query);

// Sets the decoded path and the query of a request target ("/a%20b?x=1"); a function of
// its own so that the fuzz harness (tests/fuzz) reaches it without a socket.
void applyTarget(Request &request, const QByteArray &target);

} // namespace onsite::http
