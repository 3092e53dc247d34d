#pragma once

#include "httpmessage.h"

#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onsite::http {

using Handler = std::function<Response(const Request &)>;
// Looks at a request's header (empty body) before its body is read: an answer ends the
// request there (e.g. 401 for a missing token), nothing lets the body be read.
using Screen = std::function<std::optional<Response>(const Request &)>;

struct ServerOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0; // 0: any free port, see HttpServer::port()
    std::uint64_t maxBodyBytes = 8 * 1024 * 1024;
    std::chrono::seconds headerTimeout{30}; // also the keep-alive idle limit
    std::chrono::seconds bodyTimeout{120};  // a whole body must arrive within this
    int workerThreads = 4;                  // handlers (database work) run here
    // Bodies being read or handled at once, all connections together: beyond this a new
    // body is answered 503 with Retry-After instead of being buffered.
    std::uint64_t maxInFlightBodyBytes = 256ull * 1024 * 1024;
    Screen screen; // optional; runs on the worker pool
    int maxConnections = 1024;
    // One address cannot take every slot with half-open connections; an office router
    // with a whole group behind it stays well below this.
    int maxConnectionsPerAddress = 64;
    // Reverse proxies (nginx) whose X-Forwarded-For is believed: a request from one of
    // these addresses is counted against the address in the header's last entry (what
    // the proxy itself saw) for the sign-in throttle and logs, and its connections are
    // not held to maxConnectionsPerAddress (every device comes through it). From any
    // other peer the header is ignored: a device could write anything there.
    std::vector<std::string> trustedProxies;
    QString tlsCertificateFile; // PEM; TLS is on when both files are given
    QString tlsKeyFile;
};


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
