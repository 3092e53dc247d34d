#pragma once

#include "httpmessage.h"

#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace onsite::http {

struct ServerOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0; // 0: any free port, see HttpServer::port()
    std::uint64_t maxBodyBytes = 8 * 1024 * 1024;
    std::chrono::seconds headerTimeout{30}; // also the keep-alive idle limit
    std::chrono::seconds bodyTimeout{120};  // a whole body must arrive within this
    int workerThreads = 4;                  // handlers (database work) run here
    int maxConnections = 1024;
    QString tlsCertificateFile; // PEM; TLS is on when both files are given
    QString tlsKeyFile;
};

using Handler = std::function<Response(const Request &)>;

// HTTP/1.1 server on Boost.Beast. Reads the header first and refuses a body larger
// than maxBodyBytes before reading it (413), so an oversized upload never reaches
// memory; times out slow clients; serves connections concurrently on one I/O thread
// while handlers run on a worker pool.
class HttpServer
{
public:
    HttpServer(ServerOptions options, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Binds and listens; throws std::runtime_error with a readable message on failure.
    void listen();
    quint16 port() const;
    bool usesTls() const;
    // Serves until stop() (callable from any thread or a signal handler thread).
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace onsite::http
