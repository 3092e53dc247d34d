// The group leader's two written reasons, 组长核定's and 撤回提交's, are kept as drafts
// while they are typed: an app killed by Android or a flat battery in the middle of a
// reason shows it again when the dialog is opened after the next start.
#include "appundertest.h"
#include "client/fieldworkspace.h"
#include "client/rules/fieldrecorder.h"
#include "sync/synctestsupport.h"
#include "uidriver.h"

#include <QDirIterator>
#include <QQmlContext>
#include <QQmlExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace onsite;
using onsite::test::AppUnderTest;
using onsite::test::prop;
using onsite::test::TestDevice;
using onsite::test::UiDriver;
using onsite::test::waitUntil;

namespace {

const QString kLeader = QStringLiteral("g1.li");

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

QString leaderFolder(QTemporaryDir &dir)
{
    const QString folder = dir.filePath(QStringLiteral("device"));
    TestDevice device(kLeader);
    device.store.reset(); // closed: copied as it rests
    EXPECT_TRUE(snapshot(device.dir.path(), folder));
    return folder;
}

QObject *openOverview(UiDriver &ui)
{
    if (!ui.ready() || !ui.click(ui.waitForItem(QStringLiteral("unit:DC"))) ||
        !ui.click(ui.waitForItem(QStringLiteral("overviewTab"))))
        return nullptr;
    return ui.object(QStringLiteral("unitOverviewModel"));
}

QQuickItem *saveButtonOf(QObject *dialog)
{
    QQmlExpression save(qmlContext(dialog), dialog, QStringLiteral("standardButton(Dialog.Save)"));
    return qobject_cast<QQuickItem *>(save.evaluate().value<QObject *>());
}

// Every item of DC gets the leader's final value, and DC is submitted: what 撤回提交 needs.
void submitDc(sync::FieldWorkspace &workspace)
{
    const QStringList items =
        QStringLiteral("1.1 1.2 1.3 1.4 2.1 2.2 2.3 2.4 2.5 3.1 3.2 3.3 4.1 4.2 4.3 5.1 5.2 5.3 "
                       "6.1 6.2 7.1")
            .split(QLatin1Char(' '));
    workspace.record([&](sync::FieldRecorder &recorder) {
        for (const QString &item : items)
            recorder.recordScore(QStringLiteral("DC"), item,
                                 item == QLatin1String("7.1") ? QStringLiteral("否")
                                                              : QStringLiteral("1"),
                                 ScoreKind::Final, QStringLiteral("组长现场核实"));
        recorder.submitUnit(QStringLiteral("DC"));
    });
}

} // namespace

TEST(AppDrafts, TheLeadersReasonsComeBackAfterTheAppIsKilledWhileTypingThem)
{
    QTemporaryDir dir, killedInFinal, killedInReopen;
    const QString folder = leaderFolder(dir);
    const QString finalReason = QStringLiteral("现场核实台账缺少三月记录");
    const QString reopenReason = QStringLiteral("2.1 的核定值录错，需更正");
    {
        AppUnderTest app(folder);
        ASSERT_NE(app.window(), nullptr) << str(app.qmlErrors().join(QLatin1Char('\n')));
        UiDriver ui(app.window());
        QObject *overview = openOverview(ui);
        ASSERT_NE(overview, nullptr);

        // 组长核定 of 2.1: a value and a reason typed, never saved.
        ASSERT_TRUE(ui.click(ui.waitForItem(QStringLiteral("setFinal:2.1"))));
        QObject *finalDialog = ui.object(QStringLiteral("finalValueDialog"));
        ASSERT_TRUE(ui.waitForPopup(finalDialog, true));
        ASSERT_TRUE(ui.typeText(ui.item(QStringLiteral("finalValueField"), finalDialog),
                                QStringLiteral("3")));
        ASSERT_TRUE(
            ui.commitText(ui.item(QStringLiteral("finalReasonField"), finalDialog), finalReason));
        sync::FieldDrafts &drafts = app.workspace().drafts();
        ASSERT_TRUE(waitUntil([&] {
            return drafts.find(kLeader, QStringLiteral("final-value:DC:2.1"))
                .value_or(QString())
                .contains(finalReason);
        })) << "no draft of the typed reason";
        ASSERT_TRUE(snapshot(folder, killedInFinal.path())); // the battery dies here
        QMetaObject::invokeMethod(finalDialog, "close");
        ASSERT_TRUE(ui.waitForPopup(finalDialog, false));

        // 撤回提交 of the submitted unit: the reason typed, not yet confirmed.
        submitDc(app.workspace());
        ASSERT_TRUE(waitUntil([&] { return prop(overview, "submitted").toBool(); }))
            << str(prop(overview, "message").toString());
        ASSERT_TRUE(ui.click(ui.waitForItem(QStringLiteral("reopenUnitButton"))));
        QObject *reopenDialog = ui.object(QStringLiteral("reopenDialog"));
        ASSERT_TRUE(ui.waitForPopup(reopenDialog, true));
        ASSERT_TRUE(
            ui.commitText(ui.item(QStringLiteral("reopenReasonField"), reopenDialog), reopenReason));
        ASSERT_TRUE(waitUntil([&] {
            return drafts.find(kLeader, QStringLiteral("reopen-reason:DC")).value_or(QString()) ==
                   reopenReason;
        })) << "no draft of the typed reason";
        ASSERT_TRUE(snapshot(folder, killedInReopen.path())); // or here
        EXPECT_TRUE(app.qmlErrors().isEmpty()) << str(app.qmlErrors().join(QLatin1Char('\n')));
    }

    {
        SCOPED_TRACE("killed typing the final value's reason");
        AppUnderTest app(killedInFinal.path());
        ASSERT_NE(app.window(), nullptr) << str(app.qmlErrors().join(QLatin1Char('\n')));
        UiDriver ui(app.window());
        QObject *overview = openOverview(ui);
        ASSERT_NE(overview, nullptr);
        ASSERT_TRUE(ui.click(ui.waitForItem(QStringLiteral("setFinal:2.1"))));
        QObject *finalDialog = ui.object(QStringLiteral("finalValueDialog"));
        ASSERT_TRUE(ui.waitForPopup(finalDialog, true));
        EXPECT_EQ(prop(ui.item(QStringLiteral("finalValueField"), finalDialog), "text").toString(),
                  QStringLiteral("3"));
        EXPECT_EQ(prop(ui.item(QStringLiteral("finalReasonField"), finalDialog), "text").toString(),
                  finalReason);
        // Saved, the value is the item's, and no draft is left to come back a second time.
        ASSERT_TRUE(ui.click(saveButtonOf(finalDialog)));
        ASSERT_TRUE(ui.waitForPopup(finalDialog, false));
        EXPECT_TRUE(waitUntil([&] {
            return !app.workspace().drafts().find(kLeader, QStringLiteral("final-value:DC:2.1"));
        })) << "the draft outlived 保存";
        EXPECT_TRUE(prop(overview, "message").toString().contains(QStringLiteral("核定")))
            << str(prop(overview, "message").toString());
        EXPECT_TRUE(app.qmlErrors().isEmpty()) << str(app.qmlErrors().join(QLatin1Char('\n')));
    }
    {
        SCOPED_TRACE("killed typing the reason to reopen");
        AppUnderTest app(killedInReopen.path());
        ASSERT_NE(app.window(), nullptr) << str(app.qmlErrors().join(QLatin1Char('\n')));
        UiDriver ui(app.window());
        QObject *overview = openOverview(ui);
        ASSERT_NE(overview, nullptr);
        ASSERT_TRUE(waitUntil([&] { return prop(overview, "submitted").toBool(); }));
        ASSERT_TRUE(ui.click(ui.waitForItem(QStringLiteral("reopenUnitButton"))));
        QObject *reopenDialog = ui.object(QStringLiteral("reopenDialog"));
        ASSERT_TRUE(ui.waitForPopup(reopenDialog, true));
        EXPECT_EQ(
            prop(ui.item(QStringLiteral("reopenReasonField"), reopenDialog), "text").toString(),
            reopenReason);
        ASSERT_TRUE(ui.click(ui.item(QStringLiteral("confirmReopenButton"), reopenDialog)));
        ASSERT_TRUE(waitUntil([&] { return !prop(overview, "submitted").toBool(); }))
            << str(prop(overview, "message").toString());
        EXPECT_TRUE(waitUntil([&] {
            return !app.workspace().drafts().find(kLeader, QStringLiteral("reopen-reason:DC"));
        })) << "the draft outlived 撤回提交";
        EXPECT_TRUE(app.qmlErrors().isEmpty()) << str(app.qmlErrors().join(QLatin1Char('\n')));
    }
}
