#include "appcomposition.h"
#include "appundertest.h"
#include "client/fieldworkspace.h"
#include "platform/fakereachability.h"
#include "platform/platformservices.h"
#include "sync/synctestsupport.h"
#include "uidriver.h"
#include "viewmodels/sitelistmodel.h"
#include "viewmodels/unitlistmodel.h"
#include "viewmodels/unitoverviewmodel.h"
#include "viewmodels/visitmodel.h"

#include <gtest/gtest.h>

#include <QQmlComponent>
#include <QTemporaryDir>
#include <QTest>

// AppComposition builds the graph main() runs, and the view models take the workspace
// as a property that QML sets after constructing them: they must cope with it arriving
// before or after their other properties, and with it missing.

using namespace onsite;
using onsite::test::AppUnderTest;
using onsite::test::prop;
using onsite::test::TestDevice;

namespace {

// A signed-in device folder (the sample campaign, inspector g1.zhang of 第一检查组: DC,
// BH, SM), opened as the app's workspace.
struct SignedInWorkspace
{
    SignedInWorkspace()
    {
        {
            TestDevice device(QStringLiteral("g1.zhang"));
            folder = device.dir.path();
            device.dir.setAutoRemove(false);
        }
        workspace = std::make_unique<sync::FieldWorkspace>(folder);
    }
    ~SignedInWorkspace()
    {
        workspace.reset();
        QDir(folder).removeRecursively();
    }
    QString folder;
    std::unique_ptr<sync::FieldWorkspace> workspace;
};

} // namespace

TEST(AppComposition, MainQmlGetsTheComposedServicesAndHandsThemToItsModels)
{
    AppUnderTest app;
    QQuickWindow *window = app.window();
    ASSERT_NE(window, nullptr) << app.qmlErrors().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(window->property("workspace").value<QObject *>(), &app.workspace());
    EXPECT_EQ(window->property("positionSource").value<QObject *>(),
              app.composition().platform().position);
    EXPECT_EQ(window->property("photoSource").value<QObject *>(),
              app.composition().platform().photos);
    const QObject *session = window->findChild<QObject *>(QStringLiteral("session"));
    const QObject *status = window->findChild<QObject *>(QStringLiteral("syncStatus"));
    ASSERT_NE(session, nullptr);
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(session->property("workspace").value<QObject *>(), &app.workspace());
    EXPECT_EQ(status->property("workspace").value<QObject *>(), &app.workspace());
    EXPECT_FALSE(session->property("signedIn").toBool()); // a fresh folder
    EXPECT_TRUE(app.qmlErrors().isEmpty()) << app.qmlErrors().join(QLatin1Char('\n')).toStdString();
}

TEST(AppComposition, ReachabilityDrivesTheWorkspacesSyncEngine)
{
    AppUnderTest app;
    ASSERT_NE(app.window(), nullptr);
    app.setNetworkUp(false);
    EXPECT_FALSE(app.workspace().engine().isOnline());
    EXPECT_FALSE(
        prop(app.window()->findChild<QObject *>(QStringLiteral("syncStatus")), "online").toBool());
    app.setNetworkUp(true);
    EXPECT_TRUE(app.workspace().engine().isOnline());
}

// Main.qml shows its first page before the other pages' types are loaded (they were
// about 40 % of the start): they come in the background after the first frame, or at
// once when a page is opened before that.
namespace {

struct AppBeforeItsFirstFrame
{
    AppUnderTest app;
    QQuickWindow *window = app.window();
    QObject *loader = window ? window->findChild<QObject *>(QStringLiteral("deferredPages")) : nullptr;

    // Main's pages(): what every navigation to a later page asks.
    QObject *pages() const
    {
        QVariant pages;
        EXPECT_TRUE(QMetaObject::invokeMethod(window, "pages", Q_RETURN_ARG(QVariant, pages)));
        return pages.value<QObject *>();
    }
    static bool ready(QObject *pages, const char *component)
    {
        auto *made = pages ? pages->property(component).value<QQmlComponent *>() : nullptr;
        return made != nullptr && made->status() == QQmlComponent::Ready;
    }
    int loaderStatus() const { return loader->property("status").toInt(); } // Loader.Ready is 1
    std::string errors() const { return app.qmlErrors().join(QLatin1Char('\n')).toStdString(); }
};

} // namespace

TEST(AppComposition, TheLaterPagesAreNotLoadedBeforeTheFirstFrameAndLoadAtOnceWhenAskedFor)
{
    AppBeforeItsFirstFrame a;
    ASSERT_NE(a.loader, nullptr);
    EXPECT_FALSE(a.loader->property("active").toBool()) << "loaded before the first frame";
    QObject *pages = a.pages();
    ASSERT_NE(pages, nullptr);
    for (const char *name : {"unitPage", "visitPage", "syncPage", "settingsPage", "aboutPage"})
        EXPECT_TRUE(AppBeforeItsFirstFrame::ready(pages, name)) << name;
    EXPECT_EQ(pages->property("stack").value<QObject *>(), a.window->findChild<QObject *>(QStringLiteral("stack")));
    EXPECT_EQ(pages->property("workspace").value<QObject *>(), &a.app.workspace());
    EXPECT_TRUE(a.app.qmlErrors().isEmpty()) << a.errors();
}

TEST(AppComposition, TheLaterPagesLoadInTheBackgroundAfterTheFirstFrame)
{
    AppBeforeItsFirstFrame a;
    ASSERT_NE(a.loader, nullptr);
    a.window->show();
    EXPECT_TRUE(QTest::qWaitFor([&] { return a.loaderStatus() == 1; }, 30000)) << "status " << a.loaderStatus();
    EXPECT_TRUE(a.loader->property("asynchronous").toBool()) << "not loaded in the background";
    EXPECT_TRUE(AppBeforeItsFirstFrame::ready(a.pages(), "visitPage"));
    EXPECT_TRUE(a.app.qmlErrors().isEmpty()) << a.errors();
}

TEST(AppComposition, APageOpenedDuringTheBackgroundLoadCompletesItThereAndThen)
{
    AppBeforeItsFirstFrame a;
    ASSERT_NE(a.loader, nullptr);
    a.loader->setProperty("active", true); // as the first frame does: asynchronous
    EXPECT_NE(a.loaderStatus(), 1) << "ready at once: the race is not tested";
    QObject *pages = a.pages();
    ASSERT_NE(pages, nullptr);
    EXPECT_TRUE(AppBeforeItsFirstFrame::ready(pages, "unitPage"));
    EXPECT_EQ(pages->property("workspace").value<QObject *>(), &a.app.workspace());
    EXPECT_TRUE(a.app.qmlErrors().isEmpty()) << a.errors();
}

// Platform work that waits for the app to be on screen (the desktop's network
// following) runs once, after the first frame, never during the start.
TEST(AppComposition, ThePlatformsDeferredWorkRunsOnceAfterTheFirstFrame)
{
    QTemporaryDir dir;
    auto services = platform::PlatformServices::createFake(dir.path(), nullptr);
    int runs = 0;
    services->afterFirstFrame = [&runs] { ++runs; };
    app::AppOptions options;
    options.dataFolder = dir.filePath(QStringLiteral("device"));
    app::AppComposition app(options, std::move(services));
    ASSERT_TRUE(app.load());
    QQuickWindow *window = app.window();
    int frames = 0;
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&frames] { ++frames; }, Qt::QueuedConnection);
    EXPECT_EQ(runs, 0) << "ran before any frame";
    window->show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return frames >= 1; }, 30000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return runs == 1; }, 5000)) << runs;
    window->update();
    ASSERT_TRUE(QTest::qWaitFor([&] { return frames >= 2; }, 30000));
    QTest::qWait(20);
    EXPECT_EQ(runs, 1) << "ran again at a later frame";
}

// A tablet started where HQ is out of reach: its reachability is offline from the start
// and never signals a change, so the composition must read the state, not wait for it.
TEST(AppComposition, ATabletStartedOfflineShowsOfflineFromTheFirstScreen)
{
    QTemporaryDir dir;
    auto services = platform::PlatformServices::createFake(dir.path(), nullptr);
    QObject *owner = services->reachability->parent();
    delete services->reachability;
    services->reachability = new platform::FakeReachability(false, owner);
    app::AppOptions options;
    options.dataFolder = dir.filePath(QStringLiteral("device"));
    app::AppComposition app(options, std::move(services));
    EXPECT_FALSE(app.workspace().engine().isOnline());
}

TEST(AppComposition, AnUnopenableFolderIsRefusedBeforeAnyScreen)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("not-a-folder"));
    QFile blocker(file);
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    app::AppOptions options;
    options.dataFolder = file + QStringLiteral("/device"); // below a plain file
    EXPECT_ANY_THROW(
        app::AppComposition(options, platform::PlatformServices::createFake(dir.path(), nullptr)));
}

TEST(ViewModels, LoadOnceTheWorkspaceArrivesAfterTheirOtherProperties)
{
    SignedInWorkspace w;

    app::SiteListModel sites;
    sites.setUnitCode(QStringLiteral("DC"));
    EXPECT_TRUE(sites.sites().isEmpty()); // nothing to read from yet
    sites.setWorkspace(w.workspace.get());
    ASSERT_FALSE(sites.sites().isEmpty());
    EXPECT_EQ(sites.sites().front().toMap().value(QStringLiteral("code")).toString(),
              QStringLiteral("DC-01"));

    app::VisitModel visit;
    visit.setSiteCode(QStringLiteral("DC-01"));
    EXPECT_TRUE(visit.siteName().isEmpty());
    EXPECT_FALSE(visit.setInput(QStringLiteral("2.1"),
                                QStringLiteral("好"))); // no workspace: nothing written
    visit.setWorkspace(w.workspace.get());
    EXPECT_EQ(visit.siteName(), QStringLiteral("幸福社区党群服务中心"));
    EXPECT_EQ(visit.unitCode(), QStringLiteral("DC"));
    EXPECT_FALSE(visit.items().isEmpty());
    EXPECT_FALSE(visit.hasCamera()); // no photo source given

    // Back on the unit page, DC-01's "我已评" counts the score just entered at the site.
    const auto scoredAtDc01 = [&] { return sites.sites().front().toMap().value(QStringLiteral("scored")).toInt(); };
    EXPECT_EQ(scoredAtDc01(), 0);
    ASSERT_TRUE(visit.setInput(QStringLiteral("2.1"), QStringLiteral("92")));
    EXPECT_EQ(scoredAtDc01(), 1);

    // 重新签到 (say, without a fix the first time) keeps the notes already written.
    ASSERT_TRUE(visit.checkIn(0, 0, 0, false));
    ASSERT_TRUE(visit.setNotes(QStringLiteral("座谈支部书记")));
    ASSERT_TRUE(visit.checkIn(35.5624, 104.5851, 8, true));
    EXPECT_EQ(visit.notes(), QStringLiteral("座谈支部书记"));

    // A refused input says so as an error (red on the page), a saved one as a note.
    EXPECT_FALSE(visit.setInput(QStringLiteral("2.1"), QStringLiteral("95%")));
    EXPECT_TRUE(visit.messageIsError()) << visit.message().toStdString();
    ASSERT_TRUE(visit.setInput(QStringLiteral("2.1"), QStringLiteral("95")));
    EXPECT_FALSE(visit.messageIsError()) << visit.message().toStdString();
}

TEST(ViewModels, EveryItemOfTheUnitCanBeScoredFromOneOfItsSites)
{
    // sites.csv names the items checked at each site (DC: 7 of the template's items); the
    // others (资料、座谈) were on no page, so "我还有 N 项未评" could never reach 0.
    SignedInWorkspace w;
    const auto codesOf = [](const QVariantList &items) {
        QStringList codes;
        for (const QVariant &item : items)
            codes << item.toMap().value(QStringLiteral("code")).toString();
        return codes;
    };
    QSet<QString> reachable;
    QStringList unitItemsAtDc01;
    for (const QString site : {QStringLiteral("DC-01"), QStringLiteral("DC-02"), QStringLiteral("DC-03")}) {
        app::VisitModel visit;
        visit.setWorkspace(w.workspace.get());
        visit.setSiteCode(site);
        const QStringList atSite = codesOf(visit.items());
        const QStringList others = codesOf(visit.unitItems());
        if (site == QLatin1String("DC-01"))
            unitItemsAtDc01 = others;
        EXPECT_EQ(others, unitItemsAtDc01) << "every site of the unit offers the same other items";
        for (const QString &code : atSite)
            EXPECT_FALSE(others.contains(code)) << code.toStdString();
        reachable.unite(QSet<QString>(atSite.cbegin(), atSite.cend()));
        reachable.unite(QSet<QString>(others.cbegin(), others.cend()));
    }
    EXPECT_TRUE(unitItemsAtDc01.contains(QStringLiteral("1.2")));
    EXPECT_FALSE(unitItemsAtDc01.contains(QStringLiteral("4.3"))) << "checked at DC-02, not offered elsewhere";
    EXPECT_FALSE(unitItemsAtDc01.contains(QStringLiteral("1"))) << "a level-1 project is never scored";
    app::UnitOverviewModel overview;
    overview.setWorkspace(w.workspace.get());
    overview.setUnitCode(QStringLiteral("DC"));
    EXPECT_EQ(reachable.size(), overview.items().size()) << "each item of the overview is on some page";

    // Scored from DC-01 after checking in there: one score for the unit, counted at once.
    app::VisitModel visit;
    visit.setWorkspace(w.workspace.get());
    visit.setSiteCode(QStringLiteral("DC-01"));
    ASSERT_TRUE(visit.checkIn(0, 0, 0, false)) << visit.message().toStdString();
    const int missing = overview.missingCount();
    ASSERT_TRUE(visit.setInput(QStringLiteral("1.4"), QStringLiteral("好"))) << visit.message().toStdString();
    overview.reload();
    EXPECT_EQ(overview.missingCount(), missing - 1);
}

TEST(ViewModels, LoadWhenTheWorkspaceComesFirstAndEmptyWithout)
{
    SignedInWorkspace w;

    app::UnitListModel units;
    EXPECT_EQ(units.rowCount(), 0);
    units.setWorkspace(w.workspace.get());
    EXPECT_EQ(units.rowCount(), 3); // DC, BH, SM

    app::UnitOverviewModel overview;
    overview.setWorkspace(w.workspace.get());
    EXPECT_TRUE(overview.items().isEmpty()); // no unit yet
    overview.setUnitCode(QStringLiteral("DC"));
    EXPECT_FALSE(overview.items().isEmpty());
    EXPECT_EQ(overview.missingCount(), overview.items().size()); // nothing scored yet

    // A write goes through the workspace: queued for HQ and read back by the model.
    app::VisitModel visit;
    visit.setWorkspace(w.workspace.get());
    visit.setSiteCode(QStringLiteral("DC-01"));
    const int pending = w.workspace->unsyncedCount();
    ASSERT_TRUE(visit.checkIn(35.56238, 104.58508, 10, true)) << visit.message().toStdString();
    EXPECT_EQ(w.workspace->unsyncedCount(), pending + 1);
    EXPECT_TRUE(visit.checkedIn());

    // Taken away again: empty, and a reload does not reach for a store.
    units.setWorkspace(nullptr);
    EXPECT_EQ(units.rowCount(), 0);
    units.reload();
    EXPECT_EQ(units.rowCount(), 0);
}
