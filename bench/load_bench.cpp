// onsite-load-bench: N simulated tablets at once against one onsite-hq serve (SQLite or
// PostgreSQL), then against two serve processes on one PostgreSQL database. Each device
// signs in with its own account and device id, downloads the set-up, and syncs a day
// (scores, visits, findings, a highlight, two photos through the resumable upload) in
// small batches, pulling after each push; the same server's GET /api/v1/status with the
// same shape of load is the bare-HTTP baseline. Prints a JSON report; a benchmark, not a
// test, except in --smoke mode, which fails on any error or inconsistency.
#include "loadcampaign.h"
#include "loaddevice.h"
#include "loadserver.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>

using namespace onsite::bench;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

const QString kPassword = QStringLiteral("load-bench-password");

void say(const QString &text)
{
    std::fprintf(stderr, "onsite-load-bench: %s\n", text.toUtf8().constData());
    std::fflush(stderr);
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly)
               ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
               : QString();
}

double ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    asio::io_context io;
    std::vector<std::unique_ptr<LoadDevice>> devices;
    std::vector<LoadServer *> servers;
    const LoadData *data = nullptr;
    int errors = 0;
};

using DeviceWork = std::function<asio::awaitable<void>(LoadDevice &, LoadBook &)>;

// Runs `work` on every device at once on the one io_context and measures the phase:
// wall time, requests, HQ CPU and memory (sampled every half second), open files and
// PostgreSQL connections.
QJsonObject phase(Run &run, const QString &name, const DeviceWork &work, bool signingIn = false)
{
    say(QStringLiteral("%1: %2 devices, load %3")
            .arg(name)
            .arg(run.devices.size())
            .arg(loadAverage()));
    LoadBook book;
    std::vector<double> cpuBefore;
    for (LoadServer *server : run.servers)
        cpuBefore.push_back(server->cpuSeconds());
    const double ownBefore = ownCpuSeconds();
    qint64 peakRss = 0;
    int peakFiles = 0, peakDb = 0;
    std::size_t running = 0;
    for (const auto &device : run.devices)
        running += signingIn || !device->token.empty();
    auto sample = [&] {
        qint64 rss = 0;
        int files = 0;
        for (LoadServer *server : run.servers) {
            rss += std::max<qint64>(0, server->residentKiB());
            files += server->openFiles();
        }
        peakRss = std::max(peakRss, rss);
        peakFiles = std::max(peakFiles, files);
        peakDb = std::max(peakDb, run.data->databaseConnections());
    };
    sample();
    const auto start = Clock::now();
    auto end = start;
    for (auto &device : run.devices) {
        if (!signingIn && device->token.empty()) // never signed in: counted once, at sign-in
            continue;
        asio::co_spawn(
            run.io, work(*device, book), [&running, &book, &end](std::exception_ptr failure) {
                if (--running == 0)
                    end = Clock::now(); // the sampler's last wait is not part of the phase

                if (!failure)
                    return;
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception &e) {
                    book.error("device", e.what());
                }
            });
    }
    asio::co_spawn(
        run.io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer timer(run.io);
            while (running > 0) {
                timer.expires_after(std::chrono::milliseconds(500));
                co_await timer.async_wait(asio::use_awaitable);
                sample();
            }
        },
        asio::detached);
    run.io.run();
    run.io.restart();
    const double wall = std::chrono::duration<double>(end - start).count();
    double cpu = 0;
    for (std::size_t i = 0; i < run.servers.size(); ++i)
        cpu += run.servers[i]->cpuSeconds() - cpuBefore[i];
    QJsonObject result{
        {QStringLiteral("wall_seconds"), wall},
        {QStringLiteral("requests"), qint64(book.requests())},
        {QStringLiteral("requests_per_second"), wall > 0 ? double(book.requests()) / wall : 0.0},
        {QStringLiteral("errors"), book.errors()},
        {QStringLiteral("hq_processes"), int(run.servers.size())},
        {QStringLiteral("hq_cpu_seconds"), cpu},
        {QStringLiteral("hq_rss_peak_kib"), peakRss},
        {QStringLiteral("hq_open_files_peak"), peakFiles},
        {QStringLiteral("db_connections_peak"), peakDb},
        {QStringLiteral("bench_cpu_seconds"), ownCpuSeconds() - ownBefore},
        {QStringLiteral("load_after"), loadAverage()},
        {QStringLiteral("kinds"), book.summary()}};
    for (const std::string &line : book.firstErrors())
        say(QStringLiteral("  error: %1").arg(QString::fromStdString(line)));
    const QJsonObject kinds = book.summary();
    for (auto it = kinds.begin(); it != kinds.end(); ++it) {
        if (it.key() == QLatin1String("errors") || it.key() == QLatin1String("answers"))
            continue;
        const QJsonObject k = it.value().toObject();
        say(QStringLiteral("  %1: %2 requests, p50 %3 ms, p99 %4 ms, max %5 ms")
                .arg(it.key(), -12)
                .arg(k.value(QStringLiteral("count")).toInt())
                .arg(k.value(QStringLiteral("p50_ms")).toDouble(), 0, 'f', 1)
                .arg(k.value(QStringLiteral("p99_ms")).toDouble(), 0, 'f', 1)
                .arg(k.value(QStringLiteral("max_ms")).toDouble(), 0, 'f', 1));
    }
    say(QStringLiteral("  %1 s, %2 requests/s, %3 errors, HQ CPU %4 s, HQ RSS peak %5 MiB, files "
                       "%6, db connections %7")
            .arg(wall, 0, 'f', 1)
            .arg(result.value(QStringLiteral("requests_per_second")).toDouble(), 0, 'f', 0)
            .arg(book.errors())
            .arg(cpu, 0, 'f', 1)
            .arg(double(peakRss) / 1024, 0, 'f', 0)
            .arg(peakFiles)
            .arg(peakDb));
    run.errors += book.errors();
    return result;
}

// After everyone's last push: each device pulls the rest (through `process`) and must
// hold every record its group's devices had applied — a skipped cursor shows here.
QJsonObject converge(Run &run, const QString &name, int process, DayOptions options)
{
    QJsonObject pulled = phase(run, name, [process, options](LoadDevice &d, LoadBook &book) {
        return pullRest(d, process, options, book);
    });
    QHash<QString, QSet<QString>> byGroup;
    qint64 applied = 0;
    for (const auto &device : run.devices) {
        byGroup[device->person->group].unite(device->applied);
        applied += device->applied.size();
    }
    qint64 missing = 0;
    for (const auto &device : run.devices) {
        if (!device->token.empty())
            missing += (byGroup.value(device->person->group) - device->pulled).size();
    }
    if (missing > 0)
        say(QStringLiteral(
                "  PROBLEM: %1 records applied at HQ never reached a device of their group")
                .arg(missing));
    run.errors += int(missing);
    pulled.insert(QStringLiteral("records_applied"), applied);
    pulled.insert(QStringLiteral("records_missing_on_devices"), missing);
    return pulled;
}

void addServer(Run &run, LoadServer &server)
{
    run.servers.push_back(&server);
    const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), server.port());
    for (auto &device : run.devices) {
        device->connections.push_back(std::make_unique<LoadConnection>(
            run.io, endpoint, deviceAddress(device->index), std::chrono::seconds(120)));
        device->connections.back()->setToken(device->token);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("N simulated tablets at once against onsite-hq (docs/BENCHMARKS.md)."));
    cli.addHelpOption();
    const QCommandLineOption hqOption(QStringLiteral("hq"), QStringLiteral("The onsite-hq binary."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption fixtureOption(QStringLiteral("fixtures"),
                                           QStringLiteral("The sample campaign folder."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption workOption(
        QStringLiteral("work"), QStringLiteral("An empty scratch folder."), QStringLiteral("DIR"));
    const QCommandLineOption devicesOption(QStringLiteral("devices"),
                                           QStringLiteral("Simulated tablets."),
                                           QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption backendOption(QStringLiteral("backend"),
                                           QStringLiteral("sqlite or postgres."),
                                           QStringLiteral("NAME"), QStringLiteral("sqlite"));
    const QCommandLineOption postgresOption(
        QStringLiteral("postgres"),
        QStringLiteral("Admin URL of the PostgreSQL server (default $ONSITE_TEST_POSTGRES_URL)."),
        QStringLiteral("URL"));
    const QCommandLineOption processesOption(
        QStringLiteral("processes"),
        QStringLiteral("2: also run a burst through two serve processes (PostgreSQL)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption thinkOption(
        QStringLiteral("think"),
        QStringLiteral("Mean seconds between a device's sync steps in the paced day."),
        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Mutations per push."), QStringLiteral("N"),
                                         QStringLiteral("5"));
    const QCommandLineOption photoOption(QStringLiteral("photo-kib"),
                                         QStringLiteral("Size of each photo."),
                                         QStringLiteral("KIB"), QStringLiteral("512"));
    const QCommandLineOption crowdOption(
        QStringLiteral("sign-in-crowd"),
        QStringLiteral("Devices that sign in all at once in the measured sign-in (default: all). The "
                       "others sign in before it through the same POST /api/v1/login, a few at a time, "
                       "each with its own password check, and keep their token."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Write the report here."), QStringLiteral("FILE"));
    const QCommandLineOption smokeOption(
        QStringLiteral("smoke"),
        QStringLiteral("Tiny run for ctest: 10 devices, short pauses; fails on any error."));
    cli.addOptions({hqOption, fixtureOption, workOption, devicesOption, backendOption,
                    postgresOption, processesOption, thinkOption, batchOption, photoOption,
                    crowdOption, jsonOption, smokeOption});
    cli.process(app);
    if (!cli.isSet(hqOption) || !cli.isSet(fixtureOption) || !cli.isSet(workOption)) {
        std::cerr << "onsite-load-bench: --hq, --fixtures and --work are required (see --help)\n";
        return 2;
    }
    const bool smoke = cli.isSet(smokeOption);
    const bool postgres = cli.value(backendOption) == QLatin1String("postgres");
    const QString postgresUrl = cli.isSet(postgresOption)
                                    ? cli.value(postgresOption)
                                    : qEnvironmentVariable("ONSITE_TEST_POSTGRES_URL");
    if (postgres && postgresUrl.isEmpty()) {
        std::cerr << "onsite-load-bench: no PostgreSQL (set ONSITE_TEST_POSTGRES_URL or "
                     "--postgres); skipped\n";
        return 77; // ctest: SKIP_RETURN_CODE
    }
    const int devices = smoke && !cli.isSet(devicesOption) ? 10 : cli.value(devicesOption).toInt();
    const int processes = postgres ? qBound(1, cli.value(processesOption).toInt(), 2) : 1;
    DayOptions paced;
    paced.thinkSeconds =
        smoke && !cli.isSet(thinkOption) ? 0.05 : cli.value(thinkOption).toDouble();
    const int batch = cli.value(batchOption).toInt();
    const int photoBytes =
        (smoke && !cli.isSet(photoOption) ? 40 : cli.value(photoOption).toInt()) * 1024;
    if (devices < 1 || batch < 1 || photoBytes < 1024 || paced.thinkSeconds < 0) {
        std::cerr << "onsite-load-bench: --devices, --batch and --photo-kib must be positive\n";
        return 2;
    }
    const int crowd = cli.value(crowdOption).toInt() > 0 ? std::min(devices, cli.value(crowdOption).toInt()) : devices;
    const DayOptions burst{0, paced.chunkBytes, paced.pageSize};
    QDir work(cli.value(workOption));
    work.removeRecursively();
    QDir().mkpath(work.path());

    QJsonObject report{{QStringLiteral("backend"),
                        postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite")},
                       {QStringLiteral("devices"), devices},
                       {QStringLiteral("think_seconds"), paced.thinkSeconds},
                       {QStringLiteral("batch"), batch},
                       {QStringLiteral("photo_bytes"), photoBytes},
                       {QStringLiteral("sign_in_crowd"), crowd},
                       {QStringLiteral("load_before"), loadAverage()}};
    QJsonObject phases;
    Run run;
    try {
        say(QStringLiteral("campaign for %1 devices").arg(devices));
        const LoadCampaign campaign = writeLoadCampaign(
            cli.value(fixtureOption), work.filePath(QStringLiteral("campaign")), devices);
        QStringList accounts;
        for (const LoadPerson &person : campaign.people)
            accounts << person.account;
        LoadData data(cli.value(hqOption), work.filePath(QStringLiteral("hq")),
                      postgres ? postgresUrl : QString());
        run.data = &data;
        const auto setupStart = Clock::now();
        data.prepare(work.filePath(QStringLiteral("campaign")), accounts, kPassword);
        report.insert(QStringLiteral("setup_seconds"),
                      std::chrono::duration<double>(Clock::now() - setupStart).count());

        for (std::size_t i = 0; i < campaign.people.size(); ++i) {
            auto device = std::make_unique<LoadDevice>();
            device->index = int(i);
            device->person = &campaign.people[i];
            device->deviceId =
                QStringLiteral("load-tablet-%1").arg(i + 1, 4, 10, QLatin1Char('0')).toStdString();
            device->random.seed(unsigned(i) * 7919u + 17u);
            run.devices.push_back(std::move(device));
        }
        // Days 0, 1 and 2 score different units of the group: every day's keys are fresh.
        std::vector<std::vector<std::vector<LoadStep>>> days(3);
        for (int day = 0; day < 3; ++day)
            for (const auto &device : run.devices)
                days[day].push_back(makeDay(campaign, *device->person, day, batch, photoBytes));
        auto dayOf = [&days](int day, const LoadDevice &d) -> const std::vector<LoadStep> & {
            return days[day][d.index];
        };

        LoadServer first(data, QStringLiteral("serve-1"));
        addServer(run, first);
        if (crowd < devices) {
            // The devices outside the crowd sign in first, kSignInsAtOnce at a time (as many
            // as HQ checks at once with 8 workers), so that they meet no busy answers.
            constexpr int kSignInsAtOnce = 4;
            auto inFlight = std::make_shared<int>(0);
            phases.insert(QStringLiteral("sign_in_rest"),
                          phase(run, QStringLiteral("sign-in of the devices outside the crowd"),
                                [crowd, inFlight](LoadDevice &d, LoadBook &b) -> asio::awaitable<void> {
                                    if (d.index < crowd)
                                        co_return;
                                    asio::steady_timer wait(co_await asio::this_coro::executor);
                                    while (*inFlight >= kSignInsAtOnce) {
                                        wait.expires_after(std::chrono::milliseconds(20));
                                        co_await wait.async_wait(asio::use_awaitable);
                                    }
                                    ++*inFlight;
                                    co_await signIn(d, kPassword, b);
                                    --*inFlight;
                                }, true));
        }
        phases.insert(QStringLiteral("sign_in"),
                      phase(run, QStringLiteral("sign-in and set-up"),
                            [crowd](LoadDevice &d, LoadBook &b) -> asio::awaitable<void> {
                                if (d.index < crowd)
                                    co_await signIn(d, kPassword, b);
                            }, true));
        phases.insert(
            QStringLiteral("status_baseline"),
            phase(run, QStringLiteral("status baseline (paced)"),
                  [&](LoadDevice &d, LoadBook &b) { return statusDay(d, dayOf(0, d), paced, b); }));
        phases.insert(QStringLiteral("day"),
                      phase(run, QStringLiteral("day (paced)"), [&](LoadDevice &d, LoadBook &b) {
                          return syncDay(d, dayOf(0, d), paced, b);
                      }));
        phases.insert(QStringLiteral("day_converge"),
                      converge(run, QStringLiteral("final pulls after the day"), 0, paced));
        phases.insert(
            QStringLiteral("status_burst"),
            phase(run, QStringLiteral("status baseline (no pauses)"),
                  [&](LoadDevice &d, LoadBook &b) { return statusDay(d, dayOf(1, d), burst, b); }));
        phases.insert(
            QStringLiteral("burst_1"),
            phase(run, QStringLiteral("burst, one process (no pauses)"),
                  [&](LoadDevice &d, LoadBook &b) { return syncDay(d, dayOf(1, d), burst, b); }));
        phases.insert(QStringLiteral("burst_1_converge"),
                      converge(run, QStringLiteral("final pulls after the burst"), 0, burst));

        std::unique_ptr<LoadServer> second;
        if (processes == 2) {
            second = std::make_unique<LoadServer>(data, QStringLiteral("serve-2"));
            addServer(run, *second);
            phases.insert(QStringLiteral("burst_2"),
                          phase(run, QStringLiteral("burst, two processes (no pauses)"),
                                [&](LoadDevice &d, LoadBook &b) {
                                    return syncDay(d, dayOf(2, d), burst, b);
                                }));
            // Through the process the device did not end on: each pulls through the other.
            phases.insert(QStringLiteral("burst_2_converge"),
                          converge(run, QStringLiteral("final pulls after the two-process burst"),
                                   -1, burst));
        }
        QJsonObject servers;
        servers.insert(QStringLiteral("serve_1_peak_rss_kib"), first.peakResidentKiB());
        QStringList stderrs{first.stop()};
        if (second) {
            servers.insert(QStringLiteral("serve_2_peak_rss_kib"), second->peakResidentKiB());
            stderrs << second->stop();
        }
        servers.insert(QStringLiteral("stderr"),
                       stderrs.join(QStringLiteral("\n---\n")).left(4000));
        report.insert(QStringLiteral("servers"), servers);
    } catch (const std::exception &e) {
        say(QStringLiteral("aborted: %1").arg(QString::fromUtf8(e.what())));
        report.insert(QStringLiteral("aborted"), QString::fromUtf8(e.what()));
        ++run.errors;
    }
    report.insert(QStringLiteral("phases"), phases);
    report.insert(QStringLiteral("errors"), run.errors);
    report.insert(QStringLiteral("load_after"), loadAverage());
    const QByteArray out = QJsonDocument(report).toJson(QJsonDocument::Indented);
    if (cli.isSet(jsonOption)) {
        QFile file(cli.value(jsonOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(out) != out.size())
            say(QStringLiteral("cannot write %1").arg(cli.value(jsonOption)));
    } else {
        std::fwrite(out.constData(), 1, std::size_t(out.size()), stdout);
    }
    if (smoke)
        work.removeRecursively();
    say(run.errors == 0 ? QStringLiteral("no errors")
                        : QStringLiteral("%1 errors").arg(run.errors));
    return run.errors == 0 ? 0 : 1;
}
