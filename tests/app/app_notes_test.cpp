// Findings, highlights and photos change and go away on the tablet before the unit is
// submitted, and HQ follows: an edited finding arrives edited, a deleted one (a
// tombstone) disappears at HQ; once the leader has submitted the unit, a delete is
// refused on the tablet and at HQ.
#include "appfixture.h"
#include "appundertest.h"
#include "e2e/apiclient.h"
#include "e2e/hqprocess.h"
#include "uidriver.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QQuickWindow>
#include <QQmlContext>
#include <QQmlExpression>

#include <gtest/gtest.h>

#include <map>

namespace onsite::test {
namespace {

std::string str(const QString &text) { return text.toStdString(); }

const QString kAccount = QStringLiteral("g1.zhang");

// The records of `entity` HQ lets `client` see now: id → data.
std::map<QString, QJsonObject> recordsAtHq(ApiClient &client, const QString &entity)
{
    std::map<QString, QJsonObject> records;
    qint64 since = 0;
    for (int page = 0; page < 100; ++page) {
        const ApiReply reply = client.get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=500").arg(since));
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        if (reply.status != 200)
            break;
        for (const QJsonValue &value : reply.json.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject change = value.toObject();
            if (change.value(QStringLiteral("entity")).toString() != entity)
                continue;
            const QString id = change.value(QStringLiteral("id")).toString();
            if (change.value(QStringLiteral("op")).toString() == QLatin1String("delete"))
                records.erase(id);
            else
                records[id] = change.value(QStringLiteral("data")).toObject();
        }
        since = reply.json.value(QStringLiteral("cursor")).toInteger();
        if (!reply.json.value(QStringLiteral("more")).toBool())
            break;
    }
    return records;
}

class AppNotes : public AppFixture
{
protected:
    void SetUp() override
    {
        AppFixture::SetUp();
        if (HasFatalFailure())
            return;
        reader = std::make_unique<ApiClient>(hq->baseUrl());
        ASSERT_EQ(reader->login(kAccount, HqProcess::passwordOf(kAccount), QStringLiteral("dev-reader")).status, 200);
    }

    void signInAndOpenDc01()
    {
        ASSERT_TRUE(ui->typeText(ui->waitForItem(QStringLiteral("serverField")), hq->baseUrl()));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("accountField")), kAccount));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("passwordField")), HqProcess::passwordOf(kAccount)));
        ASSERT_TRUE(ui->click(ui->item(QStringLiteral("signInButton"))));
        ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("unit:DC"))));
        ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("site:DC-01"))));
        ASSERT_NE(ui->waitForItem(QStringLiteral("findingButton")), nullptr);
    }

    // Presses 立即同步 and waits until nothing is left to send.
    void syncNow()
    {
        ASSERT_TRUE(waitUntil([&] { return !prop(syncStatus(), "syncing").toBool(); }));
        ASSERT_TRUE(ui->click(ui->item(QStringLiteral("syncNowButton"))));
        ASSERT_TRUE(waitUntil([&] {
            return !prop(syncStatus(), "syncing").toBool() && prop(syncStatus(), "pendingChanges").toInt() == 0;
        })) << str(prop(syncStatus(), "summary").toString());
    }

    // Fills the finding (or highlight) dialog that is open and presses 保存.
    void fillAndSave(const QString &first, const QString &second)
    {
        QObject *dialog = ui->object(QStringLiteral("findingDialog"));
        ASSERT_TRUE(ui->waitForPopup(dialog, true));
        // What a change replaces is cleared first, as a person selects it and deletes it.
        for (const auto &[name, text] : {std::pair{QStringLiteral("findingDescription"), first},
                                         std::pair{QStringLiteral("findingSuggestion"), second}}) {
            QQuickItem *field = ui->item(name, dialog);
            ASSERT_NE(field, nullptr);
            field->setProperty("text", QString());
            ASSERT_TRUE(ui->commitText(field, text));
        }
        QQmlExpression save(qmlContext(dialog), dialog, QStringLiteral("standardButton(Dialog.Save)"));
        ASSERT_TRUE(ui->click(qobject_cast<QQuickItem *>(save.evaluate().value<QObject *>())));
        ASSERT_TRUE(ui->waitForPopup(dialog, false));
    }

    void saveShots(const QString &name)
    {
        const QString shots = qEnvironmentVariable("ONSITE_APP_SHOTS");
        if (shots.isEmpty())
            return;
        const QSize original = app->window()->size();
        for (const QSize size : {QSize(1280, 800), QSize(800, 1280)}) {
            app->window()->resize(size);
            waitUntil([] { return false; }, 600); // let the layout settle
            app->window()->grabWindow().save(
                QDir(shots).filePath(QStringLiteral("%1-%2x%3.png").arg(name).arg(size.width()).arg(size.height())));
        }
        app->window()->resize(original);
        waitUntil([] { return false; }, 300);
    }

    QVariantMap record(const char *list, int index) const
    {
        return prop(visit(), list).toList().value(index).toMap();
    }

    std::unique_ptr<ApiClient> reader;
};

// A refused sign-in keeps what was typed in 账号: the field was bound to the session and
// emptied after every failed attempt.
TEST_F(AppNotes, AFailedSignInKeepsTheAccountTyped)
{
    ASSERT_TRUE(ui->typeText(ui->waitForItem(QStringLiteral("serverField")), hq->baseUrl()));
    ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("accountField")), kAccount));
    ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("passwordField")), QStringLiteral("not-the-password")));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("signInButton"))));
    QObject *session = ui->object(QStringLiteral("session"));
    ASSERT_TRUE(waitUntil([&] {
        return !prop(session, "busy").toBool() && !prop(session, "error").toString().isEmpty();
    }));
    EXPECT_FALSE(prop(session, "signedIn").toBool());
    EXPECT_EQ(ui->item(QStringLiteral("accountField"))->property("text").toString(), kAccount);
}

TEST_F(AppNotes, EditsAndDeletesReachHqAndStopOnceTheUnitIsSubmitted)
{
    ASSERT_NO_FATAL_FAILURE(signInAndOpenDc01());

    // A finding and a highlight, synced.
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("findingButton"))));
    ASSERT_NO_FATAL_FAILURE(fillAndSave(QStringLiteral("台账缺少三月份记录"), QStringLiteral("补齐台账")));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("highlightButton"))));
    ASSERT_NO_FATAL_FAILURE(fillAndSave(QStringLiteral("党员积分制"), QStringLiteral("按月公示积分")));
    ASSERT_TRUE(waitUntil([&] {
        return prop(visit(), "findings").toList().size() == 1 && prop(visit(), "highlights").toList().size() == 1;
    })) << str(prop(visit(), "message").toString());
    const QString findingId = record("findings", 0).value(QStringLiteral("id")).toString();
    const QString highlightId = record("highlights", 0).value(QStringLiteral("id")).toString();
    EXPECT_TRUE(record("findings", 0).value(QStringLiteral("mine")).toBool());
    // Offline, both wait on the tablet and the bar says so (ONSITE_APP_SHOTS=DIR saves
    // the screens for docs/screenshots).
    app->setNetworkUp(false);
    ASSERT_TRUE(waitUntil([&] { return !prop(syncStatus(), "online").toBool(); }));
    EXPECT_EQ(prop(syncStatus(), "pendingChanges").toInt(), 2);
    saveShots(QStringLiteral("app-offline"));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("syncDetailsButton"))));
    QQuickItem *networkState = ui->waitForItem(QStringLiteral("networkState"));
    ASSERT_NE(networkState, nullptr);
    EXPECT_TRUE(prop(networkState, "text").toString().startsWith(QStringLiteral("离线")));
    saveShots(QStringLiteral("app-offline-sync"));
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("backButton"))));
    ASSERT_NE(ui->waitForItem(QStringLiteral("findingButton")), nullptr);
    app->setNetworkUp(true);

    ASSERT_NO_FATAL_FAILURE(syncNow());
    ASSERT_EQ(recordsAtHq(*reader, QStringLiteral("finding")).count(findingId), 1u);
    ASSERT_EQ(recordsAtHq(*reader, QStringLiteral("highlight")).count(highlightId), 1u);

    // 修改 opens the dialog with what the finding holds; the change is saved under its id.
    QQuickItem *findingRow = ui->waitForItem(QStringLiteral("finding:") + findingId);
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("editButton"), findingRow)));
    QObject *dialog = ui->object(QStringLiteral("findingDialog"));
    ASSERT_TRUE(ui->waitForPopup(dialog, true));
    EXPECT_EQ(prop(dialog, "editId").toString(), findingId);
    EXPECT_EQ(prop(ui->item(QStringLiteral("findingDescription"), dialog), "text").toString(),
              QStringLiteral("台账缺少三月份记录"));
    ASSERT_NO_FATAL_FAILURE(fillAndSave(QStringLiteral("台账缺少三月和四月的记录"), QStringLiteral("补齐并签字")));
    ASSERT_TRUE(waitUntil([&] {
        return record("findings", 0).value(QStringLiteral("description")).toString() == QStringLiteral("台账缺少三月和四月的记录");
    })) << str(prop(visit(), "message").toString());
    EXPECT_EQ(prop(visit(), "findings").toList().size(), 1) << "a change must not add a second finding";

    // 删除 asks first; the highlight goes away here and, after sync, at HQ.
    QQuickItem *highlightRow = ui->waitForItem(QStringLiteral("highlight:") + highlightId);
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("deleteButton"), highlightRow)));
    QObject *confirm = ui->object(QStringLiteral("deleteConfirm"));
    ASSERT_TRUE(ui->waitForPopup(confirm, true));
    QQmlExpression discard(qmlContext(confirm), confirm, QStringLiteral("standardButton(Dialog.Discard)"));
    ASSERT_TRUE(ui->click(qobject_cast<QQuickItem *>(discard.evaluate().value<QObject *>())));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "highlights").toList().isEmpty(); }))
        << str(prop(visit(), "message").toString());
    ASSERT_NO_FATAL_FAILURE(syncNow());
    const auto findings = recordsAtHq(*reader, QStringLiteral("finding"));
    ASSERT_EQ(findings.count(findingId), 1u);
    EXPECT_EQ(findings.at(findingId).value(QStringLiteral("description")).toString(), QStringLiteral("台账缺少三月和四月的记录"));
    EXPECT_EQ(findings.at(findingId).value(QStringLiteral("suggestion")).toString(), QStringLiteral("补齐并签字"));
    EXPECT_EQ(recordsAtHq(*reader, QStringLiteral("highlight")).count(highlightId), 0u) << "the tombstone did not reach HQ";

    // A second finding, deleted after it reached HQ: gone at HQ too.
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("findingButton"))));
    ASSERT_NO_FATAL_FAILURE(fillAndSave(QStringLiteral("制度牌过时"), QStringLiteral("更新上墙")));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "findings").toList().size() == 2; }));
    const QString secondId = record("findings", 1).value(QStringLiteral("id")).toString();
    ASSERT_NO_FATAL_FAILURE(syncNow());
    ASSERT_EQ(recordsAtHq(*reader, QStringLiteral("finding")).count(secondId), 1u);
    bool deleted = false;
    ASSERT_TRUE(QMetaObject::invokeMethod(visit(), "deleteFinding", Q_RETURN_ARG(bool, deleted), Q_ARG(QString, secondId)));
    EXPECT_TRUE(deleted) << str(prop(visit(), "message").toString());
    ASSERT_NO_FATAL_FAILURE(syncNow());
    EXPECT_EQ(recordsAtHq(*reader, QStringLiteral("finding")).count(secondId), 0u);
    EXPECT_EQ(recordsAtHq(*reader, QStringLiteral("finding")).count(findingId), 1u);

    // The leader gives every item of DC a final value and submits the unit elsewhere.
    {
        ApiClient leader(hq->baseUrl());
        ASSERT_EQ(leader.login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                               QStringLiteral("dev-desk")).status, 200);
        QJsonArray mutations;
        const QStringList items = QStringLiteral("1.1 1.2 1.3 1.4 2.1 2.2 2.3 2.4 2.5 3.1 3.2 3.3 4.1 4.2 4.3 5.1 5.2 5.3 "
                                                 "6.1 6.2 7.1").split(QLatin1Char(' '));
        auto clock = [](int n) { return QStringLiteral("%1-00000").arg(1000 + n, 13, 10, QLatin1Char('0')); };
        for (int i = 0; i < items.size(); ++i)
            mutations.append(QJsonObject{
                {QStringLiteral("seq"), i + 1}, {QStringLiteral("entity"), QStringLiteral("score")},
                {QStringLiteral("id"), QStringLiteral("final-%1").arg(items[i])}, {QStringLiteral("op"), QStringLiteral("upsert")},
                {QStringLiteral("hlc"), clock(i)},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("indicator"), items[i]},
                             {QStringLiteral("account"), QStringLiteral("g1.li")}, {QStringLiteral("kind"), QStringLiteral("final")},
                             {QStringLiteral("input"), items[i] == QLatin1String("7.1") ? QStringLiteral("否") : QStringLiteral("1")},
                             {QStringLiteral("reason"), QStringLiteral("组长现场核实")},
                             {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}}}});
        mutations.append(QJsonObject{
            {QStringLiteral("seq"), items.size() + 1}, {QStringLiteral("entity"), QStringLiteral("submission")},
            {QStringLiteral("id"), QStringLiteral("sub-dc")}, {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("hlc"), clock(100)},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("unit"), QStringLiteral("DC")}, {QStringLiteral("locked"), true},
                                                 {QStringLiteral("account"), QStringLiteral("g1.li")},
                                                 {QStringLiteral("changed_at"), QStringLiteral("2026-06-20T09:00:00.000Z")},
                                                 {QStringLiteral("note"), QString()}}}});
        const ApiReply push = leader.post(QStringLiteral("/api/v1/sync/push"),
                                          QJsonObject{{QStringLiteral("device_id"), QStringLiteral("dev-desk")},
                                                      {QStringLiteral("mutations"), mutations}});
        ASSERT_EQ(push.status, 200) << push.body.toStdString();
        const QJsonArray results = push.json.value(QStringLiteral("results")).toArray();
        ASSERT_EQ(results.last().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
            << push.body.toStdString();
    }

    // The tablet learns of it: no 修改/删除 any more, and a delete is refused with the reason.
    ASSERT_NO_FATAL_FAILURE(syncNow());
    QMetaObject::invokeMethod(visit(), "reload"); // the visit page reads the unit again when shown
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "submitted").toBool(); }));
    findingRow = ui->waitForItem(QStringLiteral("finding:") + findingId);
    ASSERT_NE(findingRow, nullptr);
    EXPECT_EQ(ui->item(QStringLiteral("deleteButton"), findingRow), nullptr) << "删除 is still offered after submission";
    deleted = true;
    ASSERT_TRUE(QMetaObject::invokeMethod(visit(), "deleteFinding", Q_RETURN_ARG(bool, deleted), Q_ARG(QString, findingId)));
    EXPECT_FALSE(deleted);
    EXPECT_TRUE(prop(visit(), "message").toString().contains(QStringLiteral("提交锁定"))) << str(prop(visit(), "message").toString());
    EXPECT_EQ(prop(visit(), "findings").toList().size(), 1);

    // HQ refuses the tombstone too (a device that missed the submission sends one).
    const ApiReply late = reader->post(
        QStringLiteral("/api/v1/sync/push"),
        QJsonObject{{QStringLiteral("device_id"), QStringLiteral("dev-reader")},
                    {QStringLiteral("mutations"),
                     QJsonArray{QJsonObject{{QStringLiteral("seq"), 1}, {QStringLiteral("entity"), QStringLiteral("finding")},
                                            {QStringLiteral("id"), findingId}, {QStringLiteral("op"), QStringLiteral("delete")},
                                            {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(QDateTime::currentMSecsSinceEpoch(), 13, 10, QLatin1Char('0'))},
                                            {QStringLiteral("data"), QJsonObject{}}}}}});
    ASSERT_EQ(late.status, 200) << late.body.toStdString();
    const QJsonObject result = late.json.value(QStringLiteral("results")).toArray().first().toObject();
    EXPECT_EQ(result.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(result.value(QStringLiteral("reason")).toString(), QStringLiteral("unit_locked"));
    EXPECT_EQ(recordsAtHq(*reader, QStringLiteral("finding")).count(findingId), 1u) << "HQ deleted a submitted finding";
}


// A mistaken check-in is withdrawn on the tablet (撤销签到, confirmed): it goes away here
// and, after sync, at HQ. A check-in that photos already name stays: refused with the
// reason, on the tablet.
TEST_F(AppNotes, AMistakenCheckInIsWithdrawnUntilPhotosNameIt)
{
    ASSERT_NO_FATAL_FAILURE(signInAndOpenDc01());
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("checkInButton"))));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "checkedIn").toBool(); })) << str(prop(visit(), "message").toString());
    ASSERT_NO_FATAL_FAILURE(syncNow());
    const auto visitsBefore = recordsAtHq(*reader, QStringLiteral("visit"));
    ASSERT_EQ(visitsBefore.size(), 1u);
    const QString visitId = visitsBefore.begin()->first;

    ASSERT_TRUE(ui->click(ui->waitForItem(QStringLiteral("withdrawCheckInButton"))));
    QObject *confirm = ui->object(QStringLiteral("withdrawConfirm"));
    ASSERT_TRUE(ui->waitForPopup(confirm, true));
    QQmlExpression discard(qmlContext(confirm), confirm, QStringLiteral("standardButton(Dialog.Discard)"));
    ASSERT_TRUE(ui->click(qobject_cast<QQuickItem *>(discard.evaluate().value<QObject *>())));
    ASSERT_TRUE(waitUntil([&] { return !prop(visit(), "checkedIn").toBool(); })) << str(prop(visit(), "message").toString());
    ASSERT_NO_FATAL_FAILURE(syncNow());
    EXPECT_EQ(recordsAtHq(*reader, QStringLiteral("visit")).count(visitId), 0u) << "the withdrawal did not reach HQ";

    // Checked in again, with a photo of this visit: the check-in is evidence now.
    ASSERT_TRUE(ui->click(ui->item(QStringLiteral("checkInButton"))));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "checkedIn").toBool(); }));
    QMetaObject::invokeMethod(visit(), "takePhoto", Q_ARG(QString, QString()));
    ASSERT_TRUE(waitUntil([&] { return prop(visit(), "photos").toList().size() == 1; })) << str(prop(visit(), "message").toString());
    bool withdrawn = true;
    ASSERT_TRUE(QMetaObject::invokeMethod(visit(), "deleteVisit", Q_RETURN_ARG(bool, withdrawn)));
    EXPECT_FALSE(withdrawn);
    EXPECT_TRUE(prop(visit(), "checkedIn").toBool());
    EXPECT_FALSE(prop(visit(), "message").toString().isEmpty());
}

// A liaison on the tablet meets the notice that their work is in the browser console
// (made only for such accounts, not for every start), and no unit to assess.
class AppConsoleNotice : public AppFixture
{
protected:
    void signIn(const QString &account)
    {
        ASSERT_TRUE(ui->typeText(ui->waitForItem(QStringLiteral("serverField")), hq->baseUrl()));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("accountField")), account));
        ASSERT_TRUE(ui->typeText(ui->item(QStringLiteral("passwordField")), HqProcess::passwordOf(account)));
        ASSERT_TRUE(ui->click(ui->item(QStringLiteral("signInButton"))));
    }
};

TEST_F(AppConsoleNotice, ALiaisonSignedInOnTheTabletIsSentToTheConsole)
{
    ASSERT_NO_FATAL_FAILURE(signIn(QStringLiteral("dc.liaison")));
    QQuickItem *title = ui->waitForItem(QStringLiteral("consoleNoticeTitle"));
    ASSERT_NE(title, nullptr);
    EXPECT_TRUE(title->property("text").toString().contains(QStringLiteral("网页控制台")))
        << title->property("text").toString().toStdString();
}

// An inspector's home page has no console notice at all, not even a hidden one: made for
// every account, it cost a tenth of the app's start.
TEST_F(AppConsoleNotice, AnInspectorsHomePageDoesNotMakeTheNotice)
{
    ASSERT_NO_FATAL_FAILURE(signIn(QStringLiteral("g1.zhang")));
    ASSERT_NE(ui->waitForItem(QStringLiteral("unit:DC")), nullptr);
    EXPECT_EQ(ui->object(QStringLiteral("consoleNoticeTitle")), nullptr) << "made, though hidden";
}

} // namespace
} // namespace onsite::test
