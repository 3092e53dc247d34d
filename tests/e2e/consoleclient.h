#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace onsite::test {

struct RawReply
{
    int status = 0; // 0: no HTTP answer
    QMap<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
    QJsonObject json;

    QByteArray header(const QByteArray &name) const { return headers.value(name); }
    QString error() const { return json.value(QStringLiteral("error")).toString(); }
};

// One HTTP/1.1 request on its own connection, sent byte for byte as given (no path
// normalisation, no automatic decompression or cookies): what a browser or an
// attacker could send.
RawReply rawHttp(quint16 port, const QByteArray &method, const QByteArray &target,
                 const QMap<QByteArray, QByteArray> &headers = {}, const QByteArray &body = {});

// A browser on the HQ console: keeps the session cookie and the CSRF token.
class ConsoleClient
{
public:
    explicit ConsoleClient(quint16 port) : m_port(port) {}

    // POST /api/v1/hq/session; keeps cookie and token on success.
    RawReply signIn(const QString &account, const QString &password);
    RawReply get(const QString &path, const QMap<QByteArray, QByteArray> &headers = {}) const;
    // A write carrying the CSRF token (unless `withCsrf` is false).
    RawReply send(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                  bool withCsrf = true) const;

    const QByteArray &cookie() const { return m_cookie; } // "onsite_session=…"
    const QString &csrfToken() const { return m_csrf; }
    void setCsrfToken(const QString &token) { m_csrf = token; }

private:
    QMap<QByteArray, QByteArray> baseHeaders() const;

    quint16 m_port;
    QByteArray m_cookie;
    QString m_csrf;
};

} // namespace onsite::test
