// The tablet app end to end: the real QML UI (offscreen) is driven like a person would
// drive it, against a real onsite-hq on loopback, and HQ is then asked what it has.
#include "appfixture.h"
#include "appundertest.h"
#include "e2e/apiclient.h"
#include "e2e/hqprocess.h"
#include "uidriver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QGuiApplication>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QQmlContext>
#include <QQmlExpression>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <gtest/gtest.h>

#include <map>

// The Onsite module is a static plugin; without this its QML types never register.
Q_IMPORT_QML_PLUGIN(OnsitePlugin)

namespace onsite::test {
namespace {

const QString kAccount = QStringLiteral("g1.zhang");
const QString kFindingText = QStringLiteral("会议记录本缺少三月份支部会议的签到页");
const QString kSuggestionText = QStringLiteral("补齐签到并由支部书记签字确认");
const QString kPhotoFindingText = QStringLiteral("党员活动室墙上制度牌内容已过时");

std::string str(const QString &text) { return text.toStdString(); }

// The latest state of each record HQ lets `client` see, keyed by entity then id.
std::map<QString, std::map<QString, QJsonObject>> pullRecords(ApiClient &client)
{
    std::map<QString, std::map<QString, QJsonObject>> records;
    qint64 since = 0;
    for (int page = 0; page < 1000; ++page) {
        const ApiReply reply = client.get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=500").arg(since));
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        if (reply.status != 200)
            break;
        for (const QJsonValue &value : reply.json.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject change = value.toObject();
            auto &slot = records[change.value(QStringLiteral("entity")).toString()];
            if (change.value(QStringLiteral("op")).toString() == QLatin1String("delete"))
                slot.erase(change.value(QStringLiteral("id")).toString());
            else
                slot[change.value(QStringLiteral("id")).toString()] = change.value(QStringLiteral("data")).toObject();
        }
        since = reply.json.value(QStringLiteral("cursor")).toInteger();
        if (!reply.json.value(QStringLiteral("more")).toBool())
            break;
    }
    return records;
}

// The scores of `account` at `unit` as HQ holds them: indicator → input.
std::map<QString, QString> scoresAtHq(const std::map<QString, std::map<QString, QJsonObject>> &records,
                                      const QString &unit, const QString &account)
{
    std::map<QString, QString> inputs;
    const auto scores = records.find(QStringLiteral("score"));
    if (scores == records.end())
        return inputs;
    for (const auto &[id, data] : scores->second) {
        if (data.value(QStringLiteral("unit")).toString() == unit &&
            data.value(QStringLiteral("account")).toString() == account &&
            data.value(QStringLiteral("kind")).toString() == QLatin1String("rater"))
            inputs[data.value(QStringLiteral("indicator")).toString()] = data.value(QStringLiteral("input")).toString();
    }
    return inputs;
}

// A small real JPEG (the server and the device both sniff the signature).
QByteArray writeJpeg(const QString &path)
{
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(QColor(183, 28, 28));
    QPainter(&image).fillRect(8, 8, 24, 16, Qt::white);
    if (!image.save(path, "JPG", 90))
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class AppEndToEnd : public AppFixture
{
protected:
    // The current input of one item on the visit page, as the view model shows it.
    QString inputOf(const QString &code) const
    {
        for (const QVariant &item : prop(visit(), "items").toList()) {
            if (item.toMap().value(QStringLiteral("code")).toString() == code)
                return item.toMap().value(QStringLiteral("input")).toString();
        }
        return QStringLiteral("<no item %1>").arg(code);
    }

    // Sign-in page: server, account, password, 登录; then the home page lists units.
    void signIn(const QString &account = kAccount, const QString &displayName = QStringLiteral("张海燕"))
    {
        ASSERT_TRUE(ui->typeText(ui->waitForItem(QStringLiteral("serverField")), hq->baseUrl()));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("accountField")), account));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("passwordField")), HqProcess::passwordOf(account)));
        ASSERT_TRUE(ui->click(ui->item(QStringLiteral("signInButton"))));
        // Sign-in downloads the group's set-up, then the home page replaces this one.
        QObject *session = ui->object(QStringLiteral("session"));
        // A refused sign-in ends the wait early: the page shows the reason instead.
        ASSERT_TRUE(waitUntil([&] {
            if (!prop(session, "busy").toBool() && !prop(session, "error").toString().isEmpty())
                return true;
            return ui->pagesSettled() && ui->item(QStringLiteral("unit:DC")) != nullptr;
        }));
        ASSERT_NE(ui->item(QStringLiteral("unit:DC")), nullptr)
            << "home page never listed DC; sign-in says: " << str(prop(session, "error").toString());
        EXPECT_TRUE(prop(session, "signedIn").toBool());
        EXPECT_EQ(prop(session, "displayName").toString(), displayName);
        EXPECT_EQ(ui->item(QStringLiteral("serverField")), nullptr) << "the sign-in page is still shown";
    }

    // Home → unit DC → site DC-01, by tapping the grid tile and the list row.
    void openSiteDc01()
    {
        ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("unit:DC"))));
        ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("site:DC-01"))));
        ASSERT_NE(ui->waitForItem(QStringLiteral("checkInButton")), nullptr);
        ASSERT_NE(visit(), nullptr);
        EXPECT_EQ(prop(visit(), "siteCode").toString(), QStringLiteral("DC-01"));
        EXPECT_TRUE(prop(visit(), "scorable").toBool()) << "g1.zhang is from QS, DC is not her home unit";
        ASSERT_EQ(inputOf(QStringLiteral("2.1")), QString()) << "a fresh device must not have a score yet";
    }

    // Presses 立即同步 in the sync bar (enabled only between rounds).
    void pressSyncNow()
    {
        ASSERT_TRUE(waitUntil([&] { return !prop(syncStatus(), "syncing").toBool(); })) << "a sync round never ended";
        ASSERT_TRUE(ui->click(ui->item(QStringLiteral("syncNowButton"))));
    }

    bool nothingWaits() const
    {
        QObject *status = syncStatus();
        return !prop(status, "syncing").toBool() && prop(status, "pendingChanges").toInt() == 0 &&
               prop(status, "pendingPhotos").toInt() == 0;
    }

    // Types a value into the 达标计分 field of item 2.1 and presses Enter.
    void enterThreshold(const QString &value)
    {
        QQuickItem *card = ui->waitForItem(QStringLiteral("item:2.1"));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("thresholdField"), card), value, true));
        ASSERT_TRUE(waitUntil([&] { return inputOf(QStringLiteral("2.1")) == value; }))
            << "item 2.1 holds \"" << str(inputOf(QStringLiteral("2.1"))) << "\"; message: "
            << str(prop(visit(), "message").toString());
    }

};

TEST_F(AppEndToEnd, SiteVisitWithScoresFindingAndPhotoReachesHq)
{
    ASSERT_NO_FATAL_FAILURE(signIn());
    ASSERT_NO_FATAL_FAILURE(openSiteDc01());

    // Check in: the fake position source answers with a fix, which the page shows.
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("checkInButton"))));
    ASSERT_TRUE(waitUntil([&] { return !prop(visit(), "checkInText").toString().isEmpty(); }))
        << str(prop(visit(), "message").toString());
    // The fake's fix is in Beijing, far from DC-01: the distance is shown against the radius.
    EXPECT_TRUE(prop(visit(), "checkInText").toString().contains(QStringLiteral("距点位")))
        << str(prop(visit(), "checkInText").toString());
    EXPECT_TRUE(prop(visit(), "checkInText").toString().contains(QStringLiteral("超出 500 米签到范围")))
        << str(prop(visit(), "checkInText").toString());
    EXPECT_TRUE(prop(visit(), "checkInOutsideRadius").toBool());
    EXPECT_TRUE(prop(visit(), "canCheckOut").toBool());
    // For looking at the check-in: ONSITE_APP_SHOTS=DIR saves it at both tablet sizes.
    if (const QString shots = qEnvironmentVariable("ONSITE_APP_SHOTS"); !shots.isEmpty()) {
        const QSize original = app->window()->size();
        for (const QSize size : {QSize(1280, 800), QSize(800, 1280)}) {
            app->window()->resize(size);
            waitUntil([] { return false; }, 500); // let the layout settle
            app->window()->grabWindow().save(
                QDir(shots).filePath(QStringLiteral("visit-checkin-%1x%2.png").arg(size.width()).arg(size.height())));
        }
        app->window()->resize(original);
        waitUntil([] { return false; }, 300);
    }

    // Notes of the visit: saved when the field loses focus (here: to the next field).
    const QString notes = QStringLiteral("座谈支部书记和两名党员，党员活动室开放");
    ASSERT_TRUE(ui->commitText(ui->waitForItem(QStringLiteral("visitNotes")), notes));

    // 2.1 (达标计分): the verified rate, typed and confirmed with Enter.
    ASSERT_NO_FATAL_FAILURE(enterThreshold(QStringLiteral("89.8")));
    EXPECT_EQ(prop(visit(), "notes").toString(), notes) << str(prop(visit(), "message").toString());
    QQuickItem *scoreLabel = ui->item(QStringLiteral("scoreLabel"), ui->item(QStringLiteral("item:2.1")));
    ASSERT_NE(scoreLabel, nullptr);
    EXPECT_TRUE(prop(scoreLabel, "text").toString().startsWith(QStringLiteral("得分")))
        << "live score: " << str(prop(scoreLabel, "text").toString());

    // 2.2 (逐项核查): tick two of the four checks; the card is rebuilt after each tick.
    const QStringList ticked{QStringLiteral("有年度学习计划"), QStringLiteral("会议记录完整")};
    for (const QString &check : ticked) {
        QQuickItem *card = ui->waitForItem(QStringLiteral("item:2.2"));
        ASSERT_TRUE(ui->click(ui->item(QStringLiteral("check:") + check, card)));
        ASSERT_TRUE(waitUntil([&] { return inputOf(QStringLiteral("2.2")).split(QLatin1Char(';')).contains(check); }))
            << "after ticking " << str(check) << ": " << str(inputOf(QStringLiteral("2.2")));
    }
    EXPECT_EQ(inputOf(QStringLiteral("2.2")), ticked.join(QLatin1Char(';')));
    QQuickItem *box = ui->item(QStringLiteral("check:") + ticked.first(), ui->item(QStringLiteral("item:2.2")));
    EXPECT_TRUE(prop(box, "checked").toBool()) << "the first tick is not shown after the second";

    // A finding through 记录问题: description and suggestion typed with the input method,
    // the indicator picked from the combo box's list, then 保存 (Save).
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("findingButton"))));
    QObject *dialog = ui->object(QStringLiteral("findingDialog"));
    ASSERT_TRUE(ui->waitForPopup(dialog, true));
    ASSERT_TRUE(ui->commitText(ui->item(QStringLiteral("findingDescription"), dialog), kFindingText));
    ASSERT_TRUE(ui->commitText(ui->item(QStringLiteral("findingSuggestion"), dialog), kSuggestionText));
    QQuickItem *indicatorBox = ui->item(QStringLiteral("findingIndicator"), dialog);
    ASSERT_TRUE(ui->click(indicatorBox));
    QObject *list = prop(indicatorBox, "popup").value<QObject *>();
    ASSERT_TRUE(ui->waitForPopup(list, true));
    ASSERT_TRUE(ui->click(ui->buttonWithText(QStringLiteral("2.2"), list)));
    ASSERT_TRUE(ui->waitForPopup(list, false));
    EXPECT_EQ(prop(indicatorBox, "currentText").toString(), QStringLiteral("2.2"));
    // The Save button is made by the dialog's button box; ask the dialog for it.
    QQmlExpression saveButton(qmlContext(dialog), dialog, QStringLiteral("standardButton(Dialog.Save)"));
    ASSERT_TRUE(ui->click(qobject_cast<QQuickItem *>(saveButton.evaluate().value<QObject *>())));
    ASSERT_TRUE(ui->waitForPopup(dialog, false));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "findings").toList().size() == 1; }))
        << str(prop(visit(), "message").toString());
    const QVariantMap finding = prop(visit(), "findings").toList().constFirst().toMap();
    EXPECT_EQ(finding.value(QStringLiteral("description")).toString(), kFindingText);
    EXPECT_EQ(finding.value(QStringLiteral("indicator")).toString(), QStringLiteral("2.2"));

    // A photo for 2.2. The page's FileDialog is a native/platform dialog that cannot be
    // driven headless, so the test calls what its onAccepted calls: visit.addPhoto().
    QTemporaryDir camera;
    const QString photoPath = camera.filePath(QStringLiteral("evidence.jpg"));
    const QByteArray photo = writeJpeg(photoPath);
    ASSERT_FALSE(photo.isEmpty()) << "could not write a JPEG";
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
    bool added = false;
    ASSERT_TRUE(QMetaObject::invokeMethod(visit(), "addPhoto", Q_RETURN_ARG(bool, added),
                                          Q_ARG(QString, QUrl::fromLocalFile(photoPath).toString()),
                                          Q_ARG(QString, QStringLiteral("2.2"))));
    ASSERT_TRUE(added) << str(prop(visit(), "message").toString());
    ASSERT_EQ(prop(visit(), "photos").toList().size(), 1);
    const QString photoId = prop(visit(), "photos").toList().constFirst().toMap().value(QStringLiteral("id")).toString();

    // A second finding with that photo as its evidence, picked in the dialog.
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("findingButton"))));
    ASSERT_TRUE(ui->waitForPopup(dialog, true));
    ASSERT_TRUE(ui->commitText(ui->item(QStringLiteral("findingDescription"), dialog), kPhotoFindingText));
    ASSERT_TRUE(ui->commitText(ui->item(QStringLiteral("findingSuggestion"), dialog), kSuggestionText));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("findingPhoto:") + photoId, dialog)));
    EXPECT_EQ(prop(dialog, "chosenPhotos").toStringList(), QStringList{photoId});
    QQmlExpression saveAgain(qmlContext(dialog), dialog, QStringLiteral("standardButton(Dialog.Save)"));
    ASSERT_TRUE(ui->click(qobject_cast<QQuickItem *>(saveAgain.evaluate().value<QObject *>())));
    ASSERT_TRUE(ui->waitForPopup(dialog, false));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "findings").toList().size() == 2; }))
        << str(prop(visit(), "message").toString());
    EXPECT_EQ(prop(visit(), "findings").toList().constLast().toMap().value(QStringLiteral("photoCount")).toInt(), 1);

    // 签退: the visit's length goes to HQ.
    ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("checkOutButton"))));
    ASSERT_TRUE(waitUntil([&] { return !prop(visit(), "checkOutText").toString().isEmpty(); }))
        << str(prop(visit(), "message").toString());
    EXPECT_TRUE(prop(visit(), "checkOutText").toString().startsWith(QStringLiteral("已签退")));
    EXPECT_FALSE(prop(visit(), "canCheckOut").toBool());

    // 立即同步, then wait until the sync bar says nothing waits.
    EXPECT_GT(prop(syncStatus(), "pendingChanges").toInt() + prop(syncStatus(), "pendingPhotos").toInt(), 0)
        << "the photo just taken must wait for a sync";
    ASSERT_NO_FATAL_FAILURE(pressSyncNow());
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); }))
        << "still waiting: " << str(prop(syncStatus(), "summary").toString()) << " / "
        << str(prop(syncStatus(), "errorText").toString());
    EXPECT_EQ(prop(syncStatus(), "errorText").toString(), QString());
    // The open page follows the upload: the photo no longer shows as waiting.
    EXPECT_TRUE(prop(visit(), "photos").toList().constFirst().toMap().value(QStringLiteral("uploaded")).toBool());

    // HQ, as the group leader sees it.
    ApiClient leader(hq->baseUrl());
    ASSERT_EQ(leader.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                           QStringLiteral("dev-check")).status, 200);
    const auto records = pullRecords(leader);
    const auto scores = scoresAtHq(records, QStringLiteral("DC"), kAccount);
    EXPECT_EQ(scores.size(), 2u);
    EXPECT_EQ(scores.count(QStringLiteral("2.1")) ? scores.at(QStringLiteral("2.1")) : QString(), QStringLiteral("89.8"));
    EXPECT_EQ(scores.count(QStringLiteral("2.2")) ? scores.at(QStringLiteral("2.2")) : QString(),
              ticked.join(QLatin1Char(';')));

    const auto findings = records.count(QStringLiteral("finding")) ? records.at(QStringLiteral("finding"))
                                                                   : std::map<QString, QJsonObject>{};
    ASSERT_EQ(findings.size(), 2u);
    QJsonObject atHq, withPhoto;
    for (const auto &[id, data] : findings)
        (data.value(QStringLiteral("description")).toString() == kFindingText ? atHq : withPhoto) = data;
    EXPECT_EQ(withPhoto.value(QStringLiteral("description")).toString(), kPhotoFindingText);
    EXPECT_EQ(withPhoto.value(QStringLiteral("photos")).toArray().toVariantList(), QVariantList{photoId});
    EXPECT_EQ(atHq.value(QStringLiteral("description")).toString(), kFindingText);
    EXPECT_EQ(atHq.value(QStringLiteral("suggestion")).toString(), kSuggestionText);
    EXPECT_EQ(atHq.value(QStringLiteral("kind")).toString(), QStringLiteral("问题"));
    EXPECT_EQ(atHq.value(QStringLiteral("indicator")).toString(), QStringLiteral("2.2"));
    EXPECT_EQ(atHq.value(QStringLiteral("site")).toString(), QStringLiteral("DC-01"));
    EXPECT_EQ(atHq.value(QStringLiteral("account")).toString(), kAccount);

    const auto visits = records.count(QStringLiteral("visit")) ? records.at(QStringLiteral("visit"))
                                                               : std::map<QString, QJsonObject>{};
    ASSERT_EQ(visits.size(), 1u);
    EXPECT_EQ(visits.begin()->second.value(QStringLiteral("site")).toString(), QStringLiteral("DC-01"));
    EXPECT_TRUE(visits.begin()->second.contains(QStringLiteral("latitude"))) << "the check-in lost its position";
    EXPECT_EQ(visits.begin()->second.value(QStringLiteral("notes")).toString(), notes);
    EXPECT_GT(visits.begin()->second.value(QStringLiteral("distance_m")).toDouble(), 500.0);
    EXPECT_FALSE(visits.begin()->second.value(QStringLiteral("checked_out_at")).toString().isEmpty())
        << "the check-out did not reach HQ";

    const auto photos = records.count(QStringLiteral("photo")) ? records.at(QStringLiteral("photo"))
                                                               : std::map<QString, QJsonObject>{};
    ASSERT_EQ(photos.size(), 1u);
    const QJsonObject photoAtHq = photos.begin()->second;
    EXPECT_EQ(photoAtHq.value(QStringLiteral("sha256")).toString(), sha);
    EXPECT_EQ(photoAtHq.value(QStringLiteral("size_bytes")).toInteger(), photo.size());
    EXPECT_EQ(photoAtHq.value(QStringLiteral("indicator")).toString(), QStringLiteral("2.2"));
    EXPECT_EQ(photoAtHq.value(QStringLiteral("visit")).toString(), visits.begin()->first);
    // Picked from a file without EXIF: marked as picked, with no original time to vouch for it.
    EXPECT_EQ(photoAtHq.value(QStringLiteral("origin")).toString(), QStringLiteral("picked"));
    EXPECT_FALSE(photoAtHq.contains(QStringLiteral("original_at")));
    const ApiReply content = leader.get(QStringLiteral("/api/v1/photos/%1/content").arg(sha));
    EXPECT_EQ(content.status, 200);
    EXPECT_TRUE(content.body == photo) << "HQ serves " << content.body.size() << " bytes, the photo has " << photo.size();

    // HQ's results count the score.
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("results"), QStringLiteral("--format"), QStringLiteral("json")}, &out), 0)
        << str(out);
    int raters = -1;
    for (const QJsonValue &unit : QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("units")).toArray()) {
        if (unit.toObject().value(QStringLiteral("unit")).toString() != QLatin1String("DC"))
            continue;
        for (const QJsonValue &item : unit.toObject().value(QStringLiteral("items")).toArray()) {
            if (item.toObject().value(QStringLiteral("indicator")).toString() == QLatin1String("2.1"))
                raters = item.toObject().value(QStringLiteral("raters")).toInt();
        }
    }
    EXPECT_GE(raters, 1) << str(out.left(2000));
}

TEST_F(AppEndToEnd, ScoreEnteredWhileHqIsDownIsKeptAndArrivesWhenItReturns)
{
    ASSERT_NO_FATAL_FAILURE(signIn());
    ASSERT_NO_FATAL_FAILURE(openSiteDc01());
    // The first sync after sign-in must be over before HQ goes away.
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); })) << str(prop(syncStatus(), "summary").toString());
    const quint16 port = hq->port();
    hq->terminate();

    ASSERT_NO_FATAL_FAILURE(enterThreshold(QStringLiteral("92.5")));
    ASSERT_NO_FATAL_FAILURE(pressSyncNow());
    ASSERT_TRUE(waitUntil([&] {
        return !prop(syncStatus(), "syncing").toBool() && !prop(syncStatus(), "errorText").toString().isEmpty();
    })) << "no sync error shown with HQ down";
    EXPECT_EQ(prop(syncStatus(), "pendingChanges").toInt(), 1);
    const QString error = prop(syncStatus(), "errorText").toString();
    EXPECT_TRUE(error.contains(QRegularExpression(QStringLiteral("\\p{Han}")))) << "not in Chinese: " << str(error);
    EXPECT_TRUE(prop(syncStatus(), "summary").toString().contains(QStringLiteral("待同步 1 条")))
        << str(prop(syncStatus(), "summary").toString());
    EXPECT_EQ(inputOf(QStringLiteral("2.1")), QStringLiteral("92.5")) << "the score was not kept on the device";

    // The tablet loses its connection (the mountains); the bar says so.
    app->setNetworkUp(false);
    ASSERT_TRUE(waitUntil([&] { return !prop(syncStatus(), "online").toBool(); }));
    EXPECT_TRUE(prop(syncStatus(), "summary").toString().contains(QStringLiteral("离线")))
        << str(prop(syncStatus(), "summary").toString());

    // HQ comes back at the same address and the connection returns: the app syncs by
    // itself, nobody presses 立即同步.
    hq->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
    ASSERT_EQ(hq->port(), port);
    app->setNetworkUp(true);
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); }))
        << str(prop(syncStatus(), "summary").toString()) << " / " << str(prop(syncStatus(), "errorText").toString());
    EXPECT_EQ(prop(syncStatus(), "errorText").toString(), QString()) << "the old error is still shown";

    ApiClient leader(hq->baseUrl());
    ASSERT_EQ(leader.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                           QStringLiteral("dev-check")).status, 200);
    const auto scores = scoresAtHq(pullRecords(leader), QStringLiteral("DC"), kAccount);
    EXPECT_EQ(scores.size(), 1u);
    EXPECT_EQ(scores.count(QStringLiteral("2.1")) ? scores.at(QStringLiteral("2.1")) : QString(), QStringLiteral("92.5"));
}

TEST_F(AppEndToEnd, LeaderSubmitsACompleteUnitAndHqLocksIt)
{
    // Every item of DC already has the leader's final value at HQ (from another device).
    {
        ApiClient other(hq->baseUrl());
        ASSERT_EQ(other.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                              QStringLiteral("dev-desk")).status, 200);
        QJsonArray finals;
        const QStringList items = QStringLiteral("1.1 1.2 1.3 1.4 2.1 2.2 2.3 2.4 2.5 3.1 3.2 3.3 4.1 4.2 4.3 5.1 5.2 5.3 "
                                                 "6.1 6.2 7.1").split(QLatin1Char(' '));
        for (int i = 0; i < items.size(); ++i) {
            finals.append(QJsonObject{
                {QStringLiteral("seq"), i + 1},
                {QStringLiteral("entity"), QStringLiteral("score")},
                {QStringLiteral("id"), QStringLiteral("final-%1").arg(items[i])},
                {QStringLiteral("op"), QStringLiteral("upsert")},
                {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(1000 + i, 13, 10, QLatin1Char('0'))},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("unit"), QStringLiteral("DC")},
                             {QStringLiteral("indicator"), items[i]},
                             {QStringLiteral("account"), QStringLiteral("g1.li")},
                             {QStringLiteral("kind"), QStringLiteral("final")},
                             {QStringLiteral("input"), items[i] == QLatin1String("7.1") ? QStringLiteral("否") : QStringLiteral("1")},
                             {QStringLiteral("reason"), QStringLiteral("组长现场核实")},
                             {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}}}});
        }
        const ApiReply push = other.post(QStringLiteral("/api/v1/sync/push"),
                                         QJsonObject{{QStringLiteral("device_id"), QStringLiteral("dev-desk")},
                                                     {QStringLiteral("mutations"), finals}});
        ASSERT_EQ(push.status, 200) << push.body.toStdString();
    }
    ASSERT_NO_FATAL_FAILURE(signIn(QStringLiteral("g1.li"), QStringLiteral("李建国")));
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); })) << str(prop(syncStatus(), "summary").toString());

    // Home → DC → 指标总览: nothing is missing, so 提交并锁定 → 确认提交.
    ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("unit:DC"))));
    ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("overviewTab"))));
    QObject *overview = ui->object(QStringLiteral("unitOverviewModel"));
    ASSERT_NE(overview, nullptr);
    ASSERT_TRUE(waitUntil([&] { return prop(overview, "unscoredCount").toInt() == 0; }))
        << "still unscored: " << str(prop(overview, "unscoredText").toString());
    EXPECT_TRUE(prop(overview, "canSubmit").toBool());
    ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("submitUnitButton"))));
    QObject *confirm = ui->object(QStringLiteral("confirmSubmitDialog"));
    ASSERT_TRUE(ui->waitForPopup(confirm, true));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("confirmSubmitButton"), confirm)));
    ASSERT_TRUE(waitUntil([&] { return prop(overview, "submitted").toBool(); })) << str(prop(overview, "message").toString());
    EXPECT_TRUE(prop(overview, "submissionText").toString().contains(QStringLiteral("李建国")))
        << str(prop(overview, "submissionText").toString());
    ASSERT_NE(ui->waitForItem(QStringLiteral("reopenUnitButton")), nullptr) << "a submitted unit offers 撤回提交";

    ASSERT_NO_FATAL_FAILURE(pressSyncNow());
    ASSERT_TRUE(waitUntil([&] { return nothingWaits(); })) << str(prop(syncStatus(), "errorText").toString());
    EXPECT_EQ(prop(syncStatus(), "errorText").toString(), QString());
    EXPECT_TRUE(prop(syncStatus(), "problems").toList().isEmpty()) << "HQ refused something";

    // HQ holds the unit as submitted, and an inspector can no longer change its scores.
    ApiClient inspector(hq->baseUrl());
    ASSERT_EQ(inspector.login(kAccount, HqProcess::passwordOf(kAccount), QStringLiteral("dev-zhang")).status, 200);
    const auto records = pullRecords(inspector);
    const auto submissions = records.count(QStringLiteral("submission")) ? records.at(QStringLiteral("submission"))
                                                                         : std::map<QString, QJsonObject>{};
    ASSERT_EQ(submissions.size(), 1u);
    EXPECT_TRUE(submissions.begin()->second.value(QStringLiteral("locked")).toBool());
    EXPECT_EQ(submissions.begin()->second.value(QStringLiteral("account")).toString(), QStringLiteral("g1.li"));
}

} // namespace
} // namespace onsite::test

int main(int argc, char **argv)
{
    // ctest sets this too, but gtest_discover_tests runs the binary at build time
    // without the test environment, and a QGuiApplication needs some platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keeps QSettings (the language choice) out of the user's real configuration.
    QStandardPaths::setTestModeEnabled(true);
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("onsite-app-e2e"));
    QGuiApplication::setOrganizationName(QStringLiteral("Onsite"));
    QQuickStyle::setStyle(QStringLiteral("Material")); // as the app: control sizes and dialogs match
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
