#include "loaddevice.h"

#include "protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>

namespace onsite::bench {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

QByteArray compact(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// One timed request; a transport failure or an unexpected status is booked as an error.
asio::awaitable<LoadReply> timed(LoadDevice &device, LoadConnection &connection, LoadBook &book,
                                 const std::string &kind, const char *method,
                                 const std::string &target, const QByteArray *body = nullptr,
                                 const char *contentType = "application/json", bool busyIsAnswer = false)
{
    const auto start = Clock::now();
    LoadReply reply = co_await connection.request(method, target, body, contentType);
    book.record(kind, std::chrono::duration<double>(Clock::now() - start).count());
    ++device.requestsSent;
    if (reply.status == 0)
        book.error(kind, reply.error);
    else if (reply.status == 503 && busyIsAnswer)
        book.count(kind + "_busy");
    else if (reply.status != 200 && reply.status != 204) // 204: protocol 2's "all applied" or "nothing new"
        book.error(kind, "HTTP " + std::to_string(reply.status) + " " +
                             reply.body.left(120).toStdString());
    co_return reply;
}

asio::awaitable<void> pause(LoadDevice &device, double meanSeconds, bool first)
{
    if (meanSeconds <= 0)
        co_return;
    // The first pause spreads the devices' starts over one mean; later ones jitter ±50 %.
    std::uniform_real_distribution<double> spread(first ? 0.0 : 0.5 * meanSeconds,
                                                  first ? meanSeconds : 1.5 * meanSeconds);
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(spread(device.random))));
    co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<bool> uploadPhoto(LoadDevice &device, LoadConnection &connection,
                                  const LoadPhoto &photo, const DayOptions &options, LoadBook &book)
{
    const std::string path = "/api/v1/photos/" + photo.sha256.toStdString();
    const LoadReply state = co_await timed(device, connection, book, "photo_state", "GET", path);
    if (state.status != 200)
        co_return false;
    qint64 offset = state.json().value(QStringLiteral("received")).toInteger();
    bool complete = state.json().value(QStringLiteral("complete")).toBool();
    while (!complete) {
        const QByteArray chunk = photo.bytes().mid(offset, options.chunkBytes);
        const std::string target = path + "?offset=" + std::to_string(offset) +
                                   "&total=" + std::to_string(photo.size);
        const LoadReply put = co_await timed(device, connection, book, "photo_put", "PUT", target,
                                             &chunk, "application/octet-stream");
        if (put.status != 200)
            co_return false;
        const qint64 received = put.json().value(QStringLiteral("received")).toInteger();
        complete = put.json().value(QStringLiteral("complete")).toBool();
        if (!complete && received <= offset) {
            book.error("photo_put", "upload did not advance past " + std::to_string(offset));
            co_return false;
        }
        offset = received;
    }
    co_return true;
}

asio::awaitable<void> push(LoadDevice &device, LoadConnection &connection, const LoadStep &step,
                           LoadBook &book)
{
    std::vector<protocol::Mutation> batch;
    for (const LoadMutation &m : step.mutations) {
        device.hlcMs += 1000;
        const QString hlc = QStringLiteral("%1-%2")
                                .arg(device.hlcMs, 13, 10, QLatin1Char('0'))
                                .arg(0, 5, 10, QLatin1Char('0'));
        batch.push_back({++device.seq, m.entity, m.id, protocol::op::kUpsert, hlc, m.data});
    }
    // Protocol 2, as the app speaks it: the token names the device, and 204 says every
    // mutation sent was applied.
    const QByteArray body =
        protocol::PushRequest{QString::fromStdString(device.deviceId), batch, false, {}}.toJsonText(false);
    const LoadReply reply =
        co_await timed(device, connection, book, "push", "POST", protocol::pushPath(true).toStdString(), &body);
    if (reply.status == 204) {
        for (const protocol::Mutation &m : batch)
            device.applied.insert(m.id);
        co_return;
    }
    if (reply.status != 200)
        co_return;
    const auto response = protocol::PushResponse::fromJson(reply.json());
    if (response.results.size() != batch.size() || response.lastProcessedSeq != batch.back().seq)
        book.error("push", "answered " + std::to_string(response.results.size()) + " results for " +
                               std::to_string(batch.size()) + " mutations");
    for (std::size_t i = 0; i < response.results.size() && i < batch.size(); ++i) {
        const auto &result = response.results[i];
        if (result.status == protocol::MutationStatus::Applied)
            device.applied.insert(batch[i].id);
        else
            book.error("push", "mutation " + protocol::statusName(result.status).toStdString() +
                                   ":" + result.reason.toStdString() + " " +
                                   result.message.left(80).toStdString());
    }
}

asio::awaitable<void> pull(LoadDevice &device, LoadConnection &connection,
                           const DayOptions &options, LoadBook &book, const std::string &kind)
{
    for (int page = 0; page < 10000; ++page) {
        const std::string target =
            (protocol::pullPath(true) + QLatin1Char('?') +
             protocol::pullQuery(device.cursor, options.pageSize, {}, true).toString(QUrl::FullyEncoded))
                .toStdString();
        const LoadReply reply = co_await timed(device, connection, book, kind, "GET", target);
        if (reply.status == 204) // nothing new: the cursor stays
            co_return;
        if (reply.status != 200)
            co_return;
        const auto response = protocol::PullResponse::fromJson(reply.json());
        qint64 last = device.cursor;
        for (const auto &change : response.changes) {
            // Every change must come after the cursor and in order: anything else is a
            // duplicate delivery or a feed out of order.
            if (change.seq <= last)
                book.error(kind, "change " + std::to_string(change.seq) + " at or below " +
                                     std::to_string(last));
            last = change.seq;
            device.pulled.insert(change.id);
        }
        if (response.cursor < last || response.cursor < device.cursor)
            book.error(kind, "cursor " + std::to_string(response.cursor) + " behind " +
                                 std::to_string(last));
        if (response.more && response.cursor <= device.cursor) {
            book.error(kind, "cursor did not advance while more=true");
            co_return;
        }
        device.cursor = std::max(device.cursor, response.cursor);
        if (!response.more)
            co_return;
    }
}

} // namespace

int requestsOfStep(const LoadStep &step, int chunkBytes)
{
    int n = 2; // push, pull
    for (const LoadPhoto &photo : step.photos)
        n += 1 + int((photo.size + chunkBytes - 1) / chunkBytes);
    return n;
}

asio::awaitable<void> signIn(LoadDevice &device, const QString &password, LoadBook &book)
{
    LoadConnection &connection = device.connection(0);
    const QByteArray body =
        compact({{QStringLiteral("account"), device.person->account},
                 {QStringLiteral("password"), password},
                 {QStringLiteral("device_id"), QString::fromStdString(device.deviceId)},
                 {QStringLiteral("device_name"), QStringLiteral("负载测试平板")}});
    // HQ answers 503 busy with Retry-After while it checks as many passwords as it will at
    // once; the device waits that long (jittered, so a crowd does not come back together).
    const auto start = Clock::now();
    LoadReply reply;
    for (int attempt = 0; attempt < 200; ++attempt) {
        reply = co_await timed(device, connection, book, "login", "POST", "/api/v1/login", &body,
                               "application/json", true);
        if (reply.status != 503)
            break;
        const int wait = std::max(1, reply.retryAfter);
        std::uniform_real_distribution<double> jitter(wait, 2.0 * wait);
        asio::steady_timer timer(co_await asio::this_coro::executor);
        timer.expires_after(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(jitter(device.random))));
        co_await timer.async_wait(asio::use_awaitable);
    }
    const std::string token = reply.json().value(QStringLiteral("token")).toString().toStdString();
    if (reply.status != 200 || token.empty())
        co_return;
    book.record("signed_in", std::chrono::duration<double>(Clock::now() - start).count());
    device.token = token;
    for (auto &c : device.connections)
        c->setToken(token);
    const LoadReply setup =
        co_await timed(device, connection, book, "bootstrap", "GET", "/api/v1/bootstrap");
    if (setup.status == 200 && setup.json().value(QStringLiteral("scope_units")).toArray().size() !=
                                   device.person->units.size())
        book.error("bootstrap", "scope is not the group's five units");
}

asio::awaitable<void> statusDay(LoadDevice &device, const std::vector<LoadStep> &steps,
                                DayOptions options, LoadBook &book)
{
    for (std::size_t s = 0; s < steps.size(); ++s) {
        co_await pause(device, options.thinkSeconds, s == 0);
        LoadConnection &connection = device.connection(int(s));
        for (int r = requestsOfStep(steps[s], options.chunkBytes); r > 0; --r)
            co_await timed(device, connection, book, "status", "GET", "/api/v1/status");
    }
}

asio::awaitable<void> syncDay(LoadDevice &device, const std::vector<LoadStep> &steps,
                              DayOptions options, LoadBook &book)
{
    for (std::size_t s = 0; s < steps.size(); ++s) {
        co_await pause(device, options.thinkSeconds, s == 0);
        LoadConnection &connection = device.connection(int(s));
        device.lastProcess = device.processOf(int(s));
        bool photosDone = true;
        for (const LoadPhoto &photo : steps[s].photos)
            photosDone =
                (co_await uploadPhoto(device, connection, photo, options, book)) && photosDone;
        if (photosDone) // otherwise the device holds the step back; the error is booked
            co_await push(device, connection, steps[s], book);
        co_await pull(device, connection, options, book, "pull");
    }
}

asio::awaitable<void> pullRest(LoadDevice &device, int process, DayOptions options, LoadBook &book)
{
    if (process < 0)
        process = device.lastProcess + 1;
    co_await pull(device, *device.connections[std::size_t(process) % device.connections.size()],
                  options, book, "final_pull");
}

} // namespace onsite::bench
