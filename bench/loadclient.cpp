#include "loadclient.h"

#include "protocol/compactwire.h"
#include "protocol/gzip.h"

#include <QJsonDocument>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>

namespace onsite::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

QJsonObject LoadReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

asio::ip::address deviceAddress(int index)
{
    const unsigned n = unsigned(index) + 1; // .0 never used as a host byte below
    const asio::ip::address_v4::bytes_type bytes{127, static_cast<unsigned char>(1 + n / 62500),
                                                 static_cast<unsigned char>((n / 250) % 250 + 1),
                                                 static_cast<unsigned char>(n % 250 + 1)};
    return asio::ip::address_v4(bytes);
}

LoadConnection::LoadConnection(asio::io_context &io, tcp::endpoint server, asio::ip::address local,
                               std::chrono::seconds timeout)
    : m_io(io), m_server(server), m_local(local), m_timeout(timeout),
      m_host(server.address().to_string() + ":" + std::to_string(server.port()))
{
}

asio::awaitable<std::optional<std::string>> LoadConnection::connect()
{
    m_stream.reset();
    m_buffer.clear();
    tcp::socket socket(m_io);
    beast::error_code ec;
    socket.open(tcp::v4(), ec);
    if (!ec)
        socket.bind(tcp::endpoint(m_local, 0), ec);
    if (!ec)
        socket.set_option(tcp::no_delay(true), ec);
    if (ec)
        co_return "bind: " + ec.message();
    m_stream.emplace(std::move(socket));
    m_stream->expires_after(m_timeout);
    beast::error_code connectError;
    co_await m_stream->async_connect(m_server,
                                     asio::redirect_error(asio::use_awaitable, connectError));
    if (connectError) {
        m_stream.reset();
        co_return connectError == beast::error::timeout ? std::string("timeout")
                                                        : "connect: " + connectError.message();
    }
    co_return std::nullopt;
}

asio::awaitable<LoadReply> LoadConnection::request(const char *method, const std::string &target,
                                                   const QByteArray *body, const char *contentType)
{
    http::request<http::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    // Protocol 2's push and pull, as the app sends them to this HQ (protocol/compactwire.h):
    // the path says the version, the body goes compacted, a 2xx answer comes compacted.
    const bool compactWire = target.rfind("/api/v2/sync/", 0) == 0;
    if (!compactWire)
        request.set("X-Onsite-Protocol", "1");
    request.set("Accept", "application/json");
    request.set("User-Agent", "onsite-load-bench/1");
    if (!m_token.empty())
        request.set(http::field::authorization, "Bearer " + m_token);
    if (body) {
        request.set(http::field::content_type, contentType);
        const bool json = std::string_view(contentType) == "application/json";
        // As the device's ApiTransport: JSON bodies from kMinGzipBytes on go gzipped.
        const QByteArray text = compactWire ? protocol::compact::compactJson(*body) : *body;
        if (json && text.size() >= protocol::kMinGzipBytes && target.find("/login") == std::string::npos) {
            request.set(http::field::content_encoding, "gzip");
            request.body() = protocol::gzipCompress(text).toStdString();
        } else {
            request.body() = text.toStdString();
        }
    }
    request.set(http::field::connection, "Keep-Alive");
    request.set(http::field::accept_encoding, "gzip, deflate");
    request.set(http::field::host, m_host);
    request.prepare_payload();

    LoadReply reply;
    for (int attempt = 0;; ++attempt) {
        if (!m_stream) {
            if (auto failure = co_await connect()) {
                reply.error = *failure;
                co_return reply;
            }
        }
        m_stream->expires_after(m_timeout);
        beast::error_code writeError;
        co_await http::async_write(*m_stream, request,
                                   asio::redirect_error(asio::use_awaitable, writeError));
        http::response_parser<http::string_body> parser;
        parser.body_limit(64u * 1024 * 1024);
        beast::error_code readError = writeError;
        if (!writeError) {
            co_await http::async_read(*m_stream, m_buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, readError));
        }
        if (!readError) {
            const auto &response = parser.get();
            reply.status = int(response.result_int());
            reply.body = QByteArray::fromStdString(response.body());
            if (const auto retry = response.find("Retry-After"); retry != response.end())
                reply.retryAfter = std::atoi(std::string(retry->value()).c_str());
            if (response[http::field::content_encoding] == "gzip") {
                protocol::Inflated inflated = protocol::gzipDecompress(reply.body, 1ull << 28);
                if (inflated.status != protocol::InflateStatus::Ok) {
                    reply.status = 0;
                    reply.error = "broken gzip answer";
                }
                reply.body = std::move(inflated.data);
            }
            if (compactWire && reply.status >= 200 && reply.status < 300 && !reply.body.isEmpty()) {
                auto expanded = protocol::compact::expandJson(reply.body);
                if (!expanded) {
                    reply.status = 0;
                    reply.error = "a compact answer that does not expand";
                }
                reply.body = expanded.value_or(QByteArray());
            }
            if (!response.keep_alive())
                m_stream.reset();
            co_return reply;
        }
        m_stream.reset();
        const bool timeout = readError == beast::error::timeout;
        // A keep-alive connection closed by HQ while idle fails at once, before any answer
        // byte: open a new one and send again (once). Anything else is an error to count.
        const bool staleConnection =
            !timeout && !parser.got_some() &&
            (readError == http::error::end_of_stream || readError == asio::error::eof ||
             readError == asio::error::connection_reset || readError == asio::error::broken_pipe);
        if (attempt == 0 && staleConnection) {
            ++m_reconnects;
            continue;
        }
        reply.error = timeout ? std::string("timeout") : "read: " + readError.message();
        co_return reply;
    }
}

} // namespace onsite::bench
