#pragma once

#include <cstdint>
#include <memory>

namespace onsite::bench {

// The photo benchmark's weak link: a TCP proxy on loopback that forwards bytes both
// ways and, each time the bytes forwarded from the clients to the server (counted over
// all connections) pass another `cutEvery`, forwards up to that byte and resets the
// connection carrying it on both sides, as a mobile link that drops mid-upload does.
// It parses nothing, so a cut falls wherever the count says: inside a chunk's body, a
// request's head or between requests. It counts what it forwarded, so the benchmark can
// tell what crossed the link twice. Boost.Asio on one thread of its own.
class CuttingProxy
{
public:
    // Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:`upstreamPort`.
    // `cutEvery` 0: never cuts.
    CuttingProxy(std::uint16_t upstreamPort, std::uint64_t cutEvery);
    ~CuttingProxy();
    CuttingProxy(const CuttingProxy &) = delete;
    CuttingProxy &operator=(const CuttingProxy &) = delete;

    std::uint16_t port() const;
    std::uint64_t bytesUp() const;   // client -> server, forwarded
    std::uint64_t bytesDown() const; // server -> client, forwarded
    int cuts() const;
    int connections() const; // accepted so far
    // CPU time of the proxy's thread: the proxied runs' client CPU includes it.
    double cpuSeconds() const;

    struct Impl; // public only for the connections' code in cuttingproxy.cpp

private:
    std::unique_ptr<Impl> d;
};

} // namespace onsite::bench
