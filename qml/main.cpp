// onsite: the tablet app. main() reads its arguments, has AppComposition build the app
// on the desktop's device services, loads it and runs it (or one of its test modes).
#include "appcomposition.h"
#include "platform/platformservices.h"
#include "system/processstatus.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>

Q_IMPORT_QML_PLUGIN(OnsitePlugin)

namespace {

int g_qmlProblems = 0;
QtMessageHandler g_previousHandler = nullptr;

// In self-test mode every QML warning or error counts as a failure.
void countQmlProblems(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg)
        ++g_qmlProblems;
    g_previousHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    // For --exit-after-first-frame: how much of the start is spent inside main().
    QElapsedTimer sinceMain;
    sinceMain.start();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("onsite"));
    QGuiApplication::setOrganizationName(QStringLiteral("Onsite"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("现场考评"));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Onsite tablet app"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("data"), QStringLiteral("Device data folder."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("server"), QStringLiteral("Server address shown at sign-in."), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("self-test"), QStringLiteral("Load every screen headless; exit non-zero on any QML warning.")});
    parser.addOption({QStringLiteral("screenshots"), QStringLiteral("Save every screen as PNG into DIR and exit."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Window size for screenshots (default 1280x800)."),
                      QStringLiteral("WxH"), QStringLiteral("1280x800")});
    // Hidden, for bench/app_bench.cpp (cold start to the first frame): prints
    // "onsite-first-frame-ms <ms since main()> cpu-ms <CPU ms> peak-rss-kb <KiB>" on stdout at the first
    // frame and exits.
    QCommandLineOption firstFrame(QStringLiteral("exit-after-first-frame"),
                                  QStringLiteral("Benchmark: report the first frame on stdout and exit."));
    firstFrame.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(firstFrame);
    parser.process(app);

    QString folder = parser.value(QStringLiteral("data"));
    if (folder.isEmpty())
        folder = qEnvironmentVariable("ONSITE_APP_DATA");
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    const bool selfTest = parser.isSet(QStringLiteral("self-test"));
    if (selfTest)
        g_previousHandler = qInstallMessageHandler(countQmlProblems);

    onsite::app::AppOptions options;
    options.dataFolder = folder;
    options.defaultServerUrl = parser.value(QStringLiteral("server"));
    options.selfTest = selfTest;
    std::unique_ptr<onsite::app::AppComposition> composition;
    try {
        composition = std::make_unique<onsite::app::AppComposition>(
            options, onsite::platform::PlatformServices::createDesktop(nullptr));
    } catch (const std::exception &e) {
        std::fprintf(stderr, "onsite: %s\n", e.what());
        return 1;
    }
    if (!composition->load())
        return 1;
    QQuickWindow *const window = composition->window();
    if (parser.isSet(firstFrame)) {
        // Two lines: the first frame, then the first frame that shows the page's content
        // (Main.qml's `loading` false: the home page's unit list is read after its first
        // frame). frameSwapped may come from the render thread: the time is taken there,
        // the rest is queued to the main thread.
        enum Stage { FirstFrame, Loading, ContentFrame, Done };
        auto stage = std::make_shared<std::atomic<int>>(FirstFrame);
        const auto report = [&sinceMain](const char *what) {
            // CPU time too (all threads, since exec): unlike wall time it barely
            // moves when other processes share the machine.
            std::printf("%s %.1f cpu-ms %.1f peak-rss-kb %ld\n", what, static_cast<double>(sinceMain.nsecsElapsed()) / 1e6,
                        1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC, static_cast<long>(onsite::processStatusKiB("VmHWM:")));
            std::fflush(stdout);
        };
        // The home page reads its list as its first frame is swapped, so it is normally
        // loaded by the time this runs; otherwise it looks again shortly.
        auto contentShown = std::make_shared<std::function<void()>>();
        *contentShown = [window, stage, weak = std::weak_ptr(contentShown)] {
            if (window->property("loading").toBool()) {
                if (auto again = weak.lock())
                    QTimer::singleShot(5, window, *again);
                return;
            }
            stage->store(ContentFrame);
            window->update();
        };
        QObject::connect(
            window, &QQuickWindow::frameSwapped, window,
            [stage, report, contentShown, &app, window] {
                if (stage->load() == FirstFrame) {
                    report("onsite-first-frame-ms");
                    stage->store(Loading);
                    QMetaObject::invokeMethod(window, *contentShown, Qt::QueuedConnection);
                } else if (stage->load() == ContentFrame) {
                    report("onsite-content-ms");
                    stage->store(Done);
                    QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
                }
            },
            Qt::DirectConnection);
        return app.exec();
    }
    if (parser.isSet(QStringLiteral("screenshots"))) {
        const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
        window->resize(size.value(0).toInt(), size.value(1).toInt());
        const QString folder = parser.value(QStringLiteral("screenshots"));
        QDir().mkpath(folder);
        const QString suffix = parser.value(QStringLiteral("size"));
        auto step = std::make_shared<std::function<void(int)>>();
        *step = [=](int index) {
            QVariant name;
            QMetaObject::invokeMethod(window, "showScreen", Q_RETURN_ARG(QVariant, name), Q_ARG(QVariant, index));
            if (name.toString().isEmpty()) {
                QCoreApplication::quit();
                return;
            }
            // Let bindings, images and layouts settle before grabbing.
            QTimer::singleShot(700, window, [=] {
                const QString file = QStringLiteral("%1/%2-%3.png").arg(folder, name.toString(), suffix);
                window->grabWindow().save(file);
                std::fprintf(stdout, "%s\n", qPrintable(file));
                (*step)(index + 1);
            });
        };
        QTimer::singleShot(500, window, [step] { (*step)(0); });
        return app.exec();
    }
    if (selfTest) {
        QObject::connect(window, SIGNAL(selfTestFinished()), &app, SLOT(quit()));
        QTimer::singleShot(60000, &app, [] { QCoreApplication::exit(3); });
        const int code = app.exec();
        std::fprintf(stderr, "onsite --self-test: %d QML warning(s) or error(s)\n", g_qmlProblems);
        return code != 0 ? code : (g_qmlProblems > 0 ? 2 : 0);
    }
    return app.exec();
}
