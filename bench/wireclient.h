#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <cstdint>
#include <utility>

namespace onsite::bench {

// Bytes that crossed the client's socket: request line, headers and body out;
// status line, headers and body in. TCP/IP framing is not included.
struct WireBytes
{
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    std::uint64_t total() const { return sent + received; }
    WireBytes operator-(const WireBytes &o) const { return {sent - o.sent, received - o.received}; }
};

struct WireReply
{
    int status = 0;
    QByteArray body; // unpacked when it came gzipped
    QJsonObject json;
};

// A blocking HTTP/1.1 client on one keep-alive connection, as one device holds it.
// It counts what it writes to and reads from the socket, so the wire bytes of a
// sync are measured, not estimated from body sizes. Headers are modelled on what the
// Qt device client (sync/client/apitransport.cpp via QNetworkAccessManager) sends,
// so the per-request overhead is a device's, not a minimal client's.
class WireClient
{
public:
    WireClient(const QString &host, std::uint16_t port);
    ~WireClient();

    void setToken(const QString &token) { m_token = token.toUtf8(); }
    // HQ's incarnation id as the device keeps it (HqRestore): its tag goes with every push
    // and pull, as SyncClient sends it, and HQ leaves the id out of answers while it holds.
    const QString &incarnation() const { return m_incarnation; }
    void setIncarnation(const QString &incarnation) { m_incarnation = incarnation; }
    // On (the default, as the device client): asks for gzip answers ("Accept-Encoding:
    // gzip", as ApiTransport sends) and unpacks them, and gzips request bodies from
    // protocol::kMinGzipBytes on. Off: neither, as clients and HQ did before.
    void setGzip(bool on) { m_gzip = on; }

    // Throws std::runtime_error on a socket error; HTTP errors come back as status. A target
    // under /api/v2/sync/ goes as protocol 2 (protocol/compactwire.h), as SyncClient sends
    // it: no X-Onsite-Protocol, the body compacted, a 2xx answer expanded.
    WireReply get(const QString &target);
    WireReply postJson(const QString &target, const QByteArray &body);

    WireBytes bytes() const { return m_bytes; }
    // Keeps a copy of every byte sent and received from now on (request and answer as
    // they crossed the socket, gzip bodies as gzip), to see where a sync's bytes go.
    void startCapture()
    {
        m_capture = QByteArray();
        m_capturing = true;
    }
    QByteArray takeCapture()
    {
        m_capturing = false;
        return std::exchange(m_capture, {});
    }
    // Connections the server had closed while idle and that were opened again.
    int reconnects() const { return m_reconnects; }

private:
    WireReply send(const char *method, const QString &target, const QByteArray *body);
    void connect();

    QString m_host;
    std::uint16_t m_port = 0;
    QByteArray m_token;
    QString m_incarnation;
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::socket m_socket;
    boost::beast::flat_buffer m_buffer; // bytes read past one response (none with one request in flight)
    WireBytes m_bytes;
    int m_reconnects = 0;
    bool m_gzip = true;
    bool m_capturing = false;
    QByteArray m_capture;
};

} // namespace onsite::bench
