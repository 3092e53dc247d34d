#include "platformservices.h"

#ifdef ONSITE_HAVE_CAMERA
#include "cameraphotosource.h"
#endif
#include "desktopphotosource.h"
#include "desktoppositionsource.h"
#include "fakephotosource.h"
#include "fakepositionsource.h"
#ifdef ONSITE_HAVE_POSITIONING
#include "qtpositionsource.h"
#endif
#include "fakereachability.h"
#include "fakesecurestore.h"
#include "filesecurestore.h"
#include "probereachability.h"

#include <QDir>
#include <QPointer>
#include <QtDebug>

namespace onsite::platform {

PlatformServices::~PlatformServices() = default;

QObject *PlatformServices::parentFor(QObject *requested)
{
    if (requested)
        return requested;
    m_ownedParent = std::make_unique<QObject>();
    return m_ownedParent.get();
}

std::unique_ptr<PlatformServices> PlatformServices::createDesktop(QObject *parent)
{
    auto services = std::make_unique<PlatformServices>();
    services->paths = AppPaths::fromEnvironment();
    QString error;
    // Not fatal here: the store that opens the database reports the same problem
    // with more context, and the rest of the services work without the folders.
    if (!services->paths.ensureExist(&error))
        qWarning().noquote() << error;

    QObject *owner = services->parentFor(parent);
#ifdef ONSITE_HAVE_POSITIONING
    // The developer's fixed position wins, so demos check in at a known place.
    if (qEnvironmentVariableIsEmpty(DesktopPositionSource::kFixedPositionVariable))
        services->position = new QtPositionSource(owner);
    else
#endif
        services->position = new DesktopPositionSource(owner);
#ifdef ONSITE_HAVE_CAMERA
    services->photos = new CameraPhotoSource(QDir(services->paths.dataFolder()).filePath(QStringLiteral("camera")), owner);
#else
    services->photos = new DesktopPhotoSource(owner);
#endif
    services->photos->setPositionSource(services->position);
    auto *reachability = new ProbeReachability(owner);
    services->afterFirstFrame = [reachability = QPointer(reachability)] {
        if (reachability)
            reachability->followSystemNetwork();
    };
    services->reachability = reachability;
    services->secureStore = std::make_unique<FileSecureStore>(services->paths.secretsFolder());
    return services;
}

std::unique_ptr<PlatformServices> PlatformServices::createFake(const QString &dataFolder, QObject *parent)
{
    auto services = std::make_unique<PlatformServices>();
    services->paths = AppPaths(dataFolder);
    QString error;
    if (!services->paths.ensureExist(&error))
        qWarning().noquote() << error;
    QObject *owner = services->parentFor(parent);
    services->position = new FakePositionSource(owner);
    services->photos = new FakePhotoSource(QDir(dataFolder).filePath(QStringLiteral("fake-camera")), owner);
    services->photos->setPositionSource(services->position);
    services->reachability = new FakeReachability(true, owner);
    services->secureStore = std::make_unique<FakeSecureStore>();
    return services;
}

} // namespace onsite::platform
