// onsite-app-bench: the tablet app on a campaign of 20,000 sites, each measurement
// side by side with a baseline in the same run (docs/BENCHMARKS.md, "App"):
//   - cold start to the first frame: the real `onsite` binary against a minimal Qt
//     Quick Controls window (onsite-bench-minimal-qml), both launched as processes;
//   - the app's view models in this process against the plainest code that yields
//     the same rows (modelbench.h).
// bench/run-app-bench.sh prepares HQ and the device folder and writes the report.
// A benchmark, not a test: it measures and checks results, it asserts no timings.
//
//   onsite-app-bench generate --fixtures DIR --out DIR [--units N] [--sites-per-unit N]
//                             [--scores N --scores-csv FILE]
//   onsite-app-bench check --data DIR
//   onsite-app-bench run --app PATH --baseline PATH --data DIR --work DIR --json FILE
//                        [--runs N] [--filter-rounds N] [--load-rounds N]
#include "appscores.h"
#include "coldstart.h"
#include "devicecheck.h"
#include "modelbench.h"
#include "workload.h"

#include "client/fieldworkspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace onsite::bench {

namespace {
QJsonArray g_problems;
} // namespace

double Samples::percentile(double p) const
{
    if (ms.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double Samples::min() const
{
    return ms.empty() ? std::numeric_limits<double>::quiet_NaN() : *std::min_element(ms.begin(), ms.end());
}

QJsonObject Samples::toJson() const
{
    QJsonObject json{{QStringLiteral("runs"), static_cast<qint64>(ms.size())},
                     {QStringLiteral("median_ms"), median()},
                     {QStringLiteral("p95_ms"), p95()},
                     {QStringLiteral("min_ms"), min()}};
    // Every sample of the slow measurements (a handful); the filter's thousands would
    // only bloat the file.
    if (ms.size() <= 30) {
        QJsonArray all;
        for (double x : ms)
            all.append(x);
        json.insert(QStringLiteral("samples_ms"), all);
    }
    return json;
}

void progress(const QString &text)
{
    std::fprintf(stderr, "onsite-app-bench: %s\n", text.toUtf8().constData());
    std::fflush(stderr);
}

void problem(const QString &text)
{
    progress(QStringLiteral("PROBLEM: ") + text);
    g_problems.append(text);
}

QJsonArray problems() { return g_problems; }

} // namespace onsite::bench

using namespace onsite::bench;

namespace {

int fail(const QString &text)
{
    progress(text);
    return 2;
}

int generate(const QStringList &arguments)
{
    QCommandLineParser cli;
    cli.addOptions({{QStringLiteral("fixtures"), QStringLiteral("The sample campaign folder."), QStringLiteral("DIR")},
                    {QStringLiteral("out"), QStringLiteral("Campaign folder to write."), QStringLiteral("DIR")},
                    {QStringLiteral("units"), QStringLiteral("Units (default 2000)."), QStringLiteral("N"), QStringLiteral("2000")},
                    {QStringLiteral("sites-per-unit"), QStringLiteral("Sites per unit (default 10)."), QStringLiteral("N"),
                     QStringLiteral("10")},
                    {QStringLiteral("scores"), QStringLiteral("Rater scores for import-scores (default 0)."),
                     QStringLiteral("N"), QStringLiteral("0")},
                    {QStringLiteral("scores-csv"), QStringLiteral("Where to write them (scores-paper.csv format)."),
                     QStringLiteral("FILE")}});
    cli.process(arguments);
    if (!cli.isSet(QStringLiteral("fixtures")) || !cli.isSet(QStringLiteral("out")))
        return fail(QStringLiteral("generate needs --fixtures DIR and --out DIR"));
    const qint64 scores = cli.value(QStringLiteral("scores")).toLongLong();
    if (scores > 0 && !cli.isSet(QStringLiteral("scores-csv")))
        return fail(QStringLiteral("--scores needs --scores-csv FILE"));
    const SiteCampaign campaign =
        writeSiteCampaignFolder(cli.value(QStringLiteral("fixtures")), cli.value(QStringLiteral("out")),
                                cli.value(QStringLiteral("units")).toInt(), cli.value(QStringLiteral("sites-per-unit")).toInt());
    QStringList raters;
    if (scores > 0)
        raters = writeAppScores(cli.value(QStringLiteral("fixtures")), cli.value(QStringLiteral("out")),
                                cli.value(QStringLiteral("scores-csv")), scores);
    // One line for the script: the account to sign in with, and the sizes.
    const QJsonObject out{{QStringLiteral("inspector"), campaign.inspector},
                          {QStringLiteral("units"), campaign.units},
                          {QStringLiteral("sites"), campaign.sites},
                          {QStringLiteral("scores"), scores},
                          {QStringLiteral("raters"), QJsonArray::fromStringList(raters)}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

// The launched programs' environment: headless, and with XDG folders of their own,
// so neither the person's settings nor a QML cache from another build takes part.
QProcessEnvironment launchEnvironment(const QDir &work)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (const auto &[variable, folder] : {std::pair{"XDG_RUNTIME_DIR", "runtime"}, std::pair{"XDG_CONFIG_HOME", "config"},
                                           std::pair{"XDG_CACHE_HOME", "cache"}, std::pair{"XDG_DATA_HOME", "share"}}) {
        const QString path = work.filePath(QString::fromLatin1(folder));
        QDir().mkpath(path);
        // Qt warns about (and ignores) a runtime folder others may read.
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env.insert(QString::fromLatin1(variable), path);
    }
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

// The device folder's state as JSON on stdout; exit 1 unless integrity_check is ok.
int check(const QStringList &arguments)
{
    QCommandLineParser cli;
    cli.addOption({QStringLiteral("data"), QStringLiteral("Device folder."), QStringLiteral("DIR")});
    cli.process(arguments);
    if (!cli.isSet(QStringLiteral("data")))
        return fail(QStringLiteral("check needs --data DIR"));
    const QJsonObject device = checkDevice(cli.value(QStringLiteral("data")));
    std::printf("%s\n", QJsonDocument(device).toJson(QJsonDocument::Compact).constData());
    return device.value(QStringLiteral("integrity")).toString() == QLatin1String("ok") ? 0 : 1;
}

int run(const QStringList &arguments)
{
    QCommandLineParser cli;
    cli.addOptions({{QStringLiteral("app"), QStringLiteral("The onsite binary."), QStringLiteral("PATH")},
                    {QStringLiteral("baseline"), QStringLiteral("The onsite-bench-minimal-qml binary."), QStringLiteral("PATH")},
                    {QStringLiteral("data"), QStringLiteral("Signed-in device folder."), QStringLiteral("DIR")},
                    {QStringLiteral("work"), QStringLiteral("Scratch folder."), QStringLiteral("DIR")},
                    {QStringLiteral("json"), QStringLiteral("Result file."), QStringLiteral("FILE")},
                    {QStringLiteral("runs"), QStringLiteral("Cold starts of each (default 10)."), QStringLiteral("N"),
                     QStringLiteral("10")},
                    {QStringLiteral("filter-rounds"), QStringLiteral("Rounds of the query series (default 200)."),
                     QStringLiteral("N"), QStringLiteral("200")},
                    {QStringLiteral("load-rounds"), QStringLiteral("Rounds of the list loads (default 5)."),
                     QStringLiteral("N"), QStringLiteral("5")}});
    cli.process(arguments);
    for (const char *name : {"app", "baseline", "data", "work", "json"})
        if (!cli.isSet(QString::fromLatin1(name)))
            return fail(QStringLiteral("run needs --app, --baseline, --data, --work and --json"));
    const QDir work(cli.value(QStringLiteral("work")));
    QDir().mkpath(work.path());
    const QString data = QDir(cli.value(QStringLiteral("data"))).absolutePath();

    QJsonObject result;
    // First: the figures mean nothing on a damaged or half-filled store.
    try {
        const QJsonObject device = checkDevice(data);
        result.insert(QStringLiteral("device"), device);
        if (device.value(QStringLiteral("integrity")).toString() != QLatin1String("ok"))
            problem(QStringLiteral("the device database fails PRAGMA integrity_check: %1")
                        .arg(device.value(QStringLiteral("integrity")).toString().left(500)));
    } catch (const std::exception &e) {
        problem(QStringLiteral("the device folder does not open: %1").arg(QString::fromUtf8(e.what())));
    }
    ColdStartOptions coldOptions{cli.value(QStringLiteral("runs")).toInt(), work.path(), launchEnvironment(work)};
    const Launchable app{QStringLiteral("onsite"), cli.value(QStringLiteral("app")),
                         {QStringLiteral("--data"), data, QStringLiteral("--exit-after-first-frame")}};
    const Launchable baseline{QStringLiteral("minimal-qml"), cli.value(QStringLiteral("baseline")),
                              {QStringLiteral("--exit-after-first-frame")}};
    const auto [appStart, baselineStart] = measureColdStart(app, baseline, coldOptions);
    result.insert(QStringLiteral("cold_start"), QJsonObject{{QStringLiteral("runs"), coldOptions.runs},
                                                            {QStringLiteral("app"), appStart.toJson()},
                                                            {QStringLiteral("baseline"), baselineStart.toJson()}});

    // After the launches, so no app process shares the store with this one.
    try {
        onsite::sync::FieldWorkspace workspace(data);
        const ModelBenchOptions modelOptions{cli.value(QStringLiteral("filter-rounds")).toInt(),
                                             cli.value(QStringLiteral("load-rounds")).toInt()};
        result.insert(QStringLiteral("models"), measureModels(workspace, modelOptions));
    } catch (const std::exception &e) {
        problem(QStringLiteral("view models: %1").arg(QString::fromUtf8(e.what())));
    }

    result.insert(QStringLiteral("problems"), problems());
    result.insert(QStringLiteral("ok"), problems().isEmpty());
    QFile out(cli.value(QStringLiteral("json")));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(QJsonDocument(result).toJson()) < 0)
        return fail(QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    return problems().isEmpty() ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("onsite-app-bench"));
    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.size() > 1 ? arguments.takeAt(1) : QString();
    try {
        if (command == QLatin1String("generate"))
            return generate(arguments);
        if (command == QLatin1String("check"))
            return check(arguments);
        if (command == QLatin1String("run"))
            return run(arguments);
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
    return fail(QStringLiteral("usage: onsite-app-bench generate|check|run [options] (see the top of bench/app_bench.cpp)"));
}
