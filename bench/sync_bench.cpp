// onsite-sync-bench: N score records pushed by one device and pulled by another
// through a real onsite-hq, the same rows inserted straight into SQLite (the local
// limit), and the wire bytes of a one-score and a no-op sync. Prints one JSON object;
// bench/run-sync-bench.sh runs it beside the PouchDB replication and writes
// docs/BENCHMARKS.md. A benchmark, not a test: it measures, it asserts no timings.
#include "hqprocess.h"
#include "sqlitebaseline.h"
#include "syncexchange.h"
#include "wireclient.h"
#include "workload.h"

#include "protocol/protocol.h"
#include "protocol/records.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSysInfo>

#include <chrono>
#include <ctime>
#include <functional>
#include <cstdio>
#include <iostream>
#include <map>

using namespace onsite;
using namespace onsite::bench;

namespace {

const QString kDeviceA = QStringLiteral("bench-device-a");
const QString kDeviceB = QStringLiteral("bench-device-b");

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void progress(const QString &text)
{
    std::fprintf(stderr, "onsite-sync-bench: %s\n", text.toUtf8().constData());
    std::fflush(stderr);
}

QJsonObject bytesJson(const WireBytes &b)
{
    return {{QStringLiteral("sent"), qint64(b.sent)},
            {QStringLiteral("received"), qint64(b.received)},
            {QStringLiteral("total"), qint64(b.total())}};
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

QByteArray compact(const QJsonObject &json) { return QJsonDocument(json).toJson(QJsonDocument::Compact); }

// Problems are collected, not thrown: a wrong count or a rejected record is a
// finding to report with the numbers, not a reason to lose the run.
QJsonArray g_problems;
void problem(const QString &text)
{
    progress(QStringLiteral("PROBLEM: ") + text);
    g_problems.append(text);
}

QString login(WireClient &client, const QString &account, const QString &password, const QString &device)
{
    const WireReply reply = client.postJson(
        QStringLiteral("/api/v1/login"),
        compact({{QStringLiteral("account"), account}, {QStringLiteral("password"), password},
                 {QStringLiteral("device_id"), device}, {QStringLiteral("device_name"), device}}));
    const QString token = reply.json.value(QStringLiteral("token")).toString();
    if (reply.status != 200 || token.isEmpty())
        throw std::runtime_error(QStringLiteral("login %1 answered %2: %3")
                                     .arg(account)
                                     .arg(reply.status)
                                     .arg(QString::fromUtf8(reply.body))
                                     .toStdString());
    client.setToken(token);
    return token;
}

// The device's change for one record, as the outbox would hold it.
protocol::Mutation mutationFor(const ScoreEntry &score, qint64 seq)
{
    // HLC "<13-digit ms>-<5-digit counter>": the record time, so clocks rise with seq.
    const QString hlc = QStringLiteral("%1-%2")
                            .arg(score.recordedAt.toMSecsSinceEpoch(), 13, 10, QLatin1Char('0'))
                            .arg(0, 5, 10, QLatin1Char('0'));
    return {seq, protocol::entity::kScore, score.id, protocol::op::kUpsert, hlc, protocol::scoreToJson(score)};
}

// The same pushes into a second, fresh onsite-hq whose SQLite runs with
// synchronous=NORMAL (ONSITE_BENCH_HQ_SYNCHRONOUS, read by HQ's data folder for this
// benchmark only): what HQ's synchronous=FULL costs on push apply, in the same run.
double pushSecondsWithSynchronousNormal(const QString &hqBinary, const QString &campaignFolder, const QDir &work,
                                        const Workload &workload, const std::vector<protocol::Mutation> &mutations,
                                        int batchSize, const SyncExchange &exchange)
{
    qputenv("ONSITE_BENCH_HQ_SYNCHRONOUS", "NORMAL");
    HqProcess hq(hqBinary, work.filePath(QStringLiteral("hq-data-normal")));
    hq.run({QStringLiteral("init")});
    hq.run({QStringLiteral("import-campaign"), campaignFolder});
    hq.run({QStringLiteral("set-password"), workload.rater}, "bench-password-1\n");
    const std::uint16_t port = hq.serve();
    qunsetenv("ONSITE_BENCH_HQ_SYNCHRONOUS");
    WireClient device(QStringLiteral("127.0.0.1"), port);
    login(device, workload.rater, QStringLiteral("bench-password-1"), kDeviceA);
    const auto start = Clock::now();
    PushOutcome pushed;
    for (std::size_t first = 0; first < mutations.size(); first += std::size_t(batchSize)) {
        const auto begin = mutations.begin() + qsizetype(first);
        const std::vector<protocol::Mutation> batch(begin, begin + qsizetype(std::min<std::size_t>(batchSize, mutations.size() - first)));
        pushed = exchange.push(device, batch, std::move(pushed));
    }
    const double seconds = secondsSince(start);
    hq.stop();
    return seconds;
}

QJsonObject statusesJson(const std::map<QString, int> &statuses)
{
    QJsonObject json;
    for (const auto &[key, count] : statuses)
        json.insert(key, count);
    return json;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Sync benchmark: onsite-hq push/pull vs raw SQLite inserts."));
    cli.addHelpOption();
    const QCommandLineOption hqOption(QStringLiteral("hq"), QStringLiteral("The onsite-hq binary."), QStringLiteral("PATH"));
    const QCommandLineOption fixtureOption(QStringLiteral("fixtures"), QStringLiteral("The sample campaign folder."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption workOption(QStringLiteral("work"), QStringLiteral("An empty scratch folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption recordsOption(QStringLiteral("records"), QStringLiteral("Records to sync."),
                                           QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Mutations per push (max 2000)."),
                                         QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("Changes per pull page (max 5000)."),
                                        QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption docsOption(QStringLiteral("export-docs"),
                                        QStringLiteral("Also write the records as PouchDB documents (NDJSON)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption gzipOption(QStringLiteral("gzip"),
                                        QStringLiteral("on: the devices ask for gzip answers and gzip their push bodies, "
                                                       "as the device client does; off: neither."),
                                        QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Write the results here."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption noNormalOption(QStringLiteral("no-normal"),
                                            QStringLiteral("Skip the second push into an HQ with synchronous=NORMAL "
                                                           "(quicker runs while working on push apply)."));
    const QCommandLineOption dumpOption(QStringLiteral("dump-wire"),
                                        QStringLiteral("Write the raw bytes of the one-score and no-op syncs here "
                                                       "(requests and answers as they crossed the socket)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption maxOneScoreOption(QStringLiteral("max-one-score-bytes"),
                                               QStringLiteral("Report a problem if the one-score sync takes more bytes."),
                                               QStringLiteral("N"));
    const QCommandLineOption maxNoopOption(QStringLiteral("max-noop-bytes"),
                                           QStringLiteral("Report a problem if the no-op sync takes more bytes."),
                                           QStringLiteral("N"));
    const QCommandLineOption protocolOption(
        QStringLiteral("protocol"),
        QStringLiteral("2: push and pull in protocol 2's compact form, as the device client does with an HQ "
                       "that speaks it; 1: the plain JSON of protocol 1."),
        QStringLiteral("1|2"), QStringLiteral("2"));
    cli.addOptions({hqOption, fixtureOption, workOption, recordsOption, batchOption, pageOption, docsOption, gzipOption,
                    jsonOption, noNormalOption, dumpOption, maxOneScoreOption, maxNoopOption, protocolOption});
    cli.process(app);
    if (!cli.isSet(hqOption) || !cli.isSet(fixtureOption) || !cli.isSet(workOption)) {
        std::cerr << "onsite-sync-bench: --hq, --fixtures and --work are required (see --help)\n";
        return 2;
    }
    const int records = cli.value(recordsOption).toInt();
    const int batchSize = cli.value(batchOption).toInt();
    const int pageSize = cli.value(pageOption).toInt();
    if (records < 1 || batchSize < 1 || pageSize < 1) {
        std::cerr << "onsite-sync-bench: --records, --batch and --page must be positive\n";
        return 2;
    }
    const QDir work(cli.value(workOption));
    const bool gzip = cli.value(gzipOption) != QLatin1String("off");
    // Protocol 2 unless --protocol 1: the paths and bodies SyncClient sends to either kind of HQ.
    const SyncExchange exchange(cli.value(protocolOption) != QLatin1String("1"), kDeviceA, problem);

    QJsonObject result;
    try {
        progress(QStringLiteral("generating %1 records").arg(records));
        Workload workload = makeWorkload(cli.value(fixtureOption), records);
        for (ScoreEntry &s : workload.scores)
            s.source = kDeviceA;
        const QString campaignFolder = work.filePath(QStringLiteral("campaign"));
        writeCampaignFolder(workload, cli.value(fixtureOption), campaignFolder);
        if (cli.isSet(docsOption))
            exportDocuments(workload, cli.value(docsOption));

        progress(QStringLiteral("setting up onsite-hq with %1 units").arg(workload.unitCodes.size()));
        HqProcess hq(cli.value(hqOption), work.filePath(QStringLiteral("hq-data")));
        hq.run({QStringLiteral("init")});
        const auto importStart = Clock::now();
        hq.run({QStringLiteral("import-campaign"), campaignFolder});
        const double importSeconds = secondsSince(importStart);
        hq.run({QStringLiteral("set-password"), workload.rater}, "bench-password-1\n");
        hq.run({QStringLiteral("set-password"), workload.reader}, "bench-password-2\n");
        const std::uint16_t port = hq.serve();

        WireClient deviceA(QStringLiteral("127.0.0.1"), port), deviceB(QStringLiteral("127.0.0.1"), port);
        deviceA.setGzip(gzip);
        deviceB.setGzip(gzip);
        login(deviceA, workload.rater, QStringLiteral("bench-password-1"), kDeviceA);
        login(deviceB, workload.reader, QStringLiteral("bench-password-2"), kDeviceB);

        // The outbox content is ready before the clock starts, as on a device.
        std::vector<protocol::Mutation> mutations;
        mutations.reserve(workload.scores.size());
        for (std::size_t i = 0; i < workload.scores.size(); ++i)
            mutations.push_back(mutationFor(workload.scores[i], qint64(i) + 1));

        progress(QStringLiteral("device A pushes %1 records in batches of %2").arg(records).arg(batchSize));
        const WireBytes pushBefore = deviceA.bytes();
        const double pushCpuBefore = hq.serveCpuSeconds();
        const auto pushStart = Clock::now();
        PushOutcome pushed;
        QJsonArray batchSeconds; // per request: shows whether a push slows as HQ's store grows
        for (int first = 0; first < records; first += batchSize) {
            const auto batchStart = Clock::now();
            const auto begin = mutations.begin() + first;
            const std::vector<protocol::Mutation> batch(begin, begin + std::min(batchSize, records - first));
            pushed = exchange.push(deviceA, batch, std::move(pushed));
            batchSeconds.append(secondsSince(batchStart));
        }
        const double pushSeconds = secondsSince(pushStart);
        const double pushCpuSeconds = hq.serveCpuSeconds() - pushCpuBefore;
        const WireBytes pushBytes = deviceA.bytes() - pushBefore;

        progress(QStringLiteral("device B pulls in pages of %1").arg(pageSize));
        const WireBytes pullBefore = deviceB.bytes();
        const auto pullStart = Clock::now();
        const double pullCpuBefore = hq.serveCpuSeconds();
        const PullOutcome pulled = exchange.pullAll(deviceB, 0, pageSize);
        const double pullSeconds = secondsSince(pullStart);
        const double pullCpuSeconds = hq.serveCpuSeconds() - pullCpuBefore;
        const WireBytes pullBytes = deviceB.bytes() - pullBefore;

        QSet<QString> expected, distinct;
        for (int i = 0; i < records; ++i)
            expected.insert(workload.scores[i].id);
        int notScoreUpserts = 0;
        for (const auto &change : pulled.changes) {
            distinct.insert(change.id);
            if (change.entity != protocol::entity::kScore || change.op != protocol::op::kUpsert)
                ++notScoreUpserts;
        }
        if (pulled.changes.size() != std::size_t(records) || distinct != expected || notScoreUpserts)
            problem(QStringLiteral("device B pulled %1 changes, %2 distinct records (%3 of the pushed ids), %4 not score "
                                   "upserts; expected exactly %5")
                        .arg(pulled.changes.size())
                        .arg(distinct.size())
                        .arg(QSet<QString>(distinct).intersect(expected).size())
                        .arg(notScoreUpserts)
                        .arg(records));

        progress(QStringLiteral("one-score sync and no-op sync"));
        QByteArray dump; // --dump-wire: the exchanges as they crossed the sockets
        auto capture = [&](WireClient &client, const char *title, const std::function<void()> &exchange) {
            client.startCapture();
            exchange();
            dump.append("==== ").append(title).append(" ====\n").append(client.takeCapture()).append("\n");
        };
        WireBytes before = deviceA.bytes();
        PushOutcome onePushed;
        capture(deviceA, "one-score sync: A pushes", [&] { onePushed = exchange.push(deviceA, {mutations.back()}); });
        const WireBytes onePush = deviceA.bytes() - before;
        before = deviceB.bytes();
        PullOutcome onePulled;
        capture(deviceB, "one-score sync: B pulls",
                [&] { onePulled = exchange.pullAll(deviceB, pulled.cursor, protocol::kDefaultPullLimit); });
        const WireBytes onePull = deviceB.bytes() - before;
        if (onePulled.changes.size() != 1 || onePulled.changes.front().id != workload.scores.back().id)
            problem(QStringLiteral("one-score sync: device B pulled %1 changes instead of the one pushed")
                        .arg(onePulled.changes.size()));

        // A device with nothing in its outbox sends no push (SyncEngine::pushBatches): its
        // no-op sync is the pull alone. The empty push is measured apart, for reference.
        before = deviceA.bytes();
        exchange.push(deviceA, {});
        const WireBytes emptyPush = deviceA.bytes() - before;
        const WireBytes noopPush;
        before = deviceB.bytes();
        PullOutcome noopPulled;
        capture(deviceB, "no-op sync: B pulls",
                [&] { noopPulled = exchange.pullAll(deviceB, onePulled.cursor, protocol::kDefaultPullLimit); });
        const WireBytes noopPull = deviceB.bytes() - before;
        // Budgets (issue 12), for ctest's wire-budget run: over them is a problem.
        const qint64 oneScoreTotal = qint64(onePush.total() + onePull.total());
        const qint64 noopTotal = qint64(noopPush.total() + noopPull.total());
        if (cli.isSet(maxOneScoreOption) && oneScoreTotal > cli.value(maxOneScoreOption).toLongLong())
            problem(QStringLiteral("one-score sync took %1 bytes, over the budget of %2")
                        .arg(oneScoreTotal)
                        .arg(cli.value(maxOneScoreOption)));
        if (cli.isSet(maxNoopOption) && noopTotal > cli.value(maxNoopOption).toLongLong())
            problem(QStringLiteral("no-op sync took %1 bytes, over the budget of %2").arg(noopTotal).arg(cli.value(maxNoopOption)));
        if (cli.isSet(dumpOption)) {
            QFile file(cli.value(dumpOption));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(dump) != dump.size())
                problem(QStringLiteral("cannot write %1").arg(cli.value(dumpOption)));
        }
        if (!noopPulled.changes.empty() || noopPulled.requests != 1)
            problem(QStringLiteral("no-op sync: pull returned %1 changes in %2 requests")
                        .arg(noopPulled.changes.size())
                        .arg(noopPulled.requests));

        const QString serverErrors = hq.stop();

        double normalPushSeconds = 0;
        if (!cli.isSet(noNormalOption)) {
            progress(QStringLiteral("the same pushes into an onsite-hq with synchronous=NORMAL"));
            const std::vector<protocol::Mutation> measured(mutations.begin(), mutations.begin() + records);
            normalPushSeconds = pushSecondsWithSynchronousNormal(cli.value(hqOption), campaignFolder, work, workload,
                                                                 measured, batchSize, exchange);
        }

        progress(QStringLiteral("raw SQLite inserts of the same %1 rows").arg(records));
        const std::vector<ScoreEntry> rows(workload.scores.begin(), workload.scores.begin() + records);
        // Its CPU time too, to set beside HQ's CPU seconds: on a loaded machine wall times
        // mostly measure the wait for a core.
        const double sqliteCpuBefore = threadCpuSeconds();
        const double sqliteSeconds =
            insertScoresDirectly(work.filePath(QStringLiteral("baseline.sqlite")), rows, kDeviceA);
        const double sqliteCpuSeconds = threadCpuSeconds() - sqliteCpuBefore;
        progress(QStringLiteral("raw SQLite inserts of every row HQ keeps for those %1 scores").arg(records));
        const std::vector<protocol::Mutation> pushedMutations(mutations.begin(), mutations.begin() + records);
        const double keptSeconds = insertKeptRowsDirectly(
            work.filePath(QStringLiteral("baseline-kept.sqlite")),
            QDir(work.filePath(QStringLiteral("hq-data"))).filePath(QStringLiteral("hq.sqlite")), rows, pushedMutations,
            kDeviceA);

        result = QJsonObject{
            {QStringLiteral("records"), records},
            {QStringLiteral("gzip"), gzip},
            {QStringLiteral("protocol"), exchange.compactWire() ? 2 : 1},
            {QStringLiteral("units"), int(workload.unitCodes.size())},
            {QStringLiteral("items_per_unit"), int(workload.indicators.size())},
            {QStringLiteral("batch"), batchSize},
            {QStringLiteral("page"), pageSize},
            {QStringLiteral("import_seconds"), importSeconds},
            {QStringLiteral("onsite"),
             QJsonObject{{QStringLiteral("push_seconds"), pushSeconds},
                         {QStringLiteral("pull_seconds"), pullSeconds},
                         {QStringLiteral("push_hq_cpu_seconds"), pushCpuSeconds},
                         {QStringLiteral("pull_hq_cpu_seconds"), pullCpuSeconds},
                         {QStringLiteral("push_requests"), pushed.requests},
                         {QStringLiteral("push_batch_seconds"), batchSeconds},
                         {QStringLiteral("pull_requests"), pulled.requests},
                         {QStringLiteral("push_bytes"), bytesJson(pushBytes)},
                         {QStringLiteral("pull_bytes"), bytesJson(pullBytes)},
                         {QStringLiteral("push_statuses"), statusesJson(pushed.statuses)},
                         {QStringLiteral("pulled_changes"), qint64(pulled.changes.size())},
                         {QStringLiteral("distinct_records"), int(distinct.size())},
                         {QStringLiteral("reconnects"), deviceA.reconnects() + deviceB.reconnects()},
                         {QStringLiteral("server_stderr"), serverErrors}}},
            {QStringLiteral("one_score_sync"),
             QJsonObject{{QStringLiteral("push"), bytesJson(onePush)},
                         {QStringLiteral("pull"), bytesJson(onePull)},
                         {QStringLiteral("push_statuses"), statusesJson(onePushed.statuses)},
                         {QStringLiteral("total"), qint64(onePush.total() + onePull.total())}}},
            {QStringLiteral("noop_sync"),
             QJsonObject{{QStringLiteral("push"), bytesJson(noopPush)},
                         {QStringLiteral("pull"), bytesJson(noopPull)},
                         {QStringLiteral("total"), qint64(noopPush.total() + noopPull.total())},
                         {QStringLiteral("empty_push"), bytesJson(emptyPush)}}},
            {QStringLiteral("sqlite"), QJsonObject{{QStringLiteral("insert_seconds"), sqliteSeconds},
                                                   {QStringLiteral("insert_cpu_seconds"), sqliteCpuSeconds},
                                                   {QStringLiteral("kept_rows_seconds"), keptSeconds},
                                                   {QStringLiteral("kept_rows_per_score"), kKeptRowsPerScore}}},
            {QStringLiteral("hq_synchronous"),
             QJsonObject{{QStringLiteral("full_push_seconds"), pushSeconds},
                         {QStringLiteral("normal_push_seconds"), normalPushSeconds},
                         {QStringLiteral("full_over_normal"), normalPushSeconds > 0 ? pushSeconds / normalPushSeconds : 0.0}}},
        };
    } catch (const std::exception &e) {
        problem(QStringLiteral("aborted: %1").arg(QString::fromUtf8(e.what())));
    }
    result.insert(QStringLiteral("problems"), g_problems);
    result.insert(QStringLiteral("ok"), g_problems.isEmpty());

    const QByteArray out = QJsonDocument(result).toJson(QJsonDocument::Indented);
    if (cli.isSet(jsonOption)) {
        QFile file(cli.value(jsonOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(out) != out.size()) {
            std::cerr << "onsite-sync-bench: cannot write " << cli.value(jsonOption).toStdString() << "\n";
            return 1;
        }
    } else {
        std::fwrite(out.constData(), 1, std::size_t(out.size()), stdout);
    }
    return g_problems.isEmpty() ? 0 : 1;
}
