#pragma once

#include "apppaths.h"
#include "photosource.h"
#include "positionsource.h"
#include "reachability.h"
#include "securestore.h"

#include <QObject>

#include <functional>
#include <memory>

namespace onsite::platform {

// The device services one app instance uses, built in one place (main()) and handed
// on: view models take the interface they need, QML sees them through those.
//
// The QObject services are children of the `parent` given to create*() (so they live
// as long as, say, the application object and QML never takes ownership of them);
// with no parent, this struct owns them. The secure store is always owned here.
struct PlatformServices
{
    AppPaths paths{QString()};
    PositionSource *position = nullptr;
    PhotoSource *photos = nullptr;
    Reachability *reachability = nullptr;
    std::unique_ptr<SecureStore> secureStore;
    // Start-up work that can wait until the app is on screen; the app runs it once, after
    // its first frame (AppComposition). The desktop services follow the system's network
    // from here: loading Qt's network-information backend (NetworkManager over D-Bus)
    // took about 4 ms of a 60 ms start.
    std::function<void()> afterFirstFrame;

    // Desktop (and, until native ones exist, any) device: QtPositionSource (Qt
    // Positioning's default source; DesktopPositionSource when ONSITE_FIXED_POSITION is
    // set or the build has no Qt Positioning), camera photos stamped with its fix,
    // CameraPhotoSource (DesktopPhotoSource when built without Qt Multimedia), ProbeReachability (no server until setServerUrl(), following
    // the system's network changes where Qt can, from afterFirstFrame), FileSecureStore in
    // paths.secretsFolder(); paths from AppPaths::fromEnvironment(), created.
    static std::unique_ptr<PlatformServices> createDesktop(QObject *parent);

    // Fakes for tests and UI work: FakePositionSource (a fix in Beijing), FakePhotoSource
    // writing into <dataFolder>/fake-camera, FakeReachability (online),
    // FakeSecureStore. Reach the fakes' setters with qobject_cast / static_cast.
    static std::unique_ptr<PlatformServices> createFake(const QString &dataFolder, QObject *parent);

    PlatformServices() = default;
    PlatformServices(const PlatformServices &) = delete;
    PlatformServices &operator=(const PlatformServices &) = delete;
    ~PlatformServices();

private:
    // Parent of the QObject services when the caller gave none.
    std::unique_ptr<QObject> m_ownedParent;
    QObject *parentFor(QObject *requested);
};

} // namespace onsite::platform
