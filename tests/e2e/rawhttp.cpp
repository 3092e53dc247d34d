#include "rawhttp.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace onsite::test {

RawSocket::RawSocket(quint16 port, const char *source)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd >= 0 && source) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, source, &local.sin_addr);
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0) {
            ::close(m_fd);
            m_fd = -1;
            return;
        }
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (m_fd >= 0 && ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawSocket::~RawSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawSocket::closedByPeer(int timeoutMs)
{
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
        return false;
    char byte;
    return ::recv(m_fd, &byte, 1, 0) == 0;
}

bool RawSocket::sendAll(const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

QByteArray RawSocket::readToEnd(int timeoutMs)
{
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    char buffer[16384];
    while (timer.elapsed() < timeoutMs) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        answer.append(buffer, n);
    }
    return answer;
}

int statusOf(const QByteArray &response)
{
    // "HTTP/1.1 413 Payload Too Large"
    return response.startsWith("HTTP/1.") ? response.mid(9, 3).toInt() : 0;
}

QJsonObject jsonBodyOf(const QByteArray &response)
{
    const qsizetype end = response.indexOf("\r\n\r\n");
    return end < 0 ? QJsonObject() : QJsonDocument::fromJson(response.mid(end + 4)).object();
}

QByteArray exchange(quint16 port, const QByteArray &request)
{
    RawSocket socket(port);
    if (!socket.connected() || !socket.sendAll(request))
        return {};
    return socket.readToEnd();
}

StreamOutcome streamBody(quint16 port, const QByteArray &header, const QByteArray &piece, qint64 bodyBytes)
{
    StreamOutcome outcome;
    RawSocket socket(port);
    if (!socket.connected() || !socket.sendAll(header))
        return outcome;
    ::fcntl(socket.fd(), F_SETFL, ::fcntl(socket.fd(), F_GETFL) | O_NONBLOCK);
    bool canSend = true;
    qsizetype pieceOffset = 0;
    QElapsedTimer timer;
    timer.start();
    char buffer[16384];
    while (timer.elapsed() < 60000) {
        const bool wantSend = canSend && outcome.bodyBytesSent < bodyBytes;
        pollfd p{socket.fd(), static_cast<short>(POLLIN | (wantSend ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
            if (n > 0) {
                outcome.response.append(buffer, n);
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
                break; // closed (or reset) by the server
        }
        if (wantSend && (p.revents & POLLOUT)) {
            const qint64 left = qMin<qint64>(piece.size() - pieceOffset, bodyBytes - outcome.bodyBytesSent);
            const ssize_t n = ::send(socket.fd(), piece.constData() + pieceOffset, static_cast<size_t>(left), MSG_NOSIGNAL);
            if (n > 0) {
                outcome.bodyBytesSent += n;
                pieceOffset = (pieceOffset + n) % piece.size();
            } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
                canSend = false; // the server hung up on us; its answer may still be readable
            }
        }
    }
    return outcome;
}

} // namespace onsite::test
