// 回头看 in the tablet app: HQ assigns a re-check of a DC item to 第一检查组; the
// inspector's app pulls it, shows it on DC's page, records 未到位 with a photo while the
// tablet is offline, and HQ has the result after the connection returns.
#include "appfixture.h"
#include "appundertest.h"
#include "e2e/hqprocess.h"
#include "uidriver.h"

#include "followup/rechecks.h"
#include "hq/scorehistory.h"
#include "store/campaignstore.h"
#include "client/fieldworkspace.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QImage>
#include <QQuickWindow>
#include <QQmlContext>
#include <QQmlExpression>
#include <QTemporaryDir>
#include <QUrl>

#include <gtest/gtest.h>

namespace onsite::test {
namespace {

std::string str(const QString &text) { return text.toStdString(); }

class AppRecheck : public AppFixture
{
protected:
    followup::Rechecks rechecksAtHq(SqlConnection &db, std::optional<CampaignSetup> &setup)
    {
        setup = CampaignStore(db).loadSetup();
        return followup::Rechecks(db, *setup, hq::historyKey(hq->dataFolder()));
    }

    std::unique_ptr<SqlConnection> hqDatabase()
    {
        return std::make_unique<SqliteConnection>(QDir(hq->dataFolder()).filePath(QStringLiteral("hq.sqlite")));
    }

    bool nothingWaits() const
    {
        QObject *status = syncStatus();
        return !prop(status, "syncing").toBool() && prop(status, "pendingChanges").toInt() == 0 &&
               prop(status, "pendingPhotos").toInt() == 0;
    }

};

TEST_F(AppRecheck, TheTaskShowsOnTheUnitPageAndItsResultReachesHqAfterOfflineRecording)
{
    Recheck request;
    request.itemId = QStringLiteral("item-dc-3");
    request.unitCode = QStringLiteral("DC");
    request.groupName = QStringLiteral("第一检查组");
    request.problem = QStringLiteral("党员活动室制度牌内容过时");
    request.suggestion = QStringLiteral("按新版制度更新上墙");
    request.measures = QStringLiteral("已重新制作并上墙");
    request.note = QStringLiteral("请拍制度牌全景");
    QString recheckId;
    {
        auto db = hqDatabase();
        std::optional<CampaignSetup> setup;
        recheckId = rechecksAtHq(*db, setup).assign(request, QStringLiteral("kpb.admin"), QDateTime::currentDateTimeUtc()).id;
    }

    // Sign in as g1.zhang (from QS; 第一检查组 assesses DC, BH, SM).
    ASSERT_TRUE(ui->typeText(ui->waitForItem(QStringLiteral("serverField")), hq->baseUrl()));
    ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("accountField")), QStringLiteral("g1.zhang")));
    ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("passwordField")), HqProcess::passwordOf(QStringLiteral("g1.zhang"))));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("signInButton"))));
    ASSERT_TRUE(waitUntil([&] { return ui->pagesSettled() && ui->item(QStringLiteral("unit:DC")) != nullptr; }));
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); }));

    // DC's page: the 回头看 tab counts the open task and shows what HQ sent.
    ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("unit:DC"))));
    QObject *model = ui->object(QStringLiteral("recheckModel"));
    ASSERT_NE(model, nullptr);
    ASSERT_TRUE(waitUntil([&] { return prop(model, "openCount").toInt() == 1; })) << "the pulled task is not shown";
    QQuickItem *tab = ui->waitForItem(QStringLiteral("recheckTab"));
    EXPECT_TRUE(prop(tab, "text").toString().contains(QStringLiteral("1"))) << str(prop(tab, "text").toString());
    ASSERT_TRUE(ui->click(tab));
    QQuickItem *card = ui->waitForItem(QStringLiteral("recheck:") + recheckId);
    ASSERT_NE(card, nullptr);
    QStringList shown;
    for (QObject *o : ui->objects(card))
        shown << o->property("text").toString();
    const QString cardText = shown.join(QLatin1Char('\n'));
    for (const QString &expected : {request.problem, request.suggestion, request.measures, request.note})
        EXPECT_TRUE(cardText.contains(expected)) << "not on the card: " << str(expected);
    EXPECT_TRUE(prop(model, "canRecord").toBool());

    // Offline, on site: a photo first (what the picker's onAccepted calls), then the result.
    app->setNetworkUp(false);
    ASSERT_TRUE(waitUntil([&] { return !prop(syncStatus(), "online").toBool(); }));
    QTemporaryDir camera;
    const QString photoPath = camera.filePath(QStringLiteral("board.jpg"));
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(QColor(21, 101, 192));
    ASSERT_TRUE(image.save(photoPath, "JPG", 90));
    QString photoId;
    ASSERT_TRUE(QMetaObject::invokeMethod(model, "addPhoto", Q_RETURN_ARG(QString, photoId),
                                          Q_ARG(QString, QUrl::fromLocalFile(photoPath).toString())));
    ASSERT_FALSE(photoId.isEmpty()) << str(prop(model, "message").toString());

    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("recordRecheck:") + recheckId)));
    QObject *dialog = ui->object(QStringLiteral("recheckDialog"));
    ASSERT_TRUE(ui->waitForPopup(dialog, true));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("recheckNotDone"), dialog)));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("recheckPhoto:") + photoId, dialog)));
    QQmlExpression save(qmlContext(dialog), dialog, QStringLiteral("standardButton(Dialog.Save)"));
    QQuickItem *saveButton = qobject_cast<QQuickItem *>(save.evaluate().value<QObject *>());

    // 未到位 without notes is refused, and the dialog comes back with the choice kept.
    ASSERT_TRUE(ui->click(saveButton));
    ASSERT_TRUE(waitUntil([&] { return prop(model, "message").toString().contains(QStringLiteral("写明情况")); }))
        << str(prop(model, "message").toString());
    ASSERT_TRUE(ui->waitForPopup(dialog, true));
    EXPECT_EQ(prop(dialog, "outcome").toString(), QStringLiteral("not_done"));
    EXPECT_EQ(prop(dialog, "chosenPhotos").toStringList(), QStringList{photoId});
    EXPECT_EQ(prop(model, "openCount").toInt(), 1);

    // What is typed is kept as a draft before 保存 (an app killed here loses nothing),
    // and goes once the result is saved.
    ASSERT_TRUE(ui->commitText(ui->item(QStringLiteral("recheckNotes"), dialog), QStringLiteral("制度牌仍是旧版")));
    sync::FieldDrafts &drafts = app->workspace().drafts();
    const QString draftKey = QStringLiteral("recheck-result:") + recheckId;
    ASSERT_TRUE(waitUntil([&] {
        return drafts.find(QStringLiteral("g1.zhang"), draftKey).value_or(QString()).contains(QStringLiteral("制度牌仍是旧版"));
    })) << "no draft of the typed notes";
    ASSERT_TRUE(ui->click(saveButton));
    ASSERT_TRUE(ui->waitForPopup(dialog, false));
    EXPECT_TRUE(waitUntil([&] { return !drafts.find(QStringLiteral("g1.zhang"), draftKey); })) << "the draft outlived 保存";
    ASSERT_TRUE(waitUntil([&] { return prop(model, "openCount").toInt() == 0; })) << str(prop(model, "message").toString());
    const QVariantMap result =
        prop(model, "rechecks").toList().constFirst().toMap().value(QStringLiteral("results")).toList().constFirst().toMap();
    EXPECT_EQ(result.value(QStringLiteral("outcome")).toString(), QStringLiteral("未到位"));
    EXPECT_EQ(result.value(QStringLiteral("state")).toString(), QStringLiteral("待同步"));
    EXPECT_EQ(result.value(QStringLiteral("photos")).toList().size(), 1);
    ASSERT_NE(ui->waitForItem(QStringLiteral("recheckResult:") + result.value(QStringLiteral("id")).toString()), nullptr);

    // For looking at the screen: ONSITE_APP_SHOTS=DIR saves it at both tablet sizes.
    if (const QString shots = qEnvironmentVariable("ONSITE_APP_SHOTS"); !shots.isEmpty()) {
        for (const QSize size : {QSize(1280, 800), QSize(800, 1280)}) {
            app->window()->resize(size);
            waitUntil([] { return false; }, 500); // let the layout settle
            app->window()->grabWindow().save(
                QDir(shots).filePath(QStringLiteral("recheck-%1x%2.png").arg(size.width()).arg(size.height())));
        }
    }

    // The connection returns: the app syncs by itself, and HQ has the result.
    app->setNetworkUp(true);
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); })) << str(prop(syncStatus(), "summary").toString());
    ASSERT_TRUE(waitUntil([&] {
        const auto list = prop(model, "rechecks").toList();
        return !list.isEmpty() && list.constFirst().toMap().value(QStringLiteral("results")).toList().constFirst()
                                          .toMap().value(QStringLiteral("state")).toString() == QStringLiteral("已同步");
    }));
    auto db = hqDatabase();
    std::optional<CampaignSetup> setup;
    const auto atHq = rechecksAtHq(*db, setup).forItem(QStringLiteral("item-dc-3"));
    ASSERT_EQ(atHq.size(), 1u);
    ASSERT_EQ(atHq[0].results.size(), 1u);
    EXPECT_EQ(atHq[0].results[0].outcome, RecheckOutcome::NotDone);
    EXPECT_EQ(atHq[0].results[0].notes, QStringLiteral("制度牌仍是旧版"));
    EXPECT_EQ(atHq[0].results[0].account, QStringLiteral("g1.zhang"));
    EXPECT_EQ(atHq[0].results[0].photoIds, QStringList{photoId});
}

} // namespace
} // namespace onsite::test
