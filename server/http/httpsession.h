#pragma once

#include "bytearraybody.h"
#include "httpserver.h"

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>
#include <memory>
#include <optional>

namespace onsite::http {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// What every connection shares: limits, the handler and the worker pool.
// Sessions hold it by shared_ptr, so it outlives every session, whatever order the
// server's parts are torn down in.
struct SessionContext
{
    ServerOptions options;
    Handler handler;
    asio::thread_pool *workers = nullptr;
    std::atomic<int> openConnections{0};
    std::atomic<std::uint64_t> bodyBytesInFlight{0};

    // Counts the connection against the server's and its address's limits; false when
    // either is reached (the caller closes it). Every admitted peer is released once.
    bool admit(const std::string &peer);
    void release(const std::string &peer);
    bool isTrustedProxy(const std::string &peer) const;
    // The client a request is from: the peer, or behind a trusted proxy the last
    // X-Forwarded-For entry (`forwardedFor`: the header's values in order, comma-joined).
    std::string clientAddress(const std::string &peer, const std::string &forwardedFor) const;

private:
    std::mutex m_peersMutex;
    std::unordered_map<std::string, int> m_perPeer;
};

// One connection: header, size check, body, handler on the worker pool, response,
// and again while the client keeps the connection alive.
template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>>
{
public:
    HttpSession(Stream stream, std::shared_ptr<SessionContext> context, std::string peer);
    ~HttpSession();
    void start();

private:
    void handshake();
    void readHeader();
    void onHeader(beast::error_code ec);
    void screenThenReadBody();
    void readBody();
    void readSomeBody();
    bool reserveBody(std::uint64_t bytes);
    void releaseBody();
    void onBody(beast::error_code ec);
    void dispatch();
    void send(Response response, bool close);
    void onWritten(bool close, beast::error_code ec);
    void closeConnection();
    void releaseAdmission();
    beast::tcp_stream &tcpStream();

    Stream m_stream;
    std::shared_ptr<SessionContext> m_context;
    std::string m_peer;
    // Bounded: Beast keeps an unfinished chunk-size line (with its extensions) or trailer
    // section in this buffer until it ends, so without a maximum one connection that
    // never ends such a line grows HQ's memory without limit. Must hold a whole header
    // (header_limit) plus one read.
    static constexpr std::size_t kMaxReadBuffer = 64 * 1024;
    beast::flat_buffer m_buffer{kMaxReadBuffer};
    std::optional<beast::http::request_parser<beast::http::empty_body>> m_headerParser;
    std::optional<beast::http::request_parser<ByteArrayBody>> m_bodyParser;
    std::shared_ptr<beast::http::response<beast::http::string_body>> m_response;
    std::uint64_t m_reservedBodyBytes = 0; // this request's share of bodyBytesInFlight
    bool m_admitted = true;                // still counted in the peer's open connections
};

using PlainSession = HttpSession<beast::tcp_stream>;
using TlsSession = HttpSession<beast::ssl_stream<beast::tcp_stream>>;

} // namespace onsite::http
