#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QtGlobal>

namespace onsite::test {

// Raw sockets for the HTTP-layer tests, where a well-behaved client library would hide
// the behaviour under test.

// A TCP connection to the server on loopback, closed with the object. `source`: a
// loopback address to connect from (127.0.0.2 plays another machine).
class RawSocket
{
public:
    explicit RawSocket(quint16 port, const char *source = nullptr);
    ~RawSocket();
    RawSocket(const RawSocket &) = delete;
    RawSocket &operator=(const RawSocket &) = delete;

    bool connected() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    // True when the server closed the connection within `timeoutMs` without a word.
    bool closedByPeer(int timeoutMs);
    bool sendAll(const QByteArray &bytes);
    // Everything the server sends until it closes (or the timeout).
    QByteArray readToEnd(int timeoutMs = 15000);

private:
    int m_fd = -1;
};

int statusOf(const QByteArray &response); // "HTTP/1.1 413 …" → 413, 0 without an answer
QJsonObject jsonBodyOf(const QByteArray &response);

// One request on its own connection ("Connection: close" expected in `request`).
QByteArray exchange(quint16 port, const QByteArray &request);

struct StreamOutcome
{
    QByteArray response;
    qint64 bodyBytesSent = 0;
};

// Sends `header`, then `piece` over and over up to `bodyBytes`, reading whatever the
// server answers meanwhile; stops when the server closes or everything is sent and answered.
StreamOutcome streamBody(quint16 port, const QByteArray &header, const QByteArray &piece, qint64 bodyBytes);

constexpr qint64 kMiB = 1024 * 1024;

} // namespace onsite::test
