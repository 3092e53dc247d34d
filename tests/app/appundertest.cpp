#include "appundertest.h"

#include "appcomposition.h"
#include "client/fieldworkspace.h"
#include "platform/fakereachability.h"
#include "platform/platformservices.h"

#include <QQmlError>

namespace onsite::test {

AppUnderTest::AppUnderTest() : AppUnderTest(QString()) {}

AppUnderTest::AppUnderTest(const QString &deviceFolder)
{
    app::AppOptions options;
    options.dataFolder = deviceFolder.isEmpty() ? m_dir.filePath(QStringLiteral("device")) : deviceFolder;
    options.language = QStringLiteral("zh_CN"); // the person types the server address
    m_app = std::make_unique<app::AppComposition>(
        options, platform::PlatformServices::createFake(m_dir.filePath(QStringLiteral("platform")),
                                                        nullptr));
    QObject::connect(&m_app->qml(), &QQmlEngine::warnings, &m_app->qml(),
                     [this](const QList<QQmlError> &warnings) {
                         for (const QQmlError &warning : warnings)
                             m_qmlErrors << warning.toString();
                     });
    m_app->load();
}

AppUnderTest::~AppUnderTest() = default;

QQuickWindow *AppUnderTest::window() const
{
    return m_app->window();
}

sync::FieldWorkspace &AppUnderTest::workspace()
{
    return m_app->workspace();
}

sync::SyncEngine &AppUnderTest::engine()
{
    return m_app->workspace().engine();
}

void AppUnderTest::setNetworkUp(bool up)
{
    static_cast<platform::FakeReachability *>(m_app->platform().reachability)->setOnline(up);
}

} // namespace onsite::test
