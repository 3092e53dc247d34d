#include "coldstart.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QtNumeric>

#include <algorithm>
#include <optional>

namespace onsite::bench {

namespace {

struct Launch
{
    bool ok = false;
    double wallMs = 0;
    double inMainMs = 0;
    double cpuMs = 0;
    double peakRssKb = 0;
    double contentWallMs = 0, contentCpuMs = 0;
    QString stderrText;
};

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

Launch launchOnce(const Launchable &target, const QProcessEnvironment &environment, const QString &stderrFile)
{
    static const QByteArray marker("onsite-first-frame-ms ");
    Launch launch;
    QProcess process;
    process.setProcessEnvironment(environment);
    // stderr to a file: nobody reads it while the program runs, and a pipe left
    // unread could stall a program that warns a lot.
    process.setStandardErrorFile(stderrFile);
    process.setProgram(target.program);
    process.setArguments(target.arguments);
    const auto start = Clock::now();
    process.start(QIODevice::ReadOnly);
    if (!process.waitForStarted(30000)) {
        problem(QStringLiteral("%1: cannot start %2: %3").arg(target.name, target.program, process.errorString()));
        return launch;
    }
    QByteArray out;
    static const QByteArray contentMarker("onsite-content-ms ");
    // "<marker><ms since main()> cpu-ms <CPU ms> peak-rss-kb <KiB>": the fields after the marker.
    const auto fieldsAfter = [&out](const QByteArray &name) -> std::optional<QList<QByteArray>> {
        const qsizetype at = out.indexOf(name);
        const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
        if (end < 0)
            return std::nullopt;
        return out.mid(at + name.size(), end - at - name.size()).simplified().split(' ');
    };
    const auto field = [](const QList<QByteArray> &fields, const QByteArray &name) {
        const qsizetype i = fields.indexOf(name);
        return i > 0 && i + 1 < fields.size() ? fields[i + 1].toDouble() : qQNaN();
    };
    const QDeadlineTimer deadline(120000); // two minutes without a frame is a hang, not a slow start
    while (!deadline.hasExpired()) {
        if (!process.waitForReadyRead(static_cast<int>(deadline.remainingTime())))
            break; // exited, or the deadline passed
        // Taken as soon as a line can be read: the program writes each in one write()
        // at its frame, so this is that frame as seen from outside.
        const double wall = msSince(start);
        out += process.readAllStandardOutput();
        if (!launch.ok) {
            if (const auto fields = fieldsAfter(marker)) {
                launch.wallMs = wall;
                launch.inMainMs = fields->value(0).toDouble();
                launch.cpuMs = field(*fields, "cpu-ms");
                launch.peakRssKb = field(*fields, "peak-rss-kb");
                launch.contentWallMs = launch.wallMs;
                launch.contentCpuMs = launch.cpuMs;
                launch.ok = true;
            }
        }
        if (launch.ok) {
            if (const auto fields = fieldsAfter(contentMarker)) {
                launch.contentWallMs = wall;
                launch.contentCpuMs = field(*fields, "cpu-ms");
                launch.peakRssKb = std::max(launch.peakRssKb, field(*fields, "peak-rss-kb"));
                break;
            }
        }
    }
    // waitForFinished answers false for a process that has already gone.
    if (process.state() != QProcess::NotRunning && !process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        problem(QStringLiteral("%1 did not exit after its first frame (killed)").arg(target.name));
        launch.ok = false;
    } else if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        problem(QStringLiteral("%1 exited with %2 (%3)")
                    .arg(target.name)
                    .arg(process.exitCode())
                    .arg(readText(stderrFile).trimmed().left(500)));
        launch.ok = false;
    } else if (!launch.ok) {
        problem(QStringLiteral("%1 exited without reporting a first frame; stdout: %2")
                    .arg(target.name, QString::fromUtf8(out.left(300))));
    }
    launch.stderrText = readText(stderrFile);
    return launch;
}

QString backendFrom(const QString &log)
{
    // Qt 6.4's scene graph log names the backend one of these two ways.
    static const QRegularExpression pattern(
        QStringLiteral("(?:Loading backend (\\S+)|QRhi with backend (\\S+))"));
    const auto match = pattern.match(log);
    return match.hasMatch() ? (match.captured(1).isEmpty() ? match.captured(2) : match.captured(1)) : QString();
}

} // namespace

QJsonObject ColdStartResult::toJson() const
{
    QJsonObject rss{{QStringLiteral("runs"), static_cast<qint64>(peakRssKb.size())}};
    if (!peakRssKb.empty()) {
        Samples kb{peakRssKb};
        QJsonArray all;
        for (double x : peakRssKb)
            all.append(x);
        rss.insert(QStringLiteral("median_kb"), kb.median());
        rss.insert(QStringLiteral("max_kb"), *std::max_element(peakRssKb.begin(), peakRssKb.end()));
        rss.insert(QStringLiteral("samples_kb"), all);
    }
    return {{QStringLiteral("wall"), wall.toJson()},
            {QStringLiteral("peak_rss_kb"), rss},
            {QStringLiteral("content"),
             QJsonObject{{QStringLiteral("wall"), contentWall.toJson()}, {QStringLiteral("cpu"), contentCpu.toJson()}}},
            {QStringLiteral("in_main"), inMain.toJson()},
            {QStringLiteral("cpu"), cpu.toJson()},
            {QStringLiteral("backend"), backend},
            {QStringLiteral("stderr"), QJsonArray::fromStringList(stderrLines)}};
}

std::pair<ColdStartResult, ColdStartResult> measureColdStart(const Launchable &a, const Launchable &b,
                                                             const ColdStartOptions &options)
{
    std::pair<ColdStartResult, ColdStartResult> results;
    const QDir work(options.workFolder);
    const auto fileFor = [&](const Launchable &target, const QString &run) {
        return work.filePath(QStringLiteral("%1-%2.stderr.txt").arg(target.name, run));
    };

    // Warm-up: the first launch after a build reads the binaries and fonts from disk;
    // every later one finds them in the page cache. Untimed, and used to learn which
    // scene graph backend the platform gave each program.
    QProcessEnvironment logging = options.environment;
    logging.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.scenegraph.general=true"));
    for (auto [target, result] : {std::pair{&a, &results.first}, std::pair{&b, &results.second}}) {
        progress(QStringLiteral("cold start: warm-up launch of %1").arg(target->name));
        result->backend = backendFrom(launchOnce(*target, logging, fileFor(*target, QStringLiteral("warmup"))).stderrText);
    }

    QSet<QString> seen[2];
    for (int run = 0; run < options.runs; ++run) {
        const bool aFirst = run % 2 == 0;
        for (int turn = 0; turn < 2; ++turn) {
            const bool isA = (turn == 0) == aFirst;
            const Launchable &target = isA ? a : b;
            ColdStartResult &result = isA ? results.first : results.second;
            const Launch launch = launchOnce(target, options.environment, fileFor(target, QString::number(run)));
            if (launch.ok) {
                result.wall.add(launch.wallMs);
                result.inMain.add(launch.inMainMs);
                if (qIsFinite(launch.cpuMs))
                    result.cpu.add(launch.cpuMs);
                if (qIsFinite(launch.peakRssKb) && launch.peakRssKb > 0)
                    result.peakRssKb.push_back(launch.peakRssKb);
                result.contentWall.add(launch.contentWallMs);
                if (qIsFinite(launch.contentCpuMs))
                    result.contentCpu.add(launch.contentCpuMs);
            }
            for (const QString &line : launch.stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                if (!seen[isA ? 0 : 1].contains(line)) {
                    seen[isA ? 0 : 1].insert(line);
                    result.stderrLines << line;
                }
            }
        }
        progress(QStringLiteral("cold start: run %1 of %2: %3 %4 ms, %5 %6 ms")
                     .arg(run + 1)
                     .arg(options.runs)
                     .arg(a.name)
                     .arg(results.first.wall.ms.empty() ? 0.0 : results.first.wall.ms.back(), 0, 'f', 0)
                     .arg(b.name)
                     .arg(results.second.wall.ms.empty() ? 0.0 : results.second.wall.ms.back(), 0, 'f', 0));
    }
    return results;
}

} // namespace onsite::bench
