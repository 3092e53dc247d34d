#include "httpsession.h"

#include <boost/asio/post.hpp>

#include <limits>

namespace onsite::http {

namespace http = beast::http;

namespace {

Request toRequest(const http::request<http::string_body> &message, const std::string &peer)
{
    Request request;
    request.method = QString::fromStdString(std::string(message.method_string()));
    const std::string target(message.target());
    const auto question = target.find('?');
    request.path = QString::fromUtf8(QByteArray::fromPercentEncoding(QByteArray::fromStdString(target.substr(0, question))));
    if (question != std::string::npos)
        request.query = parseQuery(QByteArray::fromStdString(target.substr(question + 1)));
    for (const auto &field : message) {
        request.headers.insert(QByteArray::fromStdString(std::string(field.name_string())).toLower(),
                               QByteArray::fromStdString(std::string(field.value())));
    }
    request.body = QByteArray::fromStdString(message.body());
    request.peer = QString::fromStdString(peer);
    return request;
}

} // namespace

template <class Stream>
HttpSession<Stream>::HttpSession(Stream stream, std::shared_ptr<SessionContext> context, std::string peer)
    : m_stream(std::move(stream)), m_context(std::move(context)), m_peer(std::move(peer))
{
    ++m_context->openConnections;
}

template <class Stream>
HttpSession<Stream>::~HttpSession()
{
    --m_context->openConnections;
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
    m_bodyParser.emplace(std::move(*m_headerParser));
    m_bodyParser->body_limit(limit);
    tcpStream().expires_after(m_context->options.bodyTimeout);
    http::async_read(m_stream, m_buffer, *m_bodyParser,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->onBody(ec); });
}

template <class Stream>
void HttpSession<Stream>::onBody(beast::error_code ec)
{
    if (ec == http::error::body_limit) {
        send(Response::error(413, QStringLiteral("body_too_large"), QStringLiteral("请求体超过上限")), true);
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
    dispatch();
}

template <class Stream>
void HttpSession<Stream>::dispatch()
{
    // No timer while the handler runs: the client is waiting on us, not we on it.
    tcpStream().expires_never();
    auto request = std::make_shared<Request>(toRequest(m_bodyParser->get(), m_peer));
    const bool keepAlive = m_bodyParser->get().keep_alive();
    asio::post(*m_context->workers, [self = this->shared_from_this(), request, keepAlive] {
        Response response;
        try {
            response = self->m_context->handler(*request);
        } catch (const std::exception &e) {
            response = Response::error(500, QStringLiteral("internal"), QString::fromUtf8(e.what()));
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
    m_response->set(http::field::server, "onsite-hq");
    m_response->set(http::field::content_type, response.contentType.toStdString());
    for (auto it = response.headers.cbegin(); it != response.headers.cend(); ++it)
        m_response->set(it.key().toStdString(), it.value().toStdString());
    m_response->body() = response.body.toStdString();
    m_response->keep_alive(!close);
    m_response->prepare_payload();
    tcpStream().expires_after(m_context->options.bodyTimeout);
    http::async_write(m_stream, *m_response, [self = this->shared_from_this(), close](beast::error_code ec, std::size_t) {
        self->onWritten(close, ec);
    });
}

template <class Stream>
void HttpSession<Stream>::onWritten(bool close, beast::error_code ec)
{
    m_response.reset();
    if (ec || close) {
        closeConnection();
        return;
    }
    readHeader();
}

template <class Stream>
void HttpSession<Stream>::closeConnection()
{
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
