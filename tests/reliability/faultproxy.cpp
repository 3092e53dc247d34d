#include "faultproxy.h"

#include <boost/asio.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <list>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace onsite::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kMaxHead = 64 * 1024;

// One HTTP/1.1 message as it travelled: raw head (through the blank line) and raw body.
struct Message
{
    std::string head;
    std::string body;
    std::optional<std::size_t> contentLength; // absent: chunked, or no body
    std::string bytes() const { return head + body; }
};

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return text;
}

// The value of header `name` (lower case) in `head`, if present.
std::optional<std::string> headerValue(const std::string &head, const std::string &name)
{
    const std::string text = lower(head);
    const std::string key = "\r\n" + name + ":";
    const auto at = text.find(key);
    if (at == std::string::npos)
        return std::nullopt;
    auto begin = at + key.size();
    const auto end = text.find("\r\n", begin);
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t'))
        ++begin;
    return head.substr(begin, end - begin);
}

// Reads into `buffer` until it holds at least `size` bytes.
bool fill(tcp::socket &socket, std::string &buffer, std::size_t size)
{
    char chunk[16384];
    while (buffer.size() < size) {
        boost::system::error_code error;
        const std::size_t n = socket.read_some(asio::buffer(chunk), error);
        if (error || n == 0)
            return false;
        buffer.append(chunk, n);
    }
    return true;
}

// Reads until `needle` is in `buffer` (searching from `from`); its position, or npos.
std::size_t fillUntil(tcp::socket &socket, std::string &buffer, const std::string &needle,
                      std::size_t from)
{
    for (;;) {
        const auto at = buffer.find(needle, from);
        if (at != std::string::npos)
            return at;
        if (buffer.size() > kMaxHead + from || !fill(socket, buffer, buffer.size() + 1))
            return std::string::npos;
    }
}

// Takes one message off the front of `buffer`, reading more from `socket` as needed.
// Requests and answers carry a Content-Length or are chunked (Beast, Qt); an answer
// with neither runs to the end of the connection.
std::optional<Message> readMessage(tcp::socket &socket, std::string &buffer, bool isResponse)
{
    const auto headEnd = fillUntil(socket, buffer, "\r\n\r\n", 0);
    if (headEnd == std::string::npos)
        return std::nullopt;
    Message message;
    message.head = buffer.substr(0, headEnd + 4);
    std::size_t bodyEnd = headEnd + 4;
    const auto encoding = headerValue(message.head, "transfer-encoding");
    const std::string status =
        isResponse && message.head.size() > 12 ? message.head.substr(9, 3) : std::string();
    const bool noBody = status.starts_with('1') || status == "204" || status == "304";
    if (encoding && lower(*encoding).find("chunked") != std::string::npos) {
        for (;;) { // chunk size line, data, CRLF; a zero chunk then trailers up to a blank line
            const auto lineEnd = fillUntil(socket, buffer, "\r\n", bodyEnd);
            if (lineEnd == std::string::npos)
                return std::nullopt;
            const std::size_t size = std::strtoul(buffer.c_str() + bodyEnd, nullptr, 16);
            if (size == 0) {
                const auto end = fillUntil(socket, buffer, "\r\n\r\n", lineEnd);
                if (end == std::string::npos)
                    return std::nullopt;
                bodyEnd = end + 4;
                break;
            }
            bodyEnd = lineEnd + 2 + size + 2;
            if (!fill(socket, buffer, bodyEnd))
                return std::nullopt;
        }
    } else if (const auto length = headerValue(message.head, "content-length"); length && !noBody) {
        message.contentLength = std::strtoul(length->c_str(), nullptr, 10);
        bodyEnd += *message.contentLength;
        if (!fill(socket, buffer, bodyEnd))
            return std::nullopt;
    } else if (isResponse && !noBody) {
        while (fill(socket, buffer, buffer.size() + 1)) {
        }
        bodyEnd = buffer.size();
    }
    message.body = buffer.substr(headEnd + 4, bodyEnd - headEnd - 4);
    buffer.erase(0, bodyEnd);
    return message;
}

// The head with its Content-Length replaced by `length`.
std::string withContentLength(const std::string &head, std::size_t length)
{
    const std::string text = lower(head);
    const auto at = text.find("\r\ncontent-length:");
    const auto end = head.find("\r\n", at + 2);
    return head.substr(0, at) + "\r\nContent-Length: " + std::to_string(length) + head.substr(end);
}

bool sendAll(tcp::socket &socket, const std::string &bytes)
{
    boost::system::error_code error;
    asio::write(socket, asio::buffer(bytes), error);
    return !error;
}

// Closes with a reset (SO_LINGER 0), as a dropped mobile link looks to the peer.
void reset(tcp::socket &socket)
{
    boost::system::error_code ignored;
    if (!socket.is_open())
        return;
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

// A cut or truncation point strictly inside [1, size - 1] (size ≥ 2), else 0.
std::size_t pointInside(std::mt19937 &random, std::size_t size)
{
    return size < 2 ? 0 : std::uniform_int_distribution<std::size_t>(1, size - 1)(random);
}

} // namespace

const char *faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return "none";
    case Fault::Delay:
        return "delay";
    case Fault::CutRequest:
        return "cut-request";
    case Fault::CutResponse:
        return "cut-response";
    case Fault::TruncateRequest:
        return "truncate-request";
    case Fault::TruncateResponse:
        return "truncate-response";
    }
    return "?";
}

Fault FaultProxy::faultFor(quint32 seed, quint64 request, const FaultPlan &plan)
{
    std::mt19937 random(seed ^ static_cast<quint32>(request * 2654435761u) ^
                        static_cast<quint32>(request >> 32));
    int roll = std::uniform_int_distribution<int>(0, 99)(random);
    const std::pair<int, Fault> chances[] = {
        {plan.delayPercent, Fault::Delay},
        {plan.cutRequestPercent, Fault::CutRequest},
        {plan.cutResponsePercent, Fault::CutResponse},
        {plan.truncateRequestPercent, Fault::TruncateRequest},
        {plan.truncateResponsePercent, Fault::TruncateResponse}};
    for (const auto &[percent, fault] : chances) {
        if (roll < percent)
            return fault;
        roll -= percent;
    }
    return Fault::None;
}

struct FaultProxy::Impl
{
    // A device's connection and the proxy's own to HQ; both shut down when the proxy stops.
    struct Link
    {
        explicit Link(asio::io_context &io) : client(io), upstream(io) {}
        tcp::socket client;
        tcp::socket upstream;
    };

    Impl(quint16 upstreamPort, quint32 seed, FaultPlan plan)
        : upstreamPort(upstreamPort), seed(seed), plan(plan),
          acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
    {
        port = acceptor.local_endpoint().port();
        acceptThread = std::thread([this] { acceptLoop(); });
    }

    ~Impl()
    {
        stopping = true;
        { // wake the blocking accept with a connection of our own
            boost::system::error_code ignored;
            tcp::socket poke(io);
            poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ignored);
        }
        acceptThread.join();
        std::list<std::thread> running;
        {
            std::lock_guard lock(mutex);
            for (auto &link :
                 links) { // shutdown() unblocks a read in another thread; close() would not be safe
                ::shutdown(link->client.native_handle(), SHUT_RDWR);
                ::shutdown(link->upstream.native_handle(), SHUT_RDWR);
            }
            running.swap(threads);
        }
        for (auto &thread : running)
            thread.join();
    }

    void acceptLoop()
    {
        while (!stopping) {
            auto link = std::make_shared<Link>(io);
            boost::system::error_code error;
            acceptor.accept(link->client, error);
            if (stopping)
                return;
            if (error)
                continue;
            std::lock_guard lock(mutex);
            links.push_back(link);
            threads.emplace_back([this, link] { serve(*link); });
        }
    }

    void count(int FaultCounts::*field)
    {
        std::lock_guard lock(mutex);
        ++(totals.*field);
    }

    void sleepUpTo(std::mt19937 &random) const
    {
        const int ms = std::uniform_int_distribution<int>(0, plan.maxDelayMs)(random);
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    }

    // Forwards the device's requests one by one, each with its scheduled fault.
    void serve(Link &link)
    {
        std::string fromClient, fromUpstream;
        bool broken =
            true; // a fault or a lost HQ resets the device's connection; its own end closes cleanly
        while (!stopping) {
            auto request = readMessage(link.client, fromClient, false);
            if (!request) {
                broken = false;
                break;
            }
            const quint64 number = nextRequest++;
            const Fault fault = enabled ? faultFor(seed, number, plan) : Fault::None;
            std::mt19937 random(seed + static_cast<quint32>(number) * 7919u + 1u);
            count(&FaultCounts::requests);
            if (!link.upstream.is_open()) {
                boost::system::error_code error;
                link.upstream.connect(
                    tcp::endpoint(asio::ip::make_address("127.0.0.1"), upstreamPort), error);
                if (error) { // HQ is away: the device sees its connection reset
                    count(&FaultCounts::upstreamLost);
                    break;
                }
            }
            if (fault == Fault::Delay) {
                count(&FaultCounts::delayed);
                sleepUpTo(random);
            }
            const std::string requestBytes = request->bytes();
            if (fault == Fault::CutRequest) {
                sendAll(link.upstream,
                        requestBytes.substr(0, pointInside(random, requestBytes.size())));
                count(&FaultCounts::cutMidRequest);
                break;
            }
            bool sent = false;
            if (fault == Fault::TruncateRequest && request->contentLength &&
                !request->body.empty()) {
                const std::size_t kept =
                    pointInside(random, request->body.size() + 1) - 1; // 0 .. size-1
                sent = sendAll(link.upstream, withContentLength(request->head, kept) +
                                                  request->body.substr(0, kept));
                count(&FaultCounts::truncatedRequests);
            } else {
                sent = sendAll(link.upstream, requestBytes);
            }
            auto response = sent ? readMessage(link.upstream, fromUpstream, true) : std::nullopt;
            if (!response) { // HQ killed (or gone) while the request was with it
                count(&FaultCounts::upstreamLost);
                break;
            }
            if (fault == Fault::Delay)
                sleepUpTo(random);
            const std::string responseBytes = response->bytes();
            if (fault == Fault::CutResponse) {
                sendAll(link.client,
                        responseBytes.substr(0, pointInside(random, responseBytes.size())));
                count(&FaultCounts::cutMidResponse);
                break;
            }
            if (fault == Fault::TruncateResponse && response->contentLength &&
                !response->body.empty()) {
                const std::size_t kept = pointInside(random, response->body.size() + 1) - 1;
                count(&FaultCounts::truncatedResponses);
                if (!sendAll(link.client, withContentLength(response->head, kept) +
                                              response->body.substr(0, kept)))
                    break;
                continue;
            }
            if (!sendAll(link.client, responseBytes))
                break;
        }
        std::lock_guard lock(mutex);
        boost::system::error_code ignored;
        if (broken)
            reset(link.client);
        else
            link.client.close(
                ignored); // a FIN after the last answer, which the device may not have read yet
        reset(link.upstream);
    }

    const quint16 upstreamPort;
    const quint32 seed;
    const FaultPlan plan;
    asio::io_context io;
    tcp::acceptor acceptor;
    quint16 port = 0;
    std::atomic<bool> stopping{false};
    std::atomic<bool> enabled{true};
    std::atomic<quint64> nextRequest{0};
    mutable std::mutex mutex; // links, threads, totals; and closing a link's sockets
    std::list<std::shared_ptr<Link>> links;
    std::list<std::thread> threads;
    FaultCounts totals;
    std::thread acceptThread;
};

FaultProxy::FaultProxy(quint16 upstreamPort, quint32 seed, FaultPlan plan)
    : d(std::make_unique<Impl>(upstreamPort, seed, plan))
{
}

FaultProxy::~FaultProxy() = default;

quint16 FaultProxy::port() const
{
    return d->port;
}

void FaultProxy::setFaultsEnabled(bool enabled)
{
    d->enabled = enabled;
}

FaultCounts FaultProxy::counts() const
{
    std::lock_guard lock(d->mutex);
    return d->totals;
}

} // namespace onsite::test
