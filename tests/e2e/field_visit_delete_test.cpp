// A visit deleted on the tablet (onsite-field delete visit): the device refuses what HQ
// would refuse (another's visit, a visit with photos, a submitted unit) before anything
// is queued; the author's delete is pushed as a tombstone through the real onsite-hq, which
// drops the visit and carries the delete to the group's other devices.
#include "consolefixture.h"
#include "consolerecords.h"
#include "fielddevice.h"

#include "store/filesecurestore.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

namespace onsite::test {
namespace {

class FieldVisitDelete : public ConsoleEndToEnd
{
protected:
    void signInDevice(FieldDevice &device, const QString &account)
    {
        const FieldRun login = device.login(hq->baseUrl(), account);
        ASSERT_EQ(login.exitCode, 0) << login.output.toStdString();
    }
    // Checks in at the site and returns the visit's id as onsite-field printed it.
    static QString checkIn(FieldDevice &device, const QString &site)
    {
        const FieldRun run = device.run(
            {QStringLiteral("visit"), site, QStringLiteral("--notes"), QStringLiteral("查看台账")});
        EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
        return QRegularExpression(QStringLiteral("记录编号 ([0-9a-f-]{36})"))
            .match(run.output)
            .captured(1);
    }
    static void sync(FieldDevice &device)
    {
        const FieldRun run = device.run({QStringLiteral("sync")});
        ASSERT_EQ(run.exitCode, 0) << run.output.toStdString();
    }
    // The visit ids a device folder holds, read from its encrypted database.
    static QStringList visitsOn(const FieldDevice &device)
    {
        const QDir dir(device.folder());
        const auto key = FileSecureStore(dir.filePath(QStringLiteral("secrets")))
                             .load(QStringLiteral("device-key"), nullptr);
        SqliteConnection db(dir.filePath(QStringLiteral("device.sqlite")),
                            key.value_or(QByteArray()));
        QStringList ids;
        for (const SqlRow &row : db.query(QStringLiteral("SELECT id FROM visits ORDER BY id")))
            ids << row[0].toString();
        return ids;
    }
    QStringList visitsAtHq()
    {
        QStringList ids;
        for (const SqlRow &row :
             database()->query(QStringLiteral("SELECT id FROM visits ORDER BY id")))
            ids << row[0].toString();
        return ids;
    }
};

TEST_P(FieldVisitDelete, TheAuthorsDeleteReachesHqAndTheGroupsOtherDevice)
{
    FieldDevice li(QStringLiteral("li")), zhang(QStringLiteral("zhang"));
    signInDevice(li, QStringLiteral("g1.li"));
    signInDevice(zhang, QStringLiteral("g1.zhang"));
    const QString visit = checkIn(li, QStringLiteral("DC-01"));
    ASSERT_FALSE(visit.isEmpty());
    sync(li);
    sync(zhang);
    ASSERT_EQ(visitsAtHq(), QStringList{visit});
    ASSERT_EQ(visitsOn(zhang), QStringList{visit});

    // A teammate may not delete it: refused on the tablet, nothing queued.
    const FieldRun teammate = zhang.run({QStringLiteral("delete"), QStringLiteral("visit"), visit});
    EXPECT_EQ(teammate.exitCode, 1);
    EXPECT_TRUE(teammate.output.contains(QStringLiteral("只能修改或删除本人")))
        << teammate.output.toStdString();
    EXPECT_TRUE(
        zhang.run({QStringLiteral("status")}).output.contains(QStringLiteral("待同步更改：0")));

    // The author deletes it offline; it is gone on the tablet at once and waits as a delete.
    const FieldRun removed = li.run({QStringLiteral("delete"), QStringLiteral("visit"), visit});
    ASSERT_EQ(removed.exitCode, 0) << removed.output.toStdString();
    EXPECT_TRUE(visitsOn(li).isEmpty());
    EXPECT_TRUE(
        li.run({QStringLiteral("status")}).output.contains(QStringLiteral("待同步更改：1")));
    EXPECT_EQ(visitsAtHq(), QStringList{visit}) << "HQ hears of it only at the sync";

    sync(li);
    EXPECT_TRUE(visitsAtHq().isEmpty());
    const auto filed =
        database()->query(QStringLiteral("SELECT unit_code, account FROM hq_changes WHERE entity = "
                                         "'visit' AND op = 'delete' AND entity_id = ?"),
                          {visit});
    ASSERT_EQ(filed.size(), 1u);
    EXPECT_EQ(filed.front()[0].toString(), QStringLiteral("DC"));
    EXPECT_EQ(filed.front()[1].toString(), QStringLiteral("g1.li"));

    sync(zhang);
    EXPECT_TRUE(visitsOn(zhang).isEmpty()) << "the second device applies the pulled delete";

    // Deleting it again: nothing left to delete.
    const FieldRun again = li.run({QStringLiteral("delete"), QStringLiteral("visit"), visit});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(again.output.contains(QStringLiteral("不存在"))) << again.output.toStdString();
}

TEST_P(FieldVisitDelete, AVisitWithPhotosOrOfASubmittedUnitStays)
{
    FieldDevice li(QStringLiteral("li"));
    signInDevice(li, QStringLiteral("g1.li"));
    const QString withPhoto = checkIn(li, QStringLiteral("DC-01"));
    const QString plain = checkIn(li, QStringLiteral("DC-01"));
    const QString photoFile = QDir(li.folder()).filePath(QStringLiteral("../evidence.jpg"));
    {
        QFile file(photoFile);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(jpegImage(32, 24, 7));
    }
    ASSERT_EQ(li.run({QStringLiteral("photo"), photoFile, QStringLiteral("--unit"),
                      QStringLiteral("DC"), QStringLiteral("--visit"), withPhoto})
                  .exitCode,
              0);
    const FieldRun photoRefused =
        li.run({QStringLiteral("delete"), QStringLiteral("visit"), withPhoto});
    EXPECT_EQ(photoRefused.exitCode, 1);
    EXPECT_TRUE(photoRefused.output.contains(QStringLiteral("已有照片")))
        << photoRefused.output.toStdString();
    const FieldRun badKind = li.run({QStringLiteral("delete"), QStringLiteral("score"), plain});
    EXPECT_EQ(badKind.exitCode, 2) << badKind.output.toStdString();
    sync(li);

    // The leader's submission of DC (made on another tablet) reaches this one: the unit's
    // visits stay, on the tablet and at HQ.
    QJsonArray mutations;
    const QStringList items = [this] {
        QStringList codes;
        for (const SqlRow &row : database()->query(
                 QStringLiteral("SELECT code FROM indicators WHERE parent_code IS NOT NULL")))
            codes << row[0].toString();
        return codes;
    }();
    for (const QString &item : items)
        mutations.append(scoreMutation(
            mutations.size() + 1, QStringLiteral("final-") + item, QStringLiteral("DC"), item,
            QStringLiteral("g1.li"),
            item == QLatin1String("7.1") ? QStringLiteral("否") : QStringLiteral("1"),
            1000 + mutations.size(), QStringLiteral("final"), QStringLiteral("现场核实")));
    mutations.append(QJsonObject{
        {QStringLiteral("seq"), mutations.size() + 1},
        {QStringLiteral("entity"), QStringLiteral("submission")},
        {QStringLiteral("id"), QStringLiteral("sub-dc")},
        {QStringLiteral("op"), QStringLiteral("upsert")},
        {QStringLiteral("hlc"), QStringLiteral("0000000009000-00000")},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("unit"), QStringLiteral("DC")},
                     {QStringLiteral("locked"), true},
                     {QStringLiteral("account"), QStringLiteral("g1.li")},
                     {QStringLiteral("changed_at"), QStringLiteral("2026-06-21T08:00:00.000Z")},
                     {QStringLiteral("note"), QString()}}}});
    pushAs(QStringLiteral("g1.li"), mutations);
    sync(li);
    const FieldRun locked = li.run({QStringLiteral("delete"), QStringLiteral("visit"), plain});
    EXPECT_EQ(locked.exitCode, 1);
    EXPECT_TRUE(locked.output.contains(QStringLiteral("提交锁定"))) << locked.output.toStdString();
    EXPECT_EQ(visitsOn(li).size(), 2);

    // HQ applies the same rule to a tombstone that comes anyway (a device of an older version).
    auto tablet = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-old"));
    const ApiReply reply = tablet->post(
        QStringLiteral("/api/v1/sync/push"),
        pushBody(QStringLiteral("dev-old"),
                 {QJsonObject{{QStringLiteral("seq"), 1},
                              {QStringLiteral("entity"), QStringLiteral("visit")},
                              {QStringLiteral("id"), plain},
                              {QStringLiteral("op"), QStringLiteral("delete")},
                              {QStringLiteral("hlc"), QStringLiteral("%1-00000")
                                                          .arg(QDateTime::currentMSecsSinceEpoch(),
                                                               13, 10, QLatin1Char('0'))}}}));
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    const QJsonObject result =
        reply.json.value(QStringLiteral("results")).toArray().first().toObject();
    EXPECT_EQ(result.value(QStringLiteral("reason")).toString(), QStringLiteral("unit_locked"))
        << reply.body.toStdString();
    EXPECT_EQ(visitsAtHq().size(), 2);
}

ONSITE_E2E_BACKENDS(FieldVisitDelete);

} // namespace
} // namespace onsite::test
