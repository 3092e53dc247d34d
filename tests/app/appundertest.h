#pragma once

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace onsite::sync {
class DeviceStore;
class SyncEngine;
} // namespace onsite::sync

namespace onsite::platform {
struct PlatformServices;
} // namespace onsite::platform

namespace onsite::app {
class Translations;
} // namespace onsite::app

namespace onsite::test {

// The tablet app as main() builds it (device store, sync engine, platform services,
// AppServices, Translations, Main.qml from the Onsite module), on a fresh data folder
// and with the fake platform services, so the position fix is known in advance.
class AppUnderTest
{
public:
    AppUnderTest();
    ~AppUnderTest();
    AppUnderTest(const AppUnderTest &) = delete;
    AppUnderTest &operator=(const AppUnderTest &) = delete;

    // The ApplicationWindow of Main.qml; nullptr when loading failed (see qmlErrors()).
    QQuickWindow *window() const;
    sync::SyncEngine &engine() { return *m_engine; }
    // The fake reachability: what the operating system would report as the link state.
    void setNetworkUp(bool up);
    // Warnings and errors the QML engine reported while this app ran.
    const QStringList &qmlErrors() const { return m_qmlErrors; }
    QString folder() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sync::DeviceStore> m_store;
    std::unique_ptr<sync::SyncEngine> m_engine;
    std::unique_ptr<platform::PlatformServices> m_platform;
    std::unique_ptr<QQmlApplicationEngine> m_qml;
    std::unique_ptr<app::Translations> m_translations;
    QStringList m_qmlErrors;
};

} // namespace onsite::test
