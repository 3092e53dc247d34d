#include "appundertest.h"

#include "client/store/devicestore.h"
#include "client/transport/syncengine.h"
#include "client/store/syncstate.h"
#include "platform/fakereachability.h"
#include "platform/platformservices.h"
#include "viewmodels/appservices.h"
#include "viewmodels/photoimageprovider.h"
#include "viewmodels/settingsmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QQmlError>
#include <QUrl>

namespace onsite::test {

AppUnderTest::AppUnderTest()
{
    // Same wiring as qml/main.cpp; only the data folder and the platform differ.
    m_store = std::make_unique<sync::DeviceStore>(m_dir.filePath(QStringLiteral("device")));
    m_engine = std::make_unique<sync::SyncEngine>(*m_store);
    m_platform = platform::PlatformServices::createFake(m_dir.filePath(QStringLiteral("platform")), nullptr);
    QObject::connect(m_platform->reachability, &platform::Reachability::onlineChanged, m_engine.get(),
                     &sync::SyncEngine::setOnline);
    auto *store = m_store.get();
    auto *reachability = m_platform->reachability;
    QObject::connect(m_engine.get(), &sync::SyncEngine::statusChanged, reachability, [store, reachability] {
        const QString server = sync::SyncState(store->db()).serverUrl();
        if (!server.isEmpty())
            reachability->setServerUrl(QUrl(server));
    });

    m_qml = std::make_unique<QQmlApplicationEngine>();
    app::PhotoImageProvider::install(*m_qml);
    QObject::connect(m_qml.get(), &QQmlEngine::warnings, m_qml.get(), [this](const QList<QQmlError> &warnings) {
        for (const QQmlError &warning : warnings)
            m_qmlErrors << warning.toString();
    });
    m_qml->addImportPath(QStringLiteral("qrc:/"));
    m_translations = std::make_unique<app::Translations>(m_qml.get());
    auto &services = app::AppServices::instance();
    services.store = m_store.get();
    services.engine = m_engine.get();
    services.translations = m_translations.get();
    services.platform = m_platform.get();
    services.defaultServerUrl.clear(); // the person types the address
    m_translations->setLanguage(QStringLiteral("zh_CN"));
    m_qml->load(QUrl(QStringLiteral("qrc:/Onsite/Main.qml")));
}

AppUnderTest::~AppUnderTest()
{
    // The QML side first: its view models reach the services through AppServices.
    m_qml.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    auto &services = app::AppServices::instance();
    services = app::AppServices{};
    m_translations.reset();
    m_engine.reset();
    m_store.reset();
    m_platform.reset();
}

QQuickWindow *AppUnderTest::window() const
{
    const auto roots = m_qml->rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.constFirst());
}

void AppUnderTest::setNetworkUp(bool up)
{
    static_cast<platform::FakeReachability *>(m_platform->reachability)->setOnline(up);
}

} // namespace onsite::test
