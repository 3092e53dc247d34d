#pragma once

#include <QString>

#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace onsite::sync {
class FieldWorkspace;
} // namespace onsite::sync

namespace onsite::platform {
struct PlatformServices;
} // namespace onsite::platform

namespace onsite::app {

class Translations;

struct AppOptions
{
    QString dataFolder;       // the device folder (device.sqlite, photos, keys)
    QString defaultServerUrl; // shown at sign-in until a server is remembered
    QString language;         // empty: the one chosen last time (QSettings), else 简体中文
    bool selfTest = false;    // Main.qml walks every screen once and reports
};

// The tablet app's object graph, built once, for main() and the tests alike: the field
// workspace (one device store, one sync engine), the platform's device services (the
// desktop ones in main(), fakes in tests), the UI language and the QML engine with the
// photo provider. Reachability drives the workspace's sync engine and follows the server
// the device signed in to. Main.qml gets each service as a required property and hands
// it down to the pages and their view models; nothing is looked up globally.
class AppComposition
{
public:
    // Opens (creating as needed) the device folder; throws like DeviceStore.
    AppComposition(const AppOptions &options, std::unique_ptr<platform::PlatformServices> platform);
    ~AppComposition();
    AppComposition(const AppComposition &) = delete;
    AppComposition &operator=(const AppComposition &) = delete;

    // Loads Main.qml; false when it could not be created (QML errors are on the engine).
    bool load();
    // Main.qml's window once loaded, else nullptr.
    QQuickWindow *window() const;

    sync::FieldWorkspace &workspace() { return *m_workspace; }
    platform::PlatformServices &platform() { return *m_platform; }
    Translations &translations() { return *m_translations; }
    QQmlApplicationEngine &qml() { return *m_qml; }

private:
    void followServer();

    // Declared in the order they are built; torn down in reverse, so the screens and
    // their view models go before the workspace and services they hold.
    std::unique_ptr<platform::PlatformServices> m_platform;
    std::unique_ptr<sync::FieldWorkspace> m_workspace;
    std::unique_ptr<QQmlApplicationEngine> m_qml;
    std::unique_ptr<Translations> m_translations;
    bool m_selfTest = false;
};

} // namespace onsite::app
