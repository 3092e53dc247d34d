#include "appcomposition.h"

#include "client/fieldworkspace.h"
#include "platform/platformservices.h"
#include "viewmodels/photoimageprovider.h"
#include "viewmodels/settingsmodel.h"

#include <QCoreApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSettings>
#include <QUrl>

namespace onsite::app {

AppComposition::AppComposition(const AppOptions &options,
                               std::unique_ptr<platform::PlatformServices> platform)
    : m_platform(std::move(platform)),
      m_workspace(std::make_unique<sync::FieldWorkspace>(options.dataFolder)),
      m_qml(std::make_unique<QQmlApplicationEngine>()), m_selfTest(options.selfTest)
{
    m_workspace->setDefaultServerUrl(options.defaultServerUrl);

    // Sync runs by itself when HQ becomes reachable again, and reachability probes the
    // server the device signed in to (it changes with a sign-in).
    if (m_platform->reachability) {
        QObject::connect(m_platform->reachability, &platform::Reachability::onlineChanged,
                         &m_workspace->engine(), &sync::SyncEngine::setOnline);
        // The engine starts "online"; a reachability that is offline from the start
        // never signals a change, and the app showed 在线 with HQ out of reach.
        m_workspace->engine().setOnline(m_platform->reachability->isOnline());
        followServer();
        QObject::connect(&m_workspace->engine(), &sync::SyncEngine::statusChanged,
                         m_platform->reachability, [this] { followServer(); });
    }

    PhotoImageProvider::install(*m_qml,
                                m_workspace->store().photosFolder()); // photos are stored encrypted
    // Qt 6.4 puts the module's files under qrc:/Onsite; files in its subfolders find
    // "import Onsite" only with the resource root on the import path.
    m_qml->addImportPath(QStringLiteral("qrc:/"));
    m_translations = std::make_unique<Translations>(m_qml.get());
    const QString language =
        options.language.isEmpty()
            ? QSettings().value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString()
            : options.language;
    m_translations->setLanguage(language);
}

AppComposition::~AppComposition()
{
    // The screens first: their view models hold the workspace and the services.
    m_qml.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_translations.reset();
    m_workspace.reset();
    m_platform.reset();
}

void AppComposition::followServer()
{
    const QString server = m_workspace->serverUrl();
    if (!server.isEmpty())
        m_platform->reachability->setServerUrl(QUrl(server));
}

bool AppComposition::load()
{
    // Handed to QML, owned here: QML must never collect them.
    QObject *const services[] = {m_workspace.get(), m_translations.get(), m_platform->position,
                                 m_platform->photos};
    for (QObject *service : services)
        if (service)
            QQmlEngine::setObjectOwnership(service, QQmlEngine::CppOwnership);
    m_qml->setInitialProperties(
        {{QStringLiteral("selfTest"), m_selfTest},
         {QStringLiteral("workspace"), QVariant::fromValue<QObject *>(m_workspace.get())},
         {QStringLiteral("translations"), QVariant::fromValue<QObject *>(m_translations.get())},
         {QStringLiteral("positionSource"), QVariant::fromValue<QObject *>(m_platform->position)},
         {QStringLiteral("photoSource"), QVariant::fromValue<QObject *>(m_platform->photos)}});
    m_qml->load(QUrl(QStringLiteral("qrc:/Onsite/Main.qml")));
    QQuickWindow *const shown = window();
    if (shown && m_platform->afterFirstFrame) {
        // Queued: frameSwapped may come from the render thread.
        QObject::connect(shown, &QQuickWindow::frameSwapped, shown, m_platform->afterFirstFrame,
                         static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
    }
    return shown != nullptr;
}

QQuickWindow *AppComposition::window() const
{
    const auto roots = m_qml->rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.constFirst());
}

} // namespace onsite::app
