#include "wireclient.h"

#include "protocol/compactwire.h"
#include "protocol/gzip.h"

#include <QJsonDocument>

#include <boost/asio/connect.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace onsite::bench {

namespace http = boost::beast::http;
using boost::asio::ip::tcp;

namespace {

// Forwards to the socket and counts every byte, whichever Beast call moves it.
class CountingStream
{
public:
    using executor_type = tcp::socket::executor_type;

    CountingStream(tcp::socket &socket, WireBytes &bytes, QByteArray *capture)
        : m_socket(socket), m_bytes(bytes), m_capture(capture)
    {
    }
    executor_type get_executor() { return m_socket.get_executor(); }

    template <class Buffers>
    std::size_t read_some(const Buffers &buffers, boost::system::error_code &ec)
    {
        const std::size_t n = m_socket.read_some(buffers, ec);
        m_bytes.received += n;
        keep(buffers, n);
        return n;
    }
    template <class Buffers>
    std::size_t read_some(const Buffers &buffers)
    {
        boost::system::error_code ec;
        const std::size_t n = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }
    template <class Buffers>
    std::size_t write_some(const Buffers &buffers, boost::system::error_code &ec)
    {
        const std::size_t n = m_socket.write_some(buffers, ec);
        m_bytes.sent += n;
        keep(buffers, n);
        return n;
    }
    template <class Buffers>
    std::size_t write_some(const Buffers &buffers)
    {
        boost::system::error_code ec;
        const std::size_t n = write_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }

private:
    // The first n bytes of the buffer sequence, as they went through the socket.
    template <class Buffers>
    void keep(const Buffers &buffers, std::size_t n)
    {
        if (!m_capture)
            return;
        for (auto it = boost::asio::buffer_sequence_begin(buffers);
             n > 0 && it != boost::asio::buffer_sequence_end(buffers); ++it) {
            const boost::asio::const_buffer buffer(*it);
            const std::size_t take = std::min(n, buffer.size());
            m_capture->append(static_cast<const char *>(buffer.data()), qsizetype(take));
            n -= take;
        }
    }

    tcp::socket &m_socket;
    WireBytes &m_bytes;
    QByteArray *m_capture;
};

} // namespace

WireClient::WireClient(const QString &host, std::uint16_t port) : m_host(host), m_port(port), m_socket(m_io)
{
    connect();
}

void WireClient::connect()
{
    boost::system::error_code ignored;
    m_socket.close(ignored);
    m_buffer.clear();
    tcp::resolver resolver(m_io);
    boost::asio::connect(m_socket, resolver.resolve(m_host.toStdString(), std::to_string(m_port)));
    // Requests are written whole; Nagle would only add a delayed-ACK wait per request.
    m_socket.set_option(tcp::no_delay(true));
}

WireClient::~WireClient()
{
    boost::system::error_code ignored;
    m_socket.shutdown(tcp::socket::shutdown_both, ignored);
    m_socket.close(ignored);
}

WireReply WireClient::get(const QString &target) { return send("GET", target, nullptr); }

WireReply WireClient::postJson(const QString &target, const QByteArray &body) { return send("POST", target, &body); }

WireReply WireClient::send(const char *method, const QString &target, const QByteArray *body)
{
    http::request<http::string_body> request;
    request.method_string(method);
    request.target(target.toStdString());
    request.version(11);
    // Modelled on QNetworkAccessManager 6.4 sending the device client's requests
    // (tests/sync/sync_wire_test.cpp checks the device's heads stay within this): the
    // client's own headers, then what Qt adds (Connection, Host).
    // Protocol 2's push and pull (ApiTransport::Wire::Compact): the path says the version,
    // the body goes compacted and the answer comes compacted.
    const bool compactWire = target.startsWith(QLatin1String("/api/v2/sync/"));
    if (!compactWire)
        request.set("X-Onsite-Protocol", "1");
    request.set("User-Agent", "onsite-field/1");
    if (!m_token.isEmpty())
        request.set("Authorization", ("Bearer " + m_token).toStdString());
    if (body) {
        request.set("Content-Type", "application/json");
        // As the device client (ApiTransport) does: compacting and compressing are part of
        // the push's time.
        const QByteArray json = compactWire ? protocol::compact::compactJson(*body) : *body;
        if (m_gzip && json.size() >= protocol::kMinGzipBytes) {
            request.set("Content-Encoding", "gzip");
            request.body() = protocol::gzipCompress(json).toStdString();
        } else {
            request.body() = json.toStdString();
        }
    }
    request.set("Connection", "Keep-Alive");
    if (m_gzip)
        request.set("Accept-Encoding", "gzip"); // set by ApiTransport (Qt's own would be "gzip, deflate")
    request.set("Accept-Language", "zh"); // set by ApiTransport
    request.set("Host", QStringLiteral("%1:%2").arg(m_host).arg(m_port).toStdString());
    if (body)
        request.prepare_payload(); // Content-Length

    std::optional<http::response_parser<http::string_body>> parser;
    for (int attempt = 0;; ++attempt) {
        CountingStream stream(m_socket, m_bytes, m_capturing ? &m_capture : nullptr);
        parser.emplace();
        parser->body_limit(256u * 1024 * 1024); // a 5,000-change pull page is a few MB
        const WireBytes before = m_bytes;
        try {
            http::write(stream, request);
            http::read(stream, m_buffer, *parser);
            break;
        } catch (const boost::system::system_error &) {
            // onsite-hq closes a keep-alive connection idle for 30 s (its header
            // timeout). Like QNetworkAccessManager, open a new one and send again.
            // Safe for a push too: a replayed mutation is answered "duplicate",
            // which the benchmark would report as a problem.
            if (attempt > 0 || m_bytes.received != before.received)
                throw;
            // The request written into the dead connection never reached the
            // service: leave it out of the sync's bytes.
            m_bytes = before;
            ++m_reconnects;
            connect();
        }
    }
    const auto &response = parser->get();
    if (!response.keep_alive())
        throw std::runtime_error("onsite-hq closed the connection; the benchmark expects keep-alive");

    WireReply reply;
    reply.status = static_cast<int>(response.result_int());
    reply.body = QByteArray::fromStdString(response.body());
    if (response[http::field::content_encoding] == "gzip") {
        protocol::Inflated inflated = protocol::gzipDecompress(reply.body, 1ull << 30);
        if (inflated.status != protocol::InflateStatus::Ok)
            throw std::runtime_error("onsite-hq sent a broken gzip answer");
        reply.body = std::move(inflated.data);
    }
    if (compactWire && reply.status >= 200 && reply.status < 300 && !reply.body.isEmpty()) {
        auto expanded = protocol::compact::expandJson(reply.body);
        if (!expanded)
            throw std::runtime_error("onsite-hq sent a compact answer that does not expand");
        reply.body = std::move(*expanded);
    }
    reply.json = QJsonDocument::fromJson(reply.body).object();
    return reply;
}

} // namespace onsite::bench
