// onsite-bench-minimal-qml: the baseline of the app's cold-start benchmark
// (bench/app_bench.cpp). Started as the app is, with --exit-after-first-frame it
// prints the same line as `onsite --exit-after-first-frame` at its first frame (ms since
// main(), CPU ms since exec) and exits.
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>

#include <cstdio>
#include <ctime>

namespace {

// The process's peak resident set so far (Linux: VmHWM), or -1 where it is not known.
long peakRssKb()
{
    std::FILE *status = std::fopen("/proc/self/status", "r");
    if (!status)
        return -1;
    char line[256];
    long kb = -1;
    while (std::fgets(line, sizeof line, status))
        if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    std::fclose(status);
    return kb;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain; // as in qml/main.cpp: the part of the start spent inside main()
    sinceMain.start();
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QQmlApplicationEngine qml;
    qml.load(QUrl(QStringLiteral("qrc:/OnsiteBenchMinimal/Main.qml")));
    auto *window = qml.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(qml.rootObjects().constFirst());
    if (!window)
        return 1;
    if (QCoreApplication::arguments().contains(QStringLiteral("--exit-after-first-frame"))) {
        // Same hook as the app's: frameSwapped may come from the render thread, so the
        // time is taken there and the quit is queued to the main thread.
        QObject::connect(
            window, &QQuickWindow::frameSwapped, window,
            [&sinceMain] {
                // CPU time too (all threads, since exec): unlike wall time it barely
                // moves when other processes share the machine.
                std::printf("onsite-first-frame-ms %.1f cpu-ms %.1f peak-rss-kb %ld\n",
                            static_cast<double>(sinceMain.nsecsElapsed()) / 1e6,
                            1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC, peakRssKb());
                std::fflush(stdout);
                QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit, Qt::QueuedConnection);
            },
            static_cast<Qt::ConnectionType>(Qt::DirectConnection | Qt::SingleShotConnection));
    }
    return app.exec();
}
