#include "httpsession.h"

#include "contentcoding.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <limits>
#include <string_view>

namespace onsite::http {

namespace http = beast::http;

namespace {

// Devices send through Qt, which leaves Nagle's algorithm on: the end of a request waits
// for our ACK of what came before, and after an answer Linux delays that ACK by up to
// 40 ms, so a request sent in pieces waited that long: photo chunks went at 7 MB/s where
// curl, which turns Nagle off, reached 49. Acknowledging at once releases the rest.
// Linux only, and not lasting (the kernel leaves quick-ACK mode by itself), hence set
// before each read of a request.
void acknowledgeAtOnce(beast::tcp_stream &stream)
{
#ifdef TCP_QUICKACK
    const int on = 1;
    ::setsockopt(stream.socket().native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#else
    (void)stream;
#endif
}

Request fromHeader(const http::request_header<> &message, const std::string &peer, const SessionContext &context)
{
    Request request;
    request.method = QString::fromStdString(std::string(message.method_string()));
    const auto target = message.target();
    applyTarget(request, QByteArray(target.data(), static_cast<qsizetype>(target.size())));
    std::string forwardedFor;
    for (const auto &field : message) {
        request.headers.insert(QByteArray::fromStdString(std::string(field.name_string())).toLower(),
                               QByteArray::fromStdString(std::string(field.value())));
        if (beast::iequals(field.name_string(), "x-forwarded-for")) {
            const auto value = field.value();
            forwardedFor.append(forwardedFor.empty() ? "" : ",").append(value.data(), value.size());
        }
    }
    request.peer = QString::fromStdString(context.clientAddress(peer, forwardedFor));
    return request;
}

Request toRequest(http::request<ByteArrayBody> &message, const std::string &peer, const SessionContext &context)
{
    Request request = fromHeader(message.base(), peer, context);
    request.body = std::move(message.body());
    return request;
}

} // namespace

bool SessionContext::admit(const std::string &peer)
{
    std::lock_guard lock(m_peersMutex);
    if (openConnections.load() >= options.maxConnections)
        return false;
    int &fromPeer = m_perPeer[peer]; // maxConnectionsPerAddress >= 1: a new entry is admitted
    if (fromPeer >= options.maxConnectionsPerAddress && !isTrustedProxy(peer))
        return false;
    ++fromPeer;
    ++openConnections;
    return true;
}

void SessionContext::release(const std::string &peer)
{
    std::lock_guard lock(m_peersMutex);
    const auto it = m_perPeer.find(peer);
    if (it != m_perPeer.end() && --it->second <= 0)
        m_perPeer.erase(it);
    --openConnections;
}

namespace {

// One spelling per address ("::ffff:10.0.0.1" is 10.0.0.1), or "" when it is none.
std::string canonicalAddress(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    boost::system::error_code error;
    auto address = asio::ip::make_address(std::string(text), error);
    if (error)
        return {};
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    return address.to_string();
}

} // namespace

bool SessionContext::isTrustedProxy(const std::string &peer) const
{
    if (options.trustedProxies.empty())
        return false;
    const std::string address = canonicalAddress(peer);
    return std::any_of(options.trustedProxies.begin(), options.trustedProxies.end(),
                       [&](const std::string &proxy) { return !address.empty() && canonicalAddress(proxy) == address; });
}

std::string SessionContext::clientAddress(const std::string &peer, const std::string &forwardedFor) const
{
    if (forwardedFor.empty() || !isTrustedProxy(peer))
        return peer;
    // The last entry is the one the proxy appended; earlier ones are the client's word.
    const auto comma = forwardedFor.rfind(',');
    const std::string last = canonicalAddress(
        comma == std::string::npos ? std::string_view(forwardedFor) : std::string_view(forwardedFor).substr(comma + 1));
    return last.empty() ? peer : last;
}

// The connection was admitted by SessionContext::admit before it was made.
template <class Stream>
HttpSession<Stream>::HttpSession(Stream stream, std::shared_ptr<SessionContext> context, std::string peer)
    : m_stream(std::move(stream)), m_context(std::move(context)), m_peer(std::move(peer))
{
}

template <class Stream>
HttpSession<Stream>::~HttpSession()
{
    releaseBody();
    releaseAdmission();
}

template <class Stream>
void HttpSession<Stream>::releaseAdmission()
{
    if (!m_admitted)
        return;
    m_admitted = false;
    m_context->release(m_peer);
}

template <class Stream>
bool HttpSession<Stream>::reserveBody(std::uint64_t bytes)
{
    const std::uint64_t limit = m_context->options.maxInFlightBodyBytes;
    std::uint64_t current = m_context->bodyBytesInFlight.load();
    do {
        if (current + bytes > limit)
            return false;
    } while (!m_context->bodyBytesInFlight.compare_exchange_weak(current, current + bytes));
    m_reservedBodyBytes = bytes;
    return true;
}

template <class Stream>
void HttpSession<Stream>::releaseBody()
{
    m_context->bodyBytesInFlight -= m_reservedBodyBytes;
    m_reservedBodyBytes = 0;
}

template <class Stream>
beast::tcp_stream &HttpSession<Stream>::tcpStream()
{
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>)
        return m_stream;
    else
        return beast::get_lowest_layer(m_stream);
}

template <class Stream>
void HttpSession<Stream>::start()
{
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>)
        readHeader();
    else
        handshake();
}

template <class Stream>
void HttpSession<Stream>::handshake()
{
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
        tcpStream().expires_after(m_context->options.headerTimeout);
        m_stream.async_handshake(asio::ssl::stream_base::server,
                                 [self = this->shared_from_this()](beast::error_code ec) {
                                     if (!ec)
                                         self->readHeader();
                                 });
    }
}

template <class Stream>
void HttpSession<Stream>::readHeader()
{
    m_headerParser.emplace();
    m_headerParser->header_limit(16 * 1024);
    // The size check is ours (onHeader answers 413); the parser's own default limit
    // would turn a large Content-Length into a parse error instead.
    m_headerParser->body_limit(std::numeric_limits<std::uint64_t>::max()); // none compares wrongly in 1.74
    m_bodyParser.reset();
    tcpStream().expires_after(m_context->options.headerTimeout);
    acknowledgeAtOnce(tcpStream());
    http::async_read_header(m_stream, m_buffer, *m_headerParser,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

template <class Stream>
void HttpSession<Stream>::onHeader(beast::error_code ec)
{
    if (ec == http::error::header_limit) {
        send(Response::error(431, QStringLiteral("header_too_large"), QStringLiteral("请求头过大")), true);
        return;
    }
    if (ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof)
            closeConnection();
        else
            send(Response::error(400, QStringLiteral("bad_request"), QStringLiteral("无法解析的 HTTP 请求：%1").arg(QString::fromStdString(ec.message()))), true);
        return;
    }
    const std::uint64_t limit = m_context->options.maxBodyBytes;
    const auto declared = m_headerParser->content_length();
    if (declared && *declared > limit) {
        // Refused before a byte of the body is read: memory stays flat whatever is sent.
        send(Response::error(413, QStringLiteral("body_too_large"),
                             QStringLiteral("请求体 %1 字节，超过上限 %2 字节").arg(*declared).arg(limit)),
             true);
        return;
    }
    // Chunked bodies have no size up front: reserve as much as one may grow to.
    const std::uint64_t expected = declared ? *declared : (m_headerParser->chunked() ? limit : 0);
    if (expected == 0)
        return readBody();
    if (!reserveBody(expected)) {
        Response busy = Response::error(503, QStringLiteral("busy"), QStringLiteral("服务器正在接收大量数据，请稍后重试"));
        busy.headers.insert("Retry-After", "5");
        send(std::move(busy), true);
        return;
    }
    if (m_context->options.screen)
        return screenThenReadBody();
    readBody();
}

// The screen may touch the database (a token lookup), so it runs on the worker pool,
// and the body is read only once it has let the request through.
template <class Stream>
void HttpSession<Stream>::screenThenReadBody()
{
    tcpStream().expires_after(m_context->options.headerTimeout);
    auto header = std::make_shared<Request>(fromHeader(m_headerParser->get().base(), m_peer, *m_context));
    asio::post(*m_context->workers, [self = this->shared_from_this(), header] {
        std::optional<Response> verdict;
        try {
            verdict = self->m_context->options.screen(*header);
        } catch (const std::exception &e) {
            verdict = Response::internalError(*header, e);
        }
        asio::post(self->tcpStream().get_executor(), [self, verdict = std::move(verdict)]() mutable {
            if (verdict)
                self->send(std::move(*verdict), true);
            else
                self->readBody();
        });
    });
}

template <class Stream>
void HttpSession<Stream>::readBody()
{
    const auto &header = m_headerParser->get();
    // curl (and other clients) hold an upload back until "100 Continue", else wait about a
    // second: sent only here, once every check of the header has passed; a refused
    // header got its final answer instead.
    const bool hasBody = m_headerParser->chunked() || m_headerParser->content_length().value_or(0) > 0;
    const bool expectsContinue =
        hasBody && header.version() >= 11 && beast::iequals(header[http::field::expect], "100-continue");
    m_bodyParser.emplace(std::move(*m_headerParser));
    m_bodyParser->body_limit(m_context->options.maxBodyBytes);
    // Beast reads at most the buffer's free room (512 bytes after a header): a photo chunk
    // would take one read, one timer reset and one wake-up per 512 bytes. Room for a full
    // read while a body comes in; given back once it is in (onBody).
    if (hasBody) {
        const std::uint64_t rest = m_bodyParser->content_length().value_or(kMaxReadBuffer);
        m_buffer.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(kMaxReadBuffer, m_buffer.size() + rest)));
    }
    tcpStream().expires_after(m_context->options.bodyTimeout);
    acknowledgeAtOnce(tcpStream());
    auto read = [self = this->shared_from_this()] { self->readSomeBody(); };
    if (!expectsContinue)
        return read();
    static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(m_stream, asio::buffer(kContinue, sizeof kContinue - 1),
                      [self = this->shared_from_this(), read](beast::error_code ec, std::size_t) {
                          if (ec)
                              return self->closeConnection();
                          read();
                      });
}

// Read by read, not in one async_read: quick-ACK lasts only until the kernel leaves it,
// and a device's chunk whose tail waits for our ACK (above) waits 40 ms whenever it has.
template <class Stream>
void HttpSession<Stream>::readSomeBody()
{
    if (m_bodyParser->is_done()) // no body, or all of it came with the header:
        return onBody({});       // async_read_some would wait for bytes that never come
    acknowledgeAtOnce(tcpStream());
    http::async_read_some(m_stream, m_buffer, *m_bodyParser, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec)
            return self->onBody(ec);
        self->readSomeBody(); // the next read, or onBody once the body is whole
    });
}

template <class Stream>
void HttpSession<Stream>::onBody(beast::error_code ec)
{
    if (ec == http::error::body_limit) {
        send(Response::error(413, QStringLiteral("body_too_large"), QStringLiteral("请求体超过上限")), true);
        return;
    }
    if (ec == http::error::buffer_overflow || ec == http::error::bad_chunk_extension || ec == http::error::bad_chunk) {
        // A chunk line or trailer that never ends within the read buffer, or malformed.
        send(Response::error(400, QStringLiteral("bad_request"), QStringLiteral("分块传输格式错误或分块头过长")), true);
        return;
    }
    if (ec == beast::error::timeout) {
        send(Response::error(408, QStringLiteral("request_timeout"), QStringLiteral("请求体传输超时")), true);
        return;
    }
    if (ec) {
        closeConnection();
        return;
    }
    // An idle keep-alive connection holds only what it must (bytes of a next request).
    m_buffer.shrink_to_fit();
    dispatch();
}

template <class Stream>
void HttpSession<Stream>::dispatch()
{
    // No timer while the handler runs: the client is waiting on us, not we on it.
    tcpStream().expires_never();
    auto request = std::make_shared<Request>(toRequest(m_bodyParser->get(), m_peer, *m_context));
    const bool keepAlive = m_bodyParser->get().keep_alive();
    asio::post(*m_context->workers, [self = this->shared_from_this(), request, keepAlive] {
        Response response;
        try {
            // Inflating and deflating are CPU work: on the worker, never the I/O thread.
            // A gzip body unpacks to at most the same limit a plain body has.
            if (auto refusal = decodeRequestBody(*request, self->m_context->options.maxBodyBytes))
                response = std::move(*refusal);
            else
                response = self->m_context->handler(*request);
            compressResponse(*request, response);
        } catch (const std::exception &e) {
            response = Response::internalError(*request, e);
        }
        asio::post(self->tcpStream().get_executor(), [self, response = std::move(response), keepAlive]() mutable {
            self->send(std::move(response), !keepAlive);
        });
    });
}

template <class Stream>
void HttpSession<Stream>::send(Response response, bool close)
{
    m_response = std::make_shared<http::response<http::string_body>>();
    m_response->version(11);
    m_response->result(static_cast<unsigned>(response.status));
    if (!response.contentType.isEmpty())
        m_response->set(http::field::content_type, response.contentType.toStdString());
    for (auto it = response.headers.cbegin(); it != response.headers.cend(); ++it)
        m_response->set(it.key().toStdString(), it.value().toStdString());
    m_response->body() = response.body.toStdString();
    m_response->keep_alive(!close);
    m_response->prepare_payload();
    if (response.status == 204 || response.status == 304) // RFC 9110 §8.6: no Content-Length on these
        m_response->erase(http::field::content_length);
    tcpStream().expires_after(m_context->options.bodyTimeout);
    http::async_write(m_stream, *m_response, [self = this->shared_from_this(), close](beast::error_code ec, std::size_t) {
        self->onWritten(close, ec);
    });
}

template <class Stream>
void HttpSession<Stream>::onWritten(bool close, beast::error_code ec)
{
    m_response.reset();
    releaseBody();
    if (ec || close) {
        closeConnection();
        return;
    }
    readHeader();
}

template <class Stream>
void HttpSession<Stream>::closeConnection()
{
    // Before the peer can see the close: a client that reconnects at once must find its
    // connection already uncounted, not refused by the per-address limit.
    releaseAdmission();
    beast::error_code ignored;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    } else {
        tcpStream().expires_after(std::chrono::seconds(5));
        m_stream.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    }
}

template class HttpSession<beast::tcp_stream>;
template class HttpSession<beast::ssl_stream<beast::tcp_stream>>;

} // namespace onsite::http
