#include "cuttingproxy.h"

#include <utility> // Boost 1.74's asio uses std::exchange without including it

#include <boost/asio.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <time.h>

#include <array>
#include <atomic>
#include <thread>

namespace onsite::bench {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct CuttingProxy::Impl
{
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::uint16_t upstreamPort = 0;
    std::uint64_t cutEvery = 0;
    std::uint64_t nextCut = 0; // only touched on the proxy's thread
    std::atomic<std::uint64_t> up{0};
    std::atomic<std::uint64_t> down{0};
    std::atomic<int> cuts{0};
    std::atomic<int> connections{0};
    std::thread thread;

    void accept();
};

namespace {

// One client connection and its connection to the server.
class Link : public std::enable_shared_from_this<Link>
{
public:
    Link(CuttingProxy::Impl &proxy, tcp::socket client)
        : m_proxy(proxy), m_client(std::move(client)), m_server(proxy.io)
    {
    }

    void start()
    {
        const tcp::endpoint upstream(asio::ip::address_v4::loopback(), m_proxy.upstreamPort);
        m_server.async_connect(upstream, [self = shared_from_this()](boost::system::error_code ec) {
            if (ec)
                return self->close(false);
            self->m_server.set_option(tcp::no_delay(true));
            self->m_client.set_option(tcp::no_delay(true));
            self->readUp();
            self->readDown();
        });
    }

private:
    void readUp()
    {
        // A link does not delay acknowledgements; a TCP end does (up to 40 ms after it has
        // answered), and the device keeps Nagle's algorithm on, so without this every
        // chunk's last packet waited for the proxy's delayed ACK and the proxied runs
        // measured that wait (7.6 MB/s against curl's 240), not the link. HQ acknowledges
        // at once in the same way (server/http/httpsession.cpp).
        const int on = 1;
        ::setsockopt(m_client.native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
        m_client.async_read_some(
            asio::buffer(m_up),
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                if (ec)
                    return self->close(false);
                // Forward up to the next cut point, then reset: the bytes past it are lost
                // with the connection, as on a link that drops.
                std::size_t pass = n;
                bool cut = false;
                CuttingProxy::Impl &proxy = self->m_proxy;
                if (proxy.cutEvery > 0) {
                    const std::uint64_t sent = proxy.up.load();
                    if (sent + n >= proxy.nextCut) {
                        pass = static_cast<std::size_t>(proxy.nextCut - sent);
                        cut = true;
                        proxy.nextCut += proxy.cutEvery;
                    }
                }
                proxy.up += pass;
                asio::async_write(self->m_server, asio::buffer(self->m_up.data(), pass),
                                  [self, cut](boost::system::error_code ec, std::size_t) {
                                      if (ec)
                                          return self->close(false);
                                      if (cut) {
                                          ++self->m_proxy.cuts;
                                          return self->close(true);
                                      }
                                      self->readUp();
                                  });
            });
    }

    void readDown()
    {
        m_server.async_read_some(
            asio::buffer(m_down),
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                if (ec)
                    return self->close(false);
                self->m_proxy.down += n;
                asio::async_write(self->m_client, asio::buffer(self->m_down.data(), n),
                                  [self](boost::system::error_code ec, std::size_t) {
                                      if (ec)
                                          return self->close(false);
                                      self->readDown();
                                  });
            });
    }

    // `reset`: abortive close (RST) on both sides, so neither peer mistakes the cut for
    // the end of a message.
    void close(bool reset)
    {
        if (m_closed)
            return;
        m_closed = true;
        boost::system::error_code ignored;
        for (tcp::socket *socket : {&m_client, &m_server}) {
            if (reset)
                socket->set_option(asio::socket_base::linger(true, 0), ignored);
            socket->close(ignored);
        }
    }

    CuttingProxy::Impl &m_proxy;
    tcp::socket m_client;
    tcp::socket m_server;
    std::array<char, 64 * 1024> m_up{};
    std::array<char, 64 * 1024> m_down{};
    bool m_closed = false;
};

} // namespace

void CuttingProxy::Impl::accept()
{
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec)
            return; // the acceptor was closed: the proxy is stopping
        ++connections;
        std::make_shared<Link>(*this, std::move(socket))->start();
        accept();
    });
}

CuttingProxy::CuttingProxy(std::uint16_t upstreamPort, std::uint64_t cutEvery)
    : d(std::make_unique<Impl>())
{
    d->upstreamPort = upstreamPort;
    d->cutEvery = cutEvery;
    d->nextCut = cutEvery;
    const tcp::endpoint local(asio::ip::address_v4::loopback(), 0);
    d->acceptor.open(local.protocol());
    d->acceptor.set_option(tcp::acceptor::reuse_address(true));
    d->acceptor.bind(local);
    d->acceptor.listen();
    d->accept();
    d->thread = std::thread([this] { d->io.run(); });
}

CuttingProxy::~CuttingProxy()
{
    d->io.stop();
    d->thread.join();
}

std::uint16_t CuttingProxy::port() const
{
    return d->acceptor.local_endpoint().port();
}
std::uint64_t CuttingProxy::bytesUp() const
{
    return d->up.load();
}
std::uint64_t CuttingProxy::bytesDown() const
{
    return d->down.load();
}
int CuttingProxy::cuts() const
{
    return d->cuts.load();
}
int CuttingProxy::connections() const
{
    return d->connections.load();
}

double CuttingProxy::cpuSeconds() const
{
    clockid_t clock{};
    timespec t{};
    if (pthread_getcpuclockid(const_cast<std::thread &>(d->thread).native_handle(), &clock) != 0 ||
        clock_gettime(clock, &t) != 0)
        return 0;
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

} // namespace onsite::bench
