#pragma once

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace onsite::app {
class AppComposition;
} // namespace onsite::app

namespace onsite::sync {
class FieldWorkspace;
class SyncEngine;
} // namespace onsite::sync

namespace onsite::test {

// The tablet app as main() builds it: AppComposition (field workspace, Translations,
// Main.qml from the Onsite module) on a fresh data folder, with the fake platform
// services instead of the desktop ones, so the position fix is known in advance.
class AppUnderTest
{
public:
    AppUnderTest();
    // Over an existing device folder (signed in, say), as the app restarts on a tablet.
    explicit AppUnderTest(const QString &deviceFolder);
    ~AppUnderTest();
    AppUnderTest(const AppUnderTest &) = delete;
    AppUnderTest &operator=(const AppUnderTest &) = delete;

    // The ApplicationWindow of Main.qml; nullptr when loading failed (see qmlErrors()).
    QQuickWindow *window() const;
    sync::FieldWorkspace &workspace();
    sync::SyncEngine &engine();
    app::AppComposition &composition() { return *m_app; }
    // The fake reachability: what the operating system would report as the link state.
    void setNetworkUp(bool up);
    // Warnings and errors the QML engine reported while this app ran.
    const QStringList &qmlErrors() const { return m_qmlErrors; }
    QString folder() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::AppComposition> m_app;
    QStringList m_qmlErrors;
};

} // namespace onsite::test
