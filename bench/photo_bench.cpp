// onsite-photo-bench: photos at wire speed (docs/BENCHMARKS.md, "Photos"; issue 12, P5).
//
// Distinct JPEG-signed photos go to the real onsite-hq through the device's upload path
// (sync::PhotoUploader over sync::SyncClient, the app's chunk size) and, as the wire
// baseline, through `curl --upload-file` to the same endpoint with the same token; then
// the device path again through a proxy that cuts the link every ~20 MB. HQ keeps one
// copy per content hash and answers "complete" to an account that sent it already, so
// every run gets a fresh HQ data folder: each run stores every photo in full.
// A benchmark, not a test: no timing is asserted. --smoke (in ctest) runs a few small
// photos with one cut and fails when a photo is missing or a resume re-sends more than
// one chunk.
#include "cuttingproxy.h"
#include "hqprocess.h"
#include "photoreport.h"
#include "photoruns.h"
#include "procstats.h"

#include "client/transport/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>

using namespace onsite;
using namespace onsite::bench;

namespace {

void progress(const QString &text)
{
    std::cerr << "onsite-photo-bench: " << text.toStdString() << std::endl;
}

struct Setup
{
    QString hqBinary;
    QString fixtures;
    QDir work;
    PhotoAccount account{QStringLiteral("g1.zhang"),
                         QStringLiteral("bench-photo-1")}; // 检查组员 of the sample
    std::vector<PhotoFile> photos;
    qint64 chunkBytes = 0;
    qint64 growLargest = 0; // the "grow" runs: chunks sized by time, up to this
    std::uint64_t cutEvery = 0;
};

// One run on a fresh HQ: sign in, send, count what HQ holds, stop HQ, drop its data.
PhotoRun runOnFreshHq(const Setup &setup, const QString &kind, int round)
{
    const QString name = QStringLiteral("%1-%2").arg(kind).arg(round);
    const QString data = setup.work.filePath(QStringLiteral("hq-") + name);
    QDir(data).removeRecursively();
    HqProcess hq(setup.hqBinary, data);
    hq.run({QStringLiteral("init")});
    hq.run({QStringLiteral("import-campaign"), setup.fixtures});
    hq.run({QStringLiteral("set-password"), setup.account.account},
           (setup.account.password + QLatin1Char('\n')).toUtf8());
    HqEndpoint endpoint;
    endpoint.port = hq.serve();
    endpoint.token = signIn(endpoint.port, setup.account);

    std::optional<CuttingProxy> proxy;
    const bool cut = kind.endsWith(QLatin1String("-cut"));
    if (kind.endsWith(QLatin1String("-proxy")) || cut)
        proxy.emplace(endpoint.port, cut ? setup.cutEvery : 0);
    const std::uint16_t sendPort = proxy ? proxy->port() : endpoint.port;

    progress(QStringLiteral("%1: %2 photos").arg(name).arg(setup.photos.size()));
    const double hqCpu = hq.serveCpuSeconds();
    const double selfCpu = cpuSeconds();
    PhotoRun run =
        kind.startsWith(QLatin1String("curl"))
            ? uploadWithCurl(endpoint, sendPort, setup.photos,
                             setup.work.filePath(name + QStringLiteral(".curl")))
            : uploadWithPhotoUploader(
                  endpoint, sendPort, setup.photos,
                  {setup.chunkBytes,
                   kind.startsWith(QLatin1String("grow")) ? setup.growLargest : setup.chunkBytes,
                   std::chrono::seconds(1)},
                  kind == QLatin1String("qnam") ? ChunkTransport::QtClient : ChunkTransport::Direct);
    run.hqCpuSeconds = hq.serveCpuSeconds() - hqCpu;
    run.name = kind;
    if (proxy) {
        run.proxied = true;
        run.bytesUp = proxy->bytesUp();
        run.bytesDown = proxy->bytesDown();
        run.cuts = proxy->cuts();
        run.proxyConnections = proxy->connections();
        run.proxyCpuSeconds = proxy->cpuSeconds();
    }
    if (!kind.startsWith(QLatin1String("curl")))
        run.clientCpuSeconds = cpuSeconds() - selfCpu - run.proxyCpuSeconds;
    proxy.reset();
    run.stored = countStored(endpoint, setup.photos, &run.errors);
    hq.stop();
    QDir(data).removeRecursively();
    progress(QStringLiteral("%1: %2 s, %3 MB/s, %4 of %5 stored%6")
                 .arg(name)
                 .arg(run.wallSeconds, 0, 'f', 2)
                 .arg(run.megabytesPerSecond(), 0, 'f', 1)
                 .arg(run.stored)
                 .arg(run.photos)
                 .arg(run.proxied
                          ? QStringLiteral(", %1 cuts, %2 restarts").arg(run.cuts).arg(run.restarts)
                          : QString()));
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("Photo benchmark: the device's upload path against curl --upload-file."));
    cli.addHelpOption();
    const QCommandLineOption hqOption(QStringLiteral("hq"), QStringLiteral("The onsite-hq binary."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption fixtureOption(QStringLiteral("fixtures"),
                                           QStringLiteral("The sample campaign folder."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption workOption(
        QStringLiteral("work"),
        QStringLiteral("A scratch folder (photos are kept for the next run)."),
        QStringLiteral("DIR"));
    const QCommandLineOption photosOption(QStringLiteral("photos"),
                                          QStringLiteral("Photos per run."), QStringLiteral("N"),
                                          QStringLiteral("500"));
    const QCommandLineOption sizeOption(QStringLiteral("size-kib"),
                                        QStringLiteral("Size of each photo."),
                                        QStringLiteral("KiB"), QStringLiteral("3072"));
    const QCommandLineOption chunkOption(
        QStringLiteral("chunk-kib"),
        QStringLiteral("The uploader's chunk size (default: the app's)."), QStringLiteral("KiB"));
    const QCommandLineOption cutOption(
        QStringLiteral("cut-every-kb"),
        QStringLiteral("The proxy cuts the link each time this many more bytes went up."),
        QStringLiteral("kB"), QStringLiteral("20000"));
    const QCommandLineOption growOption(
        QStringLiteral("grow-largest-kib"),
        QStringLiteral("The grow runs: chunks start at the chunk size and grow to about a second "
                       "of sending, up to this (0: no grow runs)."),
        QStringLiteral("KiB"),
        QString::number(sync::SyncEngine::Options().photoChunkLargestBytes / 1024)); // the app's
    const QCommandLineOption runsOption(
        QStringLiteral("runs"),
        QStringLiteral("Which runs, comma-separated (default all): uploader, qnam, curl, curl-proxy, "
                       "uploader-proxy, uploader-cut, grow, grow-proxy, grow-cut."),
        QStringLiteral("LIST"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Rounds of every run, in turn."),
                                          QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption smokeOption(
        QStringLiteral("smoke"),
        QStringLiteral("5 photos of 256 KiB in 64 KiB chunks (growing to 192 KiB in the grow "
                       "runs), one cut; fails on a missing photo or a resume that re-sends more "
                       "than one chunk."));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Write the figures here."), QStringLiteral("FILE"));
    const QCommandLineOption markdownOption(
        QStringLiteral("markdown"),
        QStringLiteral("Write the Photos section of BENCHMARKS.md here."), QStringLiteral("FILE"));
    cli.addOptions({hqOption, fixtureOption, workOption, photosOption, sizeOption, chunkOption,
                    cutOption, growOption, runsOption, roundsOption, smokeOption, jsonOption,
                    markdownOption});
    cli.process(app);
    if (!cli.isSet(hqOption) || !cli.isSet(fixtureOption) || !cli.isSet(workOption)) {
        std::cerr << "onsite-photo-bench: --hq, --fixtures and --work are required (see --help)\n";
        return 2;
    }
    const bool smoke = cli.isSet(smokeOption);
    const int count = smoke ? 5 : cli.value(photosOption).toInt();
    const qint64 size = (smoke ? 256 : cli.value(sizeOption).toLongLong()) * 1024;
    sync::SyncEngine::Options appOptions; // what the app runs with
    const qint64 appChunk = appOptions.photoChunkBytes;
    Setup setup;
    setup.hqBinary = cli.value(hqOption);
    setup.fixtures = cli.value(fixtureOption);
    setup.work = QDir(cli.value(workOption));
    setup.chunkBytes = smoke                    ? 64 * 1024
                       : cli.isSet(chunkOption) ? cli.value(chunkOption).toLongLong() * 1024
                                                : appChunk;
    // The smoke run's five photos are 1.3 MB: one cut after 0.7 MB, inside the third photo.
    setup.cutEvery =
        static_cast<std::uint64_t>(smoke ? 700 : cli.value(cutOption).toLongLong()) * 1000;
    setup.growLargest = (smoke ? 192 : cli.value(growOption).toLongLong()) * 1024;
    const int rounds = smoke ? 1 : cli.value(roundsOption).toInt();
    if (count < 1 || size < 16 || setup.chunkBytes < 1 || setup.cutEvery < 1 || rounds < 1) {
        std::cerr << "onsite-photo-bench: sizes and counts must be positive\n";
        return 2;
    }

    PhotoReport report;
    report.appChunkBytes = appChunk;
    report.cutEvery = setup.cutEvery;
    report.loadBefore = loadAverage();
    try {
        progress(QStringLiteral("making %1 photos of %2 bytes").arg(count).arg(size));
        setup.photos = makePhotoSet(setup.work.filePath(QStringLiteral("photos")), count, size);
        QStringList kinds{QStringLiteral("uploader"),     QStringLiteral("qnam"), QStringLiteral("curl"),
                          QStringLiteral("curl-proxy"),   QStringLiteral("uploader-proxy"),
                          QStringLiteral("uploader-cut"), QStringLiteral("grow"),
                          QStringLiteral("grow-proxy"),   QStringLiteral("grow-cut")};
        if (setup.growLargest <= setup.chunkBytes)
            kinds = kinds.filter(QRegularExpression(QStringLiteral("^(?!grow)")));
        if (cli.isSet(runsOption) && !smoke) {
            const QStringList wanted = cli.value(runsOption).split(QLatin1Char(','));
            for (const QString &kind : wanted) {
                if (!kinds.contains(kind))
                    throw std::runtime_error("unknown run " + kind.toStdString());
            }
            kinds = wanted;
        }
        for (int round = 1; round <= rounds; ++round) {
            for (const QString &kind : kinds)
                report.runs.push_back(runOnFreshHq(setup, kind, round));
        }
    } catch (const std::exception &e) {
        std::cerr << "onsite-photo-bench: " << e.what() << '\n';
        return 1;
    }
    report.loadAfter = loadAverage();

    const QStringList problems = report.problems();
    std::cout << report.summary().toStdString();
    if (cli.isSet(jsonOption)) {
        QFile file(cli.value(jsonOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 1;
        file.write(QJsonDocument(report.toJson()).toJson());
    }
    if (cli.isSet(markdownOption)) {
        QFile file(cli.value(markdownOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 1;
        file.write(report.markdown().toUtf8());
    }
    for (const QString &problem : problems)
        std::cerr << "onsite-photo-bench: PROBLEM: " << problem.toStdString() << '\n';
    return problems.isEmpty() ? 0 : 1;
}
