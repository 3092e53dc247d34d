#include "client/transport/httpconnection.h"

#include <QCoreApplication>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSslConfiguration>

#include <algorithm>

namespace onsite::sync {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kMaxChunkLine = 1024;
// HQ answers an upload with a few hundred bytes of JSON; anything near this is not HQ.
constexpr qint64 kMaxBody = 16 << 20;

bool isHttps(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

quint16 portOf(const QUrl &url)
{
    return static_cast<quint16>(url.port(isHttps(url) ? 443 : 80));
}

QString originOf(const QUrl &url)
{
    return url.scheme().toLower() + QLatin1String("://") + url.host() + QLatin1Char(':') +
           QString::number(portOf(url));
}

QString badAnswerText(const char *what)
{
    return QCoreApplication::translate("HttpConnection", "服务器的回答无法识别（%1）")
        .arg(QString::fromLatin1(what));
}

} // namespace

HttpConnection::HttpConnection()
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        if (m_busy)
            fail(NetworkFailure::Kind::TimedOut, {});
    });
}

HttpConnection::~HttpConnection()
{
    *m_alive = false;
    dropSocket();
}

bool HttpConnection::reaches(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return false;
    if (scheme == QLatin1String("https") && !QSslSocket::supportsSsl())
        return false;
    // The proxies Qt's client would use for this URL (it asks the same factory).
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    return proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy;
}

void HttpConnection::send(const QByteArray &verb, const QNetworkRequest &request,
                          const QByteArray &body, std::chrono::milliseconds timeout, Done done)
{
    m_queue.push_back({verb, request, body, timeout, std::move(done)});
    startNext();
}

void HttpConnection::startNext()
{
    if (m_busy || m_queue.empty())
        return;
    m_busy = true;
    m_resent = false;
    m_sslProblems.clear();
    const Pending &next = m_queue.front();
    const QUrl url = next.request.url();
    const bool sameTls =
        !isHttps(url) || (m_socket && m_socket->sslConfiguration().caCertificates() ==
                                          next.request.sslConfiguration().caCertificates());
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
        m_origin == originOf(url) && sameTls) {
        m_reused = true;
        writeRequest();
        return;
    }
    open(next);
}

void HttpConnection::open(const Pending &pending)
{
    dropSocket();
    const QUrl url = pending.request.url();
    auto *socket = new QSslSocket;
    m_socket = socket;
    m_origin = originOf(url);
    m_reused = false;
    socket->setProxy(QNetworkProxy::NoProxy); // reaches() said none applies
    QObject::connect(socket, &QIODevice::readyRead, socket, [this] { onReadable(); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket,
                     [this](QAbstractSocket::SocketError error) { onSocketError(error); });
    QObject::connect(socket, &QSslSocket::sslErrors, socket,
                     [this](const QList<QSslError> &errors) {
                         for (const QSslError &error : errors)
                             m_sslProblems << error.errorString();
                     });
    QObject::connect(socket, &QIODevice::bytesWritten, socket, [this] { restartTimer(); });
    QObject::connect(socket, &QSslSocket::encryptedBytesWritten, socket,
                     [this] { restartTimer(); });
    restartTimer();
    if (isHttps(url)) {
        socket->setSslConfiguration(pending.request.sslConfiguration());
        socket->setPeerVerifyName(url.host());
        QObject::connect(socket, &QSslSocket::encrypted, socket, [this] {
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            writeRequest();
        });
        socket->connectToHostEncrypted(url.host(), portOf(url));
    } else {
        // No Nagle: the tail of a chunk must not wait for the ACK of what went before it
        // (a proxy in front of HQ may delay its ACKs by 40 ms).
        QObject::connect(socket, &QAbstractSocket::connected, socket, [this] {
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            writeRequest();
        });
        socket->connectToHost(url.host(), portOf(url));
    }
}

void HttpConnection::writeRequest()
{
    const Pending &pending = m_queue.front();
    const QUrl url = pending.request.url();
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray head = pending.verb + ' ' + target + " HTTP/1.1\r\nHost: " +
                      url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1() +
                      "\r\n";
    for (const QByteArray &name : pending.request.rawHeaderList())
        head += name + ": " + pending.request.rawHeader(name) + "\r\n";
    head += "Content-Length: " + QByteArray::number(pending.body.size()) + "\r\n\r\n";

    m_in.clear();
    m_framing = Framing::Head;
    m_remaining = 0;
    m_keepAlive = true;
    m_answer = {};
    m_socket->write(head);
    if (!pending.body.isEmpty())
        m_socket->write(pending.body); // one piece: the socket hands it to the kernel as it drains
    restartTimer();
}

void HttpConnection::onReadable()
{
    if (!m_socket)
        return;
    m_in.append(m_socket->readAll());
    if (!m_busy) // an idle connection has nothing to say: not ours to read, forget it
        return dropSocket();
    restartTimer();
    parse();
}

void HttpConnection::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_busy)
        return dropSocket(); // the server closed a connection we were not using
    const std::uint64_t request = m_requestNumber;
    const std::shared_ptr<bool> alive = m_alive;
    if (m_socket && m_socket->bytesAvailable() > 0) {
        m_in.append(m_socket->readAll());
        parse();
        if (!*alive || !m_busy || m_requestNumber != request)
            return; // the bytes completed the answer
    }
    using Kind = NetworkFailure::Kind;
    const QString detail = m_socket ? m_socket->errorString() : QString();
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        if (m_framing == Framing::UntilClose)
            return complete();
        return fail(Kind::Closed, detail);
    case QAbstractSocket::ConnectionRefusedError:
        return fail(Kind::Refused, detail);
    case QAbstractSocket::HostNotFoundError:
        return fail(Kind::HostNotFound, detail);
    case QAbstractSocket::SocketTimeoutError:
        return fail(Kind::TimedOut, detail);
    case QAbstractSocket::SslHandshakeFailedError:
        return fail(Kind::TlsHandshake, detail);
    default:
        return fail(Kind::Other, detail);
    }
}

void HttpConnection::parse()
{
    for (;;) {
        switch (m_framing) {
        case Framing::Head: {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_in.size() > kMaxHead)
                    fail(NetworkFailure::Kind::BadAnswer, badAnswerText("header too long"));
                return;
            }
            if (const char *problem = takeHead(end))
                return fail(NetworkFailure::Kind::BadAnswer, badAnswerText(problem));
            continue; // a 1xx head leaves Framing::Head for the real one
        }
        case Framing::Length: {
            const qint64 take = std::min<qint64>(m_remaining, m_in.size());
            m_answer.body.append(m_in.constData(), take);
            m_in.remove(0, take);
            m_remaining -= take;
            if (m_remaining == 0)
                complete();
            return;
        }
        case Framing::Chunked: {
            const ChunkStep step = readChunked();
            if (step == ChunkStep::Broken)
                fail(NetworkFailure::Kind::BadAnswer, badAnswerText("chunked body"));
            else if (step == ChunkStep::Whole)
                complete();
            return;
        }
        case Framing::UntilClose:
            m_answer.body += m_in;
            m_in.clear();
            if (m_answer.body.size() > kMaxBody)
                fail(NetworkFailure::Kind::BadAnswer, badAnswerText("body too large"));
            return;
        }
    }
}

const char *HttpConnection::takeHead(qsizetype end)
{
    const QList<QByteArray> lines = m_in.left(end).split('\n');
    m_in.remove(0, end + 4);
    const QByteArray statusLine = lines.value(0).trimmed();
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ')
        return "status line";
    bool ok = false;
    const int status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 999)
        return "status";
    if (status < 200)
        return nullptr; // 100 Continue and the like: the answer's head comes next

    bool http10 = statusLine.startsWith("HTTP/1.0");
    m_keepAlive = !http10;
    qint64 length = -1;
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            const qint64 given = value.toLongLong(&ok);
            if (!ok || given < 0 || (length >= 0 && given != length))
                return "content-length";
            length = given;
        } else if (name == "transfer-encoding") {
            chunked = value.toLower().contains("chunked");
        } else if (name == "connection") {
            const QByteArray lower = value.toLower();
            if (lower.contains("close"))
                m_keepAlive = false;
            else if (http10 && lower.contains("keep-alive"))
                m_keepAlive = true;
        } else if (name == "content-encoding") {
            m_answer.contentEncoding = value;
        } else if (name == "retry-after") {
            m_answer.retryAfter = value;
        }
    }
    m_answer.status = status;
    const bool noBody = status == 204 || status == 304 || m_queue.front().verb == "HEAD";
    if (noBody) {
        m_framing = Framing::Length;
        m_remaining = 0;
    } else if (chunked) {
        m_framing = Framing::Chunked;
        m_remaining = 0;
    } else if (length >= 0) {
        if (length > kMaxBody)
            return "body too large";
        m_framing = Framing::Length;
        m_remaining = length;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
    }
    return nullptr;
}

// m_remaining in Framing::Chunked: > 0 data bytes of the current chunk still to come,
// 0 a size line is next, kChunkEnd the CRLF after a chunk's data, kTrailers the trailer
// lines after the last chunk.
HttpConnection::ChunkStep HttpConnection::readChunked()
{
    for (;;) {
        if (m_remaining > 0) {
            const qint64 take = std::min<qint64>(m_remaining, m_in.size());
            m_answer.body.append(m_in.constData(), take);
            m_in.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return ChunkStep::More;
            m_remaining = kChunkEnd;
            continue;
        }
        if (m_remaining == kChunkEnd) {
            if (m_in.size() < 2)
                return ChunkStep::More;
            if (!m_in.startsWith("\r\n"))
                return ChunkStep::Broken;
            m_in.remove(0, 2);
            m_remaining = 0;
            continue;
        }
        const qsizetype eol = m_in.indexOf("\r\n");
        if (eol < 0)
            return m_in.size() > kMaxChunkLine ? ChunkStep::Broken : ChunkStep::More;
        const QByteArray line = m_in.left(eol);
        m_in.remove(0, eol + 2);
        if (m_remaining == kTrailers) {
            if (line.isEmpty())
                return ChunkStep::Whole;
            continue; // a trailer field: nothing HQ sends that the device needs
        }
        const qsizetype semicolon = line.indexOf(';');
        bool ok = false;
        const qint64 size =
            (semicolon < 0 ? line : line.left(semicolon)).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || m_answer.body.size() + size > kMaxBody)
            return ChunkStep::Broken;
        m_remaining = size == 0 ? kTrailers : size;
    }
}

void HttpConnection::complete()
{
    RawAnswer answer = std::move(m_answer);
    m_answer = {};
    // Bytes after the answer, or a request the server answered before reading it all (an
    // early 413): this connection's framing can no longer be trusted.
    if (!m_keepAlive || !m_in.isEmpty() || (m_socket && m_socket->bytesToWrite() > 0))
        dropSocket();
    finish(std::move(answer));
}

void HttpConnection::fail(NetworkFailure::Kind kind, const QString &detail)
{
    // A kept-alive connection the server closed while idle: the request never reached it.
    const bool staleConnection = kind == NetworkFailure::Kind::Closed && m_reused && !m_resent &&
                                 m_framing == Framing::Head && m_in.isEmpty();
    dropSocket();
    if (staleConnection) {
        m_resent = true;
        open(m_queue.front());
        return;
    }
    RawAnswer answer;
    answer.failure = {kind, detail, m_sslProblems};
    finish(std::move(answer));
}

void HttpConnection::finish(RawAnswer answer)
{
    Pending done = std::move(m_queue.front());
    m_queue.pop_front();
    m_busy = false;
    ++m_requestNumber;
    m_timer.stop();
    const std::shared_ptr<bool> alive = m_alive;
    done.done(answer);
    if (*alive) // the handler may have destroyed us (and so the queue) or sent the next request
        startNext();
}

void HttpConnection::dropSocket()
{
    if (!m_socket)
        return;
    QSslSocket *socket = m_socket;
    m_socket = nullptr;
    m_origin.clear();
    socket->disconnect(); // no more signals to us, even from abort()
    socket->abort();
    socket->deleteLater(); // we may be inside one of its signals
}

void HttpConnection::restartTimer()
{
    if (m_busy && !m_queue.empty())
        m_timer.start(m_queue.front().timeout);
}

} // namespace onsite::sync
