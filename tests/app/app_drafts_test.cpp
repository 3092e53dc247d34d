// What an inspector types is kept as a draft until the field is committed, so that an
// app killed by Android or a flat battery loses nothing; and the visit page's other
// answers: refusals under their field, a finding's suggestion required, "none held" read
// the same everywhere, sync errors as what to do.
#include "appundertest.h"
#include "client/fieldworkspace.h"
#include "client/store/syncstate.h"
#include "client/transport/syncerror.h"
#include "sync/synctestsupport.h"
#include "uidriver.h"
#include "viewmodels/syncstatusmodel.h"
#include "viewmodels/textdraft.h"
#include "viewmodels/unitoverviewmodel.h"
#include "viewmodels/visitmodel.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace onsite;
using onsite::test::AppUnderTest;
using onsite::test::prop;
using onsite::test::TestDevice;
using onsite::test::UiDriver;
using onsite::test::waitUntil;

namespace {

const QString kAccount = QStringLiteral("g1.zhang");

std::string str(const QString &text)
{
    return text.toStdString();
}

// The files of `from` as they are on disk this instant: what a killed app leaves.
bool snapshot(const QString &from, const QString &to)
{
    for (QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
         it.hasNext();) {
        it.next();
        const QString target = to + it.filePath().mid(from.size());
        QDir().mkpath(QFileInfo(target).path());
        if (!QFile::copy(it.filePath(), target))
            return false;
    }
    return true;
}

// A signed-in device folder (the sample campaign, g1.zhang of 第一检查组) under `dir`.
QString signedInFolder(QTemporaryDir &dir)
{
    const QString folder = dir.filePath(QStringLiteral("device"));
    TestDevice device(kAccount);
    device.store.reset(); // closed: copied as it rests
    EXPECT_TRUE(snapshot(device.dir.path(), folder));
    return folder;
}

QString inputOf(QObject *visit, const QString &code)
{
    for (const QVariant &item : prop(visit, "items").toList())
        if (item.toMap().value(QStringLiteral("code")).toString() == code)
            return item.toMap().value(QStringLiteral("input")).toString();
    return QStringLiteral("<no item %1>").arg(code);
}

void openDc01(UiDriver &ui)
{
    ASSERT_TRUE(ui.ready());
    ASSERT_TRUE(ui.click(ui.waitForItem(QStringLiteral("unit:DC"))));
    ASSERT_TRUE(ui.click(ui.waitForItem(QStringLiteral("site:DC-01"))));
    ASSERT_NE(ui.waitForItem(QStringLiteral("checkInButton")), nullptr);
}

} // namespace

// Two kills: one while a threshold value is being typed, one while the notes are (moving
// to the notes field commits the value, as leaving any field does).
TEST(AppDrafts, TypedButUncommittedNotesAndValueComeBackAfterTheAppIsKilled)
{
    QTemporaryDir dir, killedTypingValue, killedTypingNotes;
    const QString folder = signedInFolder(dir);
    QString visitId;
    const QString notes = QStringLiteral("座谈支部书记，活动室周末不开放");
    {
        AppUnderTest app(folder);
        ASSERT_NE(app.window(), nullptr) << str(app.qmlErrors().join(QLatin1Char('\n')));
        UiDriver ui(app.window());
        ASSERT_NO_FATAL_FAILURE(openDc01(ui));
        QObject *visit = ui.object(QStringLiteral("visitModel"));
        ASSERT_TRUE(ui.click(ui.item(QStringLiteral("checkInButton"))));
        ASSERT_TRUE(waitUntil([&] { return prop(visit, "checkedIn").toBool(); }));
        visitId = prop(visit, "visitId").toString();
        int queued = app.workspace().unsyncedCount();

        // Typed, and the field never left: no focus loss, no Enter.
        ASSERT_TRUE(ui.typeText(
            ui.item(QStringLiteral("thresholdField"), ui.waitForItem(QStringLiteral("item:2.1"))),
            QStringLiteral("88")));
        waitUntil([] { return false; }, 1600); // a pause in typing
        EXPECT_EQ(inputOf(visit, QStringLiteral("2.1")), QString())
            << "the value was committed, not kept as a draft";
        EXPECT_EQ(app.workspace().unsyncedCount(), queued)
            << "a pause in typing made a sync record";
        ASSERT_TRUE(snapshot(folder, killedTypingValue.path())); // the battery dies here

        ASSERT_TRUE(ui.commitText(ui.waitForItem(QStringLiteral("visitNotes")), notes));
        ASSERT_TRUE(waitUntil(
            [&] { return inputOf(visit, QStringLiteral("2.1")) == QStringLiteral("88"); }));
        queued = app.workspace().unsyncedCount();
        waitUntil([] { return false; }, 1600);
        EXPECT_EQ(prop(visit, "notes").toString(), QString())
            << "the notes were committed, not kept as a draft";
        EXPECT_EQ(app.workspace().unsyncedCount(), queued)
            << "a pause in typing made a sync record";
        ASSERT_TRUE(snapshot(folder, killedTypingNotes.path())); // or here
        EXPECT_TRUE(app.qmlErrors().isEmpty()) << str(app.qmlErrors().join(QLatin1Char('\n')));
    }

    // Each next start, from what was on disk: the text is back and saved as usual, and
    // once saved no draft is left to restore a second time.
    for (const QString &killed : {killedTypingValue.path(), killedTypingNotes.path()}) {
        SCOPED_TRACE(killed == killedTypingValue.path() ? "killed typing the value"
                                                        : "killed typing the notes");
        AppUnderTest app(killed);
        ASSERT_NE(app.window(), nullptr) << str(app.qmlErrors().join(QLatin1Char('\n')));
        UiDriver ui(app.window());
        ASSERT_NO_FATAL_FAILURE(openDc01(ui));
        QObject *visit = ui.object(QStringLiteral("visitModel"));
        EXPECT_TRUE(waitUntil(
            [&] { return inputOf(visit, QStringLiteral("2.1")) == QStringLiteral("88"); }, 5000))
            << "2.1 holds " << str(inputOf(visit, QStringLiteral("2.1")));
        EXPECT_EQ(prop(ui.item(QStringLiteral("thresholdField"),
                               ui.waitForItem(QStringLiteral("item:2.1"))),
                       "text")
                      .toString(),
                  QStringLiteral("88"));
        if (killed == killedTypingNotes.path()) {
            EXPECT_TRUE(waitUntil([&] { return prop(visit, "notes").toString() == notes; }, 5000))
                << "notes: " << str(prop(visit, "notes").toString());
            EXPECT_EQ(prop(ui.waitForItem(QStringLiteral("visitNotes")), "text").toString(), notes);
        }
        sync::FieldDrafts &drafts = app.workspace().drafts();
        EXPECT_TRUE(waitUntil(
            [&] {
                return !drafts.find(kAccount, QStringLiteral("visit-notes:") + visitId) &&
                       !drafts.find(kAccount, QStringLiteral("score:DC:2.1"));
            },
            5000));
        EXPECT_TRUE(app.qmlErrors().isEmpty()) << str(app.qmlErrors().join(QLatin1Char('\n')));
    }
}

TEST(AppDrafts, ADraftIsTheAccountsOwnAndNeverASyncRecord)
{
    QTemporaryDir dir;
    const QString folder = signedInFolder(dir);
    const QString key = QStringLiteral("visit-notes:v1");
    {
        sync::FieldWorkspace workspace(folder);
        const int queued = workspace.unsyncedCount();
        app::TextDraft draft;
        draft.setDelay(20);
        draft.setWorkspace(&workspace);
        draft.setKey(key);
        EXPECT_FALSE(draft.hasDraft());
        draft.keep(QStringLiteral("党员活"));
        draft.keep(QStringLiteral("党员活动室"));
        ASSERT_TRUE(waitUntil(
            [&] { return workspace.drafts().find(kAccount, key).has_value(); },
            2000));
        EXPECT_EQ(workspace.drafts().find(kAccount, key).value_or(QString()),
                  QStringLiteral("党员活动室"));
        EXPECT_EQ(workspace.unsyncedCount(), queued);
        // Another inspector signing in on this tablet does not see it.
        EXPECT_FALSE(
            workspace.drafts().find(QStringLiteral("g1.li"), key).has_value());
        // Sent to the background (Android may kill it there): written at once.
        app::TextDraft other;
        other.setDelay(600000);
        other.setWorkspace(&workspace);
        other.setKey(QStringLiteral("score:DC:2.1"));
        other.keep(QStringLiteral("88"));
        EXPECT_FALSE(workspace.drafts()
                         .find(kAccount, QStringLiteral("score:DC:2.1"))
                         .has_value());
        other.setApplicationState(Qt::ApplicationSuspended);
        EXPECT_EQ(workspace.drafts()
                      .find(kAccount, QStringLiteral("score:DC:2.1"))
                      .value_or(QString()),
                  QStringLiteral("88"));
        other.discard();
        draft.keep(QStringLiteral("党员活动室未开放")); // not yet written when the model goes…
    }
    {
        sync::FieldWorkspace workspace(folder); // …and written as it went
        app::TextDraft draft;
        QSignalSpy restored(&draft, &app::TextDraft::restored);
        draft.setWorkspace(&workspace);
        draft.setKey(key);
        ASSERT_EQ(restored.count(), 1);
        EXPECT_EQ(restored.front().front().toString(), QStringLiteral("党员活动室未开放"));
        EXPECT_TRUE(draft.hasDraft());
        // Offered once per run: the same field built again (a page reload) is not a restart.
        app::TextDraft again;
        QSignalSpy restoredAgain(&again, &app::TextDraft::restored);
        again.setWorkspace(&workspace);
        again.setKey(key);
        EXPECT_EQ(restoredAgain.count(), 0);
        draft.discard(); // committed
        EXPECT_FALSE(draft.hasDraft());
    }
    sync::FieldWorkspace workspace(folder);
    EXPECT_FALSE(workspace.drafts().find(kAccount, key).has_value());
}

TEST(AppDrafts, SigningOutKeepingChangesKeepsDraftsAndDiscardingThemDropsThem)
{
    const QString key = QStringLiteral("visit-notes:v1");
    // 保留并退出 (false) or 丢弃并退出 (true): what was typed goes with the unsaved changes.
    const auto draftAfterSignOut = [&](bool discardUnsynced) {
        QTemporaryDir dir;
        sync::FieldWorkspace workspace(signedInFolder(dir));
        workspace.drafts().keep(kAccount, key, QStringLiteral("座谈两人"));
        workspace.signOut(discardUnsynced);
        return workspace.drafts().find(kAccount, key);
    };
    EXPECT_EQ(draftAfterSignOut(false).value_or(QString()), QStringLiteral("座谈两人"));
    EXPECT_FALSE(draftAfterSignOut(true).has_value());
}

// The device store is encrypted at rest: a draft is not readable in the folder's files.
TEST(AppDrafts, ADraftIsNotPlainTextOnDisk)
{
    QTemporaryDir dir;
    const QString folder = signedInFolder(dir);
    const QString secret = QStringLiteral("台账缺页第十七页被撕");
    {
        sync::FieldWorkspace workspace(folder);
        app::TextDraft draft;
        draft.setWorkspace(&workspace);
        draft.setKey(QStringLiteral("note:new:DC"));
        draft.keep(secret);
        draft.flush();
    }
    for (QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
         it.hasNext();) {
        QFile file(it.next());
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        EXPECT_FALSE(file.readAll().contains(secret.toUtf8())) << str(file.fileName());
    }
}

TEST(ViewModels, AFindingWithoutASuggestionIsRefusedAtItsDialog)
{
    QTemporaryDir dir;
    sync::FieldWorkspace workspace(signedInFolder(dir));
    app::VisitModel visit;
    visit.setWorkspace(&workspace);
    visit.setSiteCode(QStringLiteral("DC-01"));
    const int queued = workspace.unsyncedCount();
    EXPECT_FALSE(visit.addFinding(QStringLiteral("问题"), QStringLiteral("台账缺页"),
                                  QStringLiteral("  "), {}));
    EXPECT_TRUE(visit.messageIsError());
    EXPECT_TRUE(visit.message().contains(QStringLiteral("对策建议"))) << str(visit.message());
    EXPECT_EQ(visit.messageField(), QStringLiteral("finding"));
    EXPECT_EQ(workspace.unsyncedCount(), queued);
    ASSERT_TRUE(visit.addFinding(QStringLiteral("问题"), QStringLiteral("台账缺页"),
                                 QStringLiteral("补齐台账"), {}))
        << str(visit.message());
    const QString id = visit.findings().front().toMap().value(QStringLiteral("id")).toString();
    EXPECT_FALSE(
        visit.updateFinding(id, QStringLiteral("问题"), QStringLiteral("台账缺页"), QString(), {}));
    EXPECT_TRUE(visit.message().contains(QStringLiteral("对策建议"))) << str(visit.message());
}

TEST(ViewModels, ARefusedInputIsAnsweredAtItsItem)
{
    QTemporaryDir dir;
    sync::FieldWorkspace workspace(signedInFolder(dir));
    app::VisitModel visit;
    visit.setWorkspace(&workspace);
    visit.setSiteCode(QStringLiteral("DC-01"));
    EXPECT_FALSE(visit.setInput(QStringLiteral("2.1"), QStringLiteral("95%")));
    EXPECT_TRUE(visit.messageIsError());
    EXPECT_EQ(visit.messageField(), QStringLiteral("item:2.1"));
    EXPECT_FALSE(visit.setNotes(QStringLiteral("未签到先写"))); // no check-in yet
    EXPECT_EQ(visit.messageField(), QStringLiteral("notes"));
    ASSERT_TRUE(visit.checkIn(0, 0, 0, false));
    EXPECT_EQ(visit.messageField(), QString()); // about the page
}

TEST(ViewModels, NoneHeldReadsTheSameForMeAndTheGroup)
{
    QTemporaryDir dir;
    sync::FieldWorkspace workspace(signedInFolder(dir));
    app::UnitOverviewModel overview;
    overview.setWorkspace(&workspace);
    overview.setUnitCode(QStringLiteral("DC"));
    const auto row = [&](const QString &code) {
        for (const QVariant &item : overview.items())
            if (item.toMap().value(QStringLiteral("code")).toString() == code)
                return item.toMap();
        return QVariantMap();
    };
    EXPECT_FALSE(row(QStringLiteral("2.2")).value(QStringLiteral("mineScored")).toBool());
    EXPECT_EQ(row(QStringLiteral("2.2")).value(QStringLiteral("groupPoints")).toString(),
              QString()); // 未评
    const int missing = overview.missingCount();

    app::VisitModel visit;
    visit.setWorkspace(&workspace);
    visit.setSiteCode(QStringLiteral("DC-01"));
    ASSERT_TRUE(visit.setInput(QStringLiteral("2.2"), QString()))
        << str(visit.message()); // none held
    overview.reload();
    const QVariantMap noneHeld = row(QStringLiteral("2.2"));
    EXPECT_TRUE(noneHeld.value(QStringLiteral("mineScored")).toBool());
    EXPECT_EQ(noneHeld.value(QStringLiteral("minePoints")).toString(), QStringLiteral("0.00"));
    EXPECT_EQ(noneHeld.value(QStringLiteral("groupPoints")).toString(), QStringLiteral("0.00"));
    EXPECT_EQ(overview.missingCount(), missing - 1);
    const auto scored = [&] {
        for (const QVariant &item : visit.items())
            if (item.toMap().value(QStringLiteral("code")).toString() == QStringLiteral("2.2"))
                return item.toMap().value(QStringLiteral("scored")).toBool();
        return false;
    };
    EXPECT_TRUE(scored());
}

TEST(ViewModels, TheSyncStatusShowsTheSentenceAndTheDetailApart)
{
    QTemporaryDir dir;
    sync::FieldWorkspace workspace(signedInFolder(dir));
    const sync::SyncError expired = sync::SyncError::server(401, QStringLiteral("invalid_token"), QStringLiteral("需要登录"));
    sync::SyncState(workspace.store().db()).setLastError(expired.text(), expired.headline(), expired.detail());
    app::SyncStatusModel status;
    status.setWorkspace(&workspace);
    EXPECT_EQ(status.errorText(),
              QStringLiteral("登录已失效，请重新登录；本机未同步的数据不会丢失"));
    EXPECT_EQ(status.errorDetail(), QStringLiteral("HTTP 401 · invalid_token · 需要登录"));
}
