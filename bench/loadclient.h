#pragma once

// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <QByteArray>
#include <QJsonObject>

#include <chrono>
#include <optional>
#include <string>

namespace onsite::bench {

struct LoadReply
{
    int status = 0;    // 0: no HTTP answer (see error)
    std::string error; // transport failure: "timeout", "connect: …", "read: …"
    int retryAfter = 0; // seconds, from a Retry-After header
    QByteArray body;   // unpacked when it came gzipped
    QJsonObject json() const;
};

// One keep-alive HTTP/1.1 connection of one simulated device, on the shared
// io_context, bound to the device's own loopback address (127.x.y.z): HQ limits open
// connections per address, and tablets come from many. Headers and gzip as the
// device client sends them (see wireclient.h). Not thread-safe: one request at a time.
class LoadConnection
{
public:
    LoadConnection(boost::asio::io_context &io, boost::asio::ip::tcp::endpoint server,
                   boost::asio::ip::address local, std::chrono::seconds timeout);

    void setToken(const std::string &token) { m_token = token; }
    int reconnects() const { return m_reconnects; }

    // Sends and reads the answer. A connection HQ closed while idle (its keep-alive
    // limit) is opened again and the request sent again once, as Qt does.
    boost::asio::awaitable<LoadReply> request(const char *method, const std::string &target,
                                              const QByteArray *body = nullptr,
                                              const char *contentType = "application/json");

private:
    boost::asio::awaitable<std::optional<std::string>> connect();

    boost::asio::io_context &m_io;
    boost::asio::ip::tcp::endpoint m_server;
    boost::asio::ip::address m_local;
    std::chrono::seconds m_timeout;
    std::optional<boost::beast::tcp_stream> m_stream;
    boost::beast::flat_buffer m_buffer;
    std::string m_token;
    std::string m_host;
    int m_reconnects = 0;
};

// The loopback address of device `index`: 127.(1 + index / 62500).(…).(…), never 127.0.0.1.
boost::asio::ip::address deviceAddress(int index);

} // namespace onsite::bench
