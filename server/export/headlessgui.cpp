#include "headlessgui.h"

#include <cstdio>

namespace onsite::exports {

namespace {

QtMessageHandler previousHandler = nullptr;

void dropRuntimeDirWarning(QtMsgType type, const QMessageLogContext &context,
                           const QString &message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

std::unique_ptr<QGuiApplication> createHeadlessGuiApplication(int &argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    previousHandler = qInstallMessageHandler(dropRuntimeDirWarning);
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    qInstallMessageHandler(previousHandler);
    return app;
}

} // namespace onsite::exports
