#include "httpserver.h"

#include "httpsession.h"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <stdexcept>

namespace onsite::http {

struct HttpServer::Impl
{
    explicit Impl(ServerOptions options, Handler handler)
        : workers(static_cast<std::size_t>(std::max(1, options.workerThreads))),
          context(std::make_shared<SessionContext>())
    {
        context->options = std::move(options);
        context->handler = std::move(handler);
        context->workers = &workers;
    }

    void accept();
    void acceptLater();

    asio::io_context io{1};
    asio::thread_pool workers;
    std::shared_ptr<SessionContext> context;
    std::optional<asio::ssl::context> tls;
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::steady_timer> acceptPause;
};

// accept() failing at once (out of file descriptors: EMFILE) would be retried at
// once, spinning a core while nothing can be accepted anyway; a short pause lets
// sessions end and free descriptors.
void HttpServer::Impl::acceptLater()
{
    if (!acceptPause)
        acceptPause.emplace(io);
    acceptPause->expires_after(std::chrono::milliseconds(100));
    acceptPause->async_wait([this](beast::error_code ec) {
        if (!ec)
            accept();
    });
}

void HttpServer::Impl::accept()
{
    acceptor->async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted)
            return;
        if (ec)
            return acceptLater();
        beast::error_code endpointError;
        const auto remote = socket.remote_endpoint(endpointError);
        const std::string peer = endpointError ? std::string("unknown") : remote.address().to_string();
        if (!context->admit(peer)) {
            socket.close(endpointError); // over a limit: refuse rather than starve everyone
        } else if (tls) {
            std::make_shared<TlsSession>(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls), context, peer)
                ->start();
        } else {
            std::make_shared<PlainSession>(beast::tcp_stream(std::move(socket)), context, peer)->start();
        }
        accept();
    });
}

HttpServer::HttpServer(ServerOptions options, Handler handler)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler)))
{
}

HttpServer::~HttpServer()
{
    stop();
    m_impl->workers.join();
}

void HttpServer::listen()
{
    const ServerOptions &options = m_impl->context->options;
    if (!options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty()) {
        if (options.tlsCertificateFile.isEmpty() || options.tlsKeyFile.isEmpty())
            throw std::runtime_error("TLS needs both --tls-cert and --tls-key");
        m_impl->tls.emplace(asio::ssl::context::tls_server);
        m_impl->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                                 asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                                 asio::ssl::context::no_tlsv1_1);
        // TLS 1.2 only with forward-secret AEAD suites (no AES128-SHA and other CBC/RSA
        // key exchange); TLS 1.3 suites are all fine and stay OpenSSL's default.
        if (SSL_CTX_set_cipher_list(m_impl->tls->native_handle(),
                                    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1)
            throw std::runtime_error("cannot set the TLS cipher suites");
        beast::error_code ec;
        m_impl->tls->use_certificate_chain_file(options.tlsCertificateFile.toStdString(), ec);
        if (ec)
            throw std::runtime_error("cannot load TLS certificate " + options.tlsCertificateFile.toStdString() + ": " + ec.message());
        m_impl->tls->use_private_key_file(options.tlsKeyFile.toStdString(), asio::ssl::context::pem, ec);
        if (ec)
            throw std::runtime_error("cannot load TLS key " + options.tlsKeyFile.toStdString() + ": " + ec.message());
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.host.toStdString(), ec);
    if (ec)
        throw std::runtime_error("invalid listen address " + options.host.toStdString());
    const tcp::endpoint endpoint(address, options.port);
    m_impl->acceptor.emplace(m_impl->io);
    m_impl->acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        m_impl->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        m_impl->acceptor->bind(endpoint, ec);
    if (!ec)
        m_impl->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        throw std::runtime_error("cannot listen on " + options.host.toStdString() + ":" + std::to_string(options.port) +
                                 ": " + ec.message());
    }
    m_impl->accept();
}

quint16 HttpServer::port() const
{
    return m_impl->acceptor ? m_impl->acceptor->local_endpoint().port() : 0;
}

bool HttpServer::usesTls() const { return m_impl->tls.has_value(); }

void HttpServer::run() { m_impl->io.run(); }

void HttpServer::stop()
{
    asio::post(m_impl->io, [impl = m_impl.get()] {
        beast::error_code ignored;
        if (impl->acceptor)
            impl->acceptor->close(ignored);
        impl->io.stop();
    });
}

} // namespace onsite::http
