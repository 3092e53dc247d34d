#include "consoleclient.h"

#include <QJsonDocument>
#include <QTcpSocket>

namespace onsite::test {

RawReply rawHttp(quint16 port, const QByteArray &method, const QByteArray &target,
                 const QMap<QByteArray, QByteArray> &headers, const QByteArray &body)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request += it.key() + ": " + it.value() + "\r\n";
    const bool lengthGiven = headers.contains("Content-Length");
    if (!lengthGiven && (!body.isEmpty() || method == "POST" || method == "PUT" || method == "DELETE"))
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;

    RawReply reply;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(10000))
        return reply;
    socket.write(request);
    // Reads until the answer is complete by its Content-Length (or the server closes):
    // a server may keep reading a refused request's body before it closes.
    QByteArray received;
    auto complete = [&received] {
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = received.left(end).toLower();
        const qsizetype at = head.indexOf("\ncontent-length:");
        if (at < 0)
            return false;
        const qsizetype lineEnd = head.indexOf('\r', at + 1);
        const qint64 length = head.mid(at + 16, lineEnd - at - 16).trimmed().toLongLong();
        return received.size() - end - 4 >= length;
    };
    while (!complete() && socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(30000))
        received += socket.readAll();
    received += socket.readAll();

    const qsizetype headerEnd = received.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return reply;
    const QList<QByteArray> lines = received.left(headerEnd).split('\n');
    reply.status = lines.front().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    reply.body = received.mid(headerEnd + 4);
    if (reply.headers.contains("content-length"))
        reply.body.truncate(reply.headers.value("content-length").toLongLong());
    reply.json = QJsonDocument::fromJson(reply.body).object();
    return reply;
}

QMap<QByteArray, QByteArray> ConsoleClient::baseHeaders() const
{
    QMap<QByteArray, QByteArray> headers;
    if (!m_cookie.isEmpty())
        headers.insert("Cookie", m_cookie);
    return headers;
}

RawReply ConsoleClient::signIn(const QString &account, const QString &password)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("account"), account},
                                                      {QStringLiteral("password"), password}})
                                .toJson(QJsonDocument::Compact);
    const RawReply reply =
        rawHttp(m_port, "POST", "/api/v1/hq/session", {{"Content-Type", "application/json"}}, body);
    if (reply.status == 200) {
        m_cookie = reply.header("set-cookie").split(';').front();
        m_csrf = reply.json.value(QStringLiteral("csrf_token")).toString();
    }
    return reply;
}

RawReply ConsoleClient::get(const QString &path, const QMap<QByteArray, QByteArray> &headers) const
{
    QMap<QByteArray, QByteArray> all = baseHeaders();
    all.insert(headers);
    return rawHttp(m_port, "GET", path.toUtf8(), all);
}

RawReply ConsoleClient::send(const QByteArray &method, const QString &path, const QJsonObject &body,
                             bool withCsrf) const
{
    QMap<QByteArray, QByteArray> headers = baseHeaders();
    headers.insert("Content-Type", "application/json");
    if (withCsrf)
        headers.insert("X-CSRF-Token", m_csrf.toLatin1());
    return rawHttp(m_port, method, path.toUtf8(), headers,
                   body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace onsite::test
