// The fault proxy itself: each fault does to the bytes what it says, the schedule is
// fixed by the seed, and with faults off it is a faithful pipe. Against a small HTTP
// server in the test that answers each request with what it received.
#include "reliability/faultproxy.h"

#include <boost/asio.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>

namespace onsite::test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Answers every request (Content-Length bodies) with a JSON body naming how many body
// bytes it got; remembers the last request's head and body.
class EchoServer
{
public:
    EchoServer() : m_acceptor(m_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
    {
        m_thread = std::thread([this] { run(); });
    }
    ~EchoServer()
    {
        m_stop = true;
        boost::system::error_code ignored;
        tcp::socket poke(m_io);
        poke.connect(m_acceptor.local_endpoint(), ignored);
        m_thread.join();
    }
    quint16 port() const { return m_acceptor.local_endpoint().port(); }
    int answered() const { return m_answered; }
    std::string lastBody() const
    {
        std::lock_guard lock(m_mutex);
        return m_lastBody;
    }

    static std::string answerTo(std::size_t bodyBytes)
    {
        const std::string body = "{\"received\":" + std::to_string(bodyBytes) + ",\"padding\":\"" +
                                 std::string(200, 'x') + "\"}";
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }

private:
    void run()
    {
        while (!m_stop) {
            tcp::socket socket(m_io);
            boost::system::error_code error;
            m_acceptor.accept(socket, error);
            if (m_stop || error)
                continue;
            serve(socket); // one connection at a time is enough here
        }
    }
    void serve(tcp::socket &socket)
    {
        std::string buffer;
        char chunk[4096];
        for (;;) {
            std::size_t headEnd;
            while ((headEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
                boost::system::error_code error;
                const std::size_t n = socket.read_some(asio::buffer(chunk), error);
                if (error)
                    return;
                buffer.append(chunk, n);
            }
            std::size_t length = 0;
            const auto at = buffer.find("Content-Length: ");
            if (at != std::string::npos && at < headEnd)
                length = std::stoul(buffer.substr(at + 16));
            while (buffer.size() < headEnd + 4 + length) {
                boost::system::error_code error;
                const std::size_t n = socket.read_some(asio::buffer(chunk), error);
                if (error)
                    return;
                buffer.append(chunk, n);
            }
            {
                std::lock_guard lock(m_mutex);
                m_lastBody = buffer.substr(headEnd + 4, length);
            }
            buffer.erase(0, headEnd + 4 + length);
            // Counted before the write: once its bytes are out, the proxy may cut the
            // device off and the test read the count before this thread got further.
            ++m_answered;
            boost::system::error_code error;
            asio::write(socket, asio::buffer(answerTo(length)), error);
            if (error)
                return;
        }
    }

    asio::io_context m_io;
    tcp::acceptor m_acceptor;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_answered{0};
    mutable std::mutex m_mutex;
    std::string m_lastBody;
    std::thread m_thread;
};

std::string post(const std::string &body)
{
    return "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: "
           "application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Sends `request` through the proxy and reads until the proxy closes or `wanted` bytes arrived.
std::string exchange(quint16 port, const std::string &request, std::size_t wanted = 0,
                     bool *reset = nullptr)
{
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(socket, asio::buffer(request));
    if (!wanted) // no more requests: the proxy ends the connection after the answers
        socket.shutdown(tcp::socket::shutdown_send);
    std::string got;
    char chunk[4096];
    for (;;) {
        boost::system::error_code error;
        const std::size_t n = socket.read_some(asio::buffer(chunk), error);
        got.append(chunk, n);
        if (error) {
            if (reset)
                *reset = true;
            break;
        }
        if (wanted && got.size() >= wanted)
            break;
    }
    return got;
}

FaultPlan only(Fault fault)
{
    FaultPlan plan{0, 0, 0, 0, 0, 50};
    (fault == Fault::Delay             ? plan.delayPercent
     : fault == Fault::CutRequest      ? plan.cutRequestPercent
     : fault == Fault::CutResponse     ? plan.cutResponsePercent
     : fault == Fault::TruncateRequest ? plan.truncateRequestPercent
                                       : plan.truncateResponsePercent) = 100;
    return plan;
}

const std::string kBody = "{\"mutations\":[" + std::string(1000, ' ') + "]}";

TEST(FaultProxy, WithFaultsOffItIsAFaithfulPipe)
{
    EchoServer server;
    FaultProxy proxy(server.port(), 1, only(Fault::CutResponse));
    proxy.setFaultsEnabled(false);
    const std::string expected = EchoServer::answerTo(kBody.size());
    EXPECT_EQ(exchange(proxy.port(), post(kBody) + post(kBody), 2 * expected.size()),
              expected + expected);
    EXPECT_EQ(server.lastBody(), kBody);
    EXPECT_EQ(proxy.counts().requests, 2);
    EXPECT_EQ(proxy.counts().cutMidResponse, 0);
}

TEST(FaultProxy, TheScheduleIsFixedBySeedAndFollowsThePlan)
{
    const FaultPlan plan;
    std::map<Fault, int> seen;
    for (quint64 n = 0; n < 20000; ++n) {
        const Fault fault = FaultProxy::faultFor(42, n, plan);
        EXPECT_EQ(fault, FaultProxy::faultFor(42, n, plan));
        ++seen[fault];
    }
    EXPECT_NEAR(seen[Fault::Delay], 20000 * plan.delayPercent / 100, 400);
    EXPECT_NEAR(seen[Fault::CutRequest], 20000 * plan.cutRequestPercent / 100, 400);
    EXPECT_NEAR(seen[Fault::CutResponse], 20000 * plan.cutResponsePercent / 100, 400);
    EXPECT_NEAR(seen[Fault::TruncateResponse], 20000 * plan.truncateResponsePercent / 100, 400);
    int differs = 0;
    for (quint64 n = 0; n < 200; ++n)
        differs += FaultProxy::faultFor(42, n, plan) != FaultProxy::faultFor(43, n, plan);
    EXPECT_GT(differs, 20) << "another seed, another schedule";
}

TEST(FaultProxy, ACutRequestReachesHqInPartAndResetsTheDevice)
{
    EchoServer server;
    FaultProxy proxy(server.port(), 7, only(Fault::CutRequest));
    bool reset = false;
    EXPECT_EQ(exchange(proxy.port(), post(kBody), 0, &reset), "");
    EXPECT_TRUE(reset);
    EXPECT_EQ(server.answered(), 0) << "HQ never got the whole request";
    EXPECT_EQ(proxy.counts().cutMidRequest, 1);
}

TEST(FaultProxy, ACutResponseLeavesTheDeviceWithPartOfAnAnswerHqGave)
{
    EchoServer server;
    FaultProxy proxy(server.port(), 7, only(Fault::CutResponse));
    bool reset = false;
    const std::string got = exchange(proxy.port(), post(kBody), 0, &reset);
    const std::string whole = EchoServer::answerTo(kBody.size());
    EXPECT_TRUE(reset);
    EXPECT_GT(got.size(), 0u);
    EXPECT_LT(got.size(), whole.size());
    EXPECT_EQ(got, whole.substr(0, got.size()));
    EXPECT_EQ(server.answered(), 1) << "HQ answered in full";
    EXPECT_EQ(proxy.counts().cutMidResponse, 1);
}

TEST(FaultProxy, ATruncatedResponseClaimsToBeComplete)
{
    EchoServer server;
    FaultProxy proxy(server.port(), 9, only(Fault::TruncateResponse));
    const std::string got = exchange(proxy.port(), post(kBody) + post(kBody), 0);
    const std::string body = EchoServer::answerTo(kBody.size())
                                 .substr(EchoServer::answerTo(kBody.size()).find("\r\n\r\n") + 4);
    // Two answers, each a head whose Content-Length matches the shorter body that follows.
    std::size_t at = 0;
    for (int i = 0; i < 2; ++i) {
        const auto headEnd = got.find("\r\n\r\n", at);
        ASSERT_NE(headEnd, std::string::npos) << got;
        const auto lengthAt = got.find("Content-Length: ", at);
        const std::size_t length = std::stoul(got.substr(lengthAt + 16));
        EXPECT_LT(length, body.size());
        EXPECT_EQ(got.substr(headEnd + 4, length), body.substr(0, length));
        at = headEnd + 4 + length;
    }
    EXPECT_EQ(at, got.size());
    EXPECT_EQ(proxy.counts().truncatedResponses, 2);
}

TEST(FaultProxy, ATruncatedRequestReachesHqAsAShorterWholeBody)
{
    EchoServer server;
    FaultProxy proxy(server.port(), 11, only(Fault::TruncateRequest));
    const std::string got = exchange(proxy.port(), post(kBody), 1);
    EXPECT_EQ(got.substr(0, 15), "HTTP/1.1 200 OK");
    const std::string stored = server.lastBody();
    EXPECT_LT(stored.size(), kBody.size());
    EXPECT_EQ(stored, kBody.substr(0, stored.size()));
    EXPECT_EQ(proxy.counts().truncatedRequests, 1);
    // A request without a body has nothing to truncate: it passes and counts nothing.
    const std::string get = "GET /api/v1/sync/pull HTTP/1.1\r\nHost: x\r\n\r\n";
    EXPECT_EQ(exchange(proxy.port(), get, EchoServer::answerTo(0).size()), EchoServer::answerTo(0));
    EXPECT_EQ(proxy.counts().truncatedRequests, 1);
}

TEST(FaultProxy, DelaysBothWays)
{
    EchoServer server;
    FaultPlan plan = only(Fault::Delay);
    plan.maxDelayMs = 200;
    FaultProxy proxy(server.port(), 5, plan);
    const auto start = std::chrono::steady_clock::now();
    const std::string expected = EchoServer::answerTo(kBody.size());
    std::string request;
    for (int i = 0; i < 10; ++i)
        request += post(kBody);
    EXPECT_EQ(exchange(proxy.port(), request, 10 * expected.size()).size(), 10 * expected.size());
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    EXPECT_GT(ms, 400) << "20 waits of 0–200 ms";
    EXPECT_EQ(proxy.counts().delayed, 10);
}

TEST(FaultProxy, HqAwayResetsTheDevicesConnection)
{
    quint16 closedPort = 0;
    {
        EchoServer gone;
        closedPort = gone.port();
    }
    FaultProxy proxy(closedPort, 3, only(Fault::Delay));
    bool reset = false;
    EXPECT_EQ(exchange(proxy.port(), post(kBody), 0, &reset), "");
    EXPECT_TRUE(reset);
    EXPECT_EQ(proxy.counts().upstreamLost, 1);
}

} // namespace
} // namespace onsite::test
