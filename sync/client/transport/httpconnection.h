#pragma once

#include <QByteArray>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslSocket>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>

namespace onsite::sync {

// Why no answer came, in terms both HTTP paths (Qt's client and HttpConnection) share.
struct NetworkFailure
{
    enum class Kind
    {
        None,
        TimedOut,        // nothing moved for the request's timeout
        ConnectTimedOut, // Qt's client gave up connecting
        Refused,
        HostNotFound,
        Closed,
        TlsHandshake,
        BadAnswer, // an answer came that is not HTTP as this device reads it
        Other,
    };
    Kind kind = Kind::None;
    QString detail;          // the socket's or client's own words
    QStringList sslProblems; // the certificate problems of a refused handshake
};

// An answer as it came off the wire, before it is unpacked and read as JSON.
struct RawAnswer
{
    int status = 0; // 0: no answer (see failure)
    QByteArray body;
    QByteArray contentEncoding;
    QByteArray retryAfter;
    NetworkFailure failure;
};

// One kept-alive HTTP/1.1 connection of its own, for request bodies of many MB (photo
// chunks). Qt's client moves an upload 16 KiB at a time between its HTTP thread and the
// caller's, about ten times curl's CPU per byte; here a chunk is one write into the
// socket. Requests go one after another on the connection, in the order given; a
// connection the server closed while idle is reopened and the request sent once more.
// Asynchronous: `done` runs on the event loop, never after the connection is destroyed.
class HttpConnection
{
public:
    using Done = std::function<void(const RawAnswer &)>;

    HttpConnection();
    ~HttpConnection();
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    // Whether `url` can go over this connection: http or https with no proxy to pass
    // through (proxies stay with Qt's client, which speaks to them).
    static bool reaches(const QUrl &url);

    // The request's URL, raw headers and TLS configuration are used as Qt's client
    // would; `timeout` counts from the last byte that moved either way.
    void send(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
              std::chrono::milliseconds timeout, Done done);

private:
    struct Pending
    {
        QByteArray verb;
        QNetworkRequest request;
        QByteArray body;
        std::chrono::milliseconds timeout;
        Done done;
    };
    enum class Framing
    {
        Head,
        Length,
        Chunked,
        UntilClose
    };
    enum class ChunkStep
    {
        More,
        Whole,
        Broken
    };
    static constexpr qint64 kChunkEnd = -1;
    static constexpr qint64 kTrailers = -2;

    void startNext();
    void open(const Pending &pending);
    void writeRequest();
    void onReadable();
    void onSocketError(QAbstractSocket::SocketError error);
    // Reads what has come of the answer; completes or fails the request once it can.
    void parse();
    // The answer's head, the m_in bytes before `end`; what is wrong with it, or null.
    const char *takeHead(qsizetype end);
    ChunkStep readChunked();
    void complete();
    void fail(NetworkFailure::Kind kind, const QString &detail);
    void finish(RawAnswer answer);
    void dropSocket();
    void restartTimer();

    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::deque<Pending> m_queue;
    bool m_busy = false;
    std::uint64_t m_requestNumber = 0; // requests finished so far
    QPointer<QSslSocket> m_socket;
    QString m_origin;      // scheme://host:port of m_socket
    bool m_reused = false; // the request in flight went out on a connection used before
    bool m_resent = false;
    QStringList m_sslProblems;
    QTimer m_timer;

    QByteArray m_in;
    Framing m_framing = Framing::Head;
    qint64 m_remaining = 0; // body bytes still to come (Length), or of the current chunk
    bool m_keepAlive = true;
    RawAnswer m_answer;
};

} // namespace onsite::sync
