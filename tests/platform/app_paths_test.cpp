// App paths (ONSITE_APP_DATA wins over the standard location) and the one-place
// wiring of all platform services.
#include "platform/apppaths.h"
#include "platform/fakephotosource.h"
#include "platform/fakepositionsource.h"
#include "platform/fakereachability.h"
#include "platform/platformservices.h"
#include "platform/desktoppositionsource.h"
#include "platformtesting.h"
#ifdef ONSITE_HAVE_POSITIONING
#include "platform/qtpositionsource.h"
#endif

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace onsite::platform;
using onsite::test::ScopedEnvironment;
using onsite::test::waitFor;

TEST(PlatformPaths, EnvironmentVariableChoosesTheDataFolder)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString data = dir.filePath(QStringLiteral("nested/onsite-data"));
    ScopedEnvironment env(AppPaths::kDataFolderVariable, data.toUtf8());

    const AppPaths paths = AppPaths::fromEnvironment();
    EXPECT_EQ(paths.dataFolder(), data);
    EXPECT_EQ(paths.photosFolder(), data + QStringLiteral("/photos"));
    EXPECT_FALSE(QFileInfo::exists(paths.photosFolder()));

    QString error;
    ASSERT_TRUE(paths.ensureExist(&error)) << error.toStdString();
    EXPECT_TRUE(QFileInfo(paths.dataFolder()).isDir());
    EXPECT_TRUE(QFileInfo(paths.photosFolder()).isDir());
    EXPECT_TRUE(paths.ensureExist(&error)) << "existing folders are fine";
}

TEST(PlatformPaths, WithoutTheVariableTheStandardLocationIsUsed)
{
    ScopedEnvironment env(AppPaths::kDataFolderVariable, QByteArray("   "));
    const AppPaths paths = AppPaths::fromEnvironment();
    EXPECT_FALSE(paths.dataFolder().trimmed().isEmpty());
    EXPECT_EQ(paths.dataFolder(),
              QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
}

TEST(PlatformPaths, NoDataFolderIsAnErrorNotTheWorkingDirectory)
{
    const AppPaths paths{QString()};
    QString error;
    EXPECT_FALSE(paths.ensureExist(&error));
    EXPECT_TRUE(error.contains(QStringLiteral("ONSITE_APP_DATA"))) << error.toStdString();
}

TEST(PlatformServicesWiring, DesktopServicesUseTheConfiguredDataFolder)
{
    QTemporaryDir dir;
    ScopedEnvironment env(AppPaths::kDataFolderVariable, dir.path().toUtf8());
    ScopedEnvironment position("ONSITE_FIXED_POSITION", std::nullopt);
    QObject parent;
    auto services = PlatformServices::createDesktop(&parent);
    ASSERT_TRUE(services->position && services->photos && services->reachability && services->secureStore);
    EXPECT_EQ(services->position->parent(), &parent);
#ifdef ONSITE_HAVE_POSITIONING
    // The real source, whatever this machine offers (GeoClue here, or nothing).
    EXPECT_NE(qobject_cast<QtPositionSource *>(services->position), nullptr);
#else
    EXPECT_FALSE(services->position->hasPositioning());
#endif
    EXPECT_FALSE(services->photos->hasCamera());
    EXPECT_FALSE(services->reachability->isOnline()) << "no server configured yet";
    EXPECT_TRUE(QFileInfo(services->paths.photosFolder()).isDir());
    // Following the system's network waits for the app's first frame; run as the app
    // would, and once more after the reachability is gone (the app closed first): no crash.
    ASSERT_TRUE(services->afterFirstFrame);
    services->afterFirstFrame();
    delete services->reachability;
    services->reachability = nullptr;
    services->afterFirstFrame();

    QString error;
    ASSERT_TRUE(services->secureStore->store(QStringLiteral("device-token"), "t", &error)) << error.toStdString();
    EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("secrets/device-token.secret"))));
}

TEST(PlatformServicesWiring, AFixedPositionForDemosWinsOverTheRealSource)
{
    QTemporaryDir dir;
    ScopedEnvironment env(AppPaths::kDataFolderVariable, dir.path().toUtf8());
    ScopedEnvironment position("ONSITE_FIXED_POSITION", QByteArray("35.56238,104.58508,12"));
    QObject parent;
    auto services = PlatformServices::createDesktop(&parent);
    ASSERT_NE(qobject_cast<DesktopPositionSource *>(services->position), nullptr);
    EXPECT_TRUE(services->position->hasPositioning());
}

TEST(PlatformServicesWiring, FakeServicesWorkWithoutAParentAndAreFreedWithTheStruct)
{
    QTemporaryDir dir;
    QPointer<PositionSource> position;
    {
        auto services = PlatformServices::createFake(dir.path(), nullptr);
        position = services->position;
        ASSERT_NE(qobject_cast<FakePositionSource *>(services->position), nullptr);
        ASSERT_NE(qobject_cast<FakeReachability *>(services->reachability), nullptr);
        EXPECT_TRUE(services->reachability->isOnline());
        EXPECT_TRUE(services->photos->hasCamera());

        QString photo;
        QObject::connect(services->photos, &PhotoSource::photoReady, [&photo](const QString &file) { photo = file; });
        services->photos->capture();
        ASSERT_TRUE(waitFor([&] { return !photo.isEmpty(); }));
        EXPECT_TRUE(photo.startsWith(dir.path())) << photo.toStdString();
    }
    EXPECT_TRUE(position.isNull()) << "the fakes outlived their owner";
}
