// HQ restored from an older backup loses nothing a device had acknowledged: after
// `onsite-hq after-restore` HQ has a new incarnation, every device re-sends its own
// records (HQ keeps each edit once) and pulls everything again, so the change numbers
// the restored feed hands out a second time are not skipped.
#include "consolefixture.h"
#include "consolerecords.h"
#include "fielddevice.h"

#include "store/filesecurestore.h"
#include "store/postgresconnection.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <map>

namespace onsite::test {
namespace {

using HqRestore = ConsoleEndToEnd;

const QStringList kItems{QStringLiteral("1.4"), QStringLiteral("2.4"), QStringLiteral("2.5"), QStringLiteral("4.2"),
                         QStringLiteral("5.2")};

// The device database as onsite-field opens it: encrypted, its key in the folder's secure store.
SqliteConnection openDevice(const QString &folder)
{
    const QDir dir(folder);
    const auto key = FileSecureStore(dir.filePath(QStringLiteral("secrets"))).load(QStringLiteral("device-key"), nullptr);
    return SqliteConnection(dir.filePath(QStringLiteral("device.sqlite")), key.value_or(QByteArray()));
}

// unit/item → input of one account's rater scores, in a device's or HQ's tables.
std::map<QString, QString> scoresOf(SqlConnection &db, const QString &account)
{
    std::map<QString, QString> scores;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT unit_code, indicator_code, input FROM score_entries "
                                                     "WHERE account = ? AND kind = 'rater'"),
                                      {account}))
        scores[row[0].toString() + QLatin1Char('/') + row[1].toString()] = row[2].toString();
    return scores;
}

// Until HQ accepts connections: it says "listening" as it starts to.
void waitForHq(HqProcess &hq)
{
    for (int i = 0; i < 100; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), hq.port());
        if (socket.waitForConnected(200))
            return;
        QThread::msleep(100);
    }
}

qint64 countOf(SqlConnection &db, const QString &sql, const QVariantList &params)
{
    return db.query(sql, params).front().value(0).toLongLong();
}

// The HQ database copied aside while HQ is stopped, and put back later: the SQLite file,
// or a PostgreSQL database made from it as a template.
class DatabaseBackup
{
public:
    explicit DatabaseBackup(HqProcess &hq) : m_hq(hq)
    {
        const QStringList arguments = hq.dataArguments();
        const qsizetype db = arguments.indexOf(QStringLiteral("--db"));
        if (db >= 0) {
            const QUrl url(arguments.at(db + 1));
            m_database = url.path().mid(1);
            QUrl admin = url;
            admin.setPath(QStringLiteral("/postgres"));
            m_adminUrl = admin.toString();
        }
    }
    ~DatabaseBackup()
    {
        if (!m_database.isEmpty()) {
            try {
                PostgresConnection(m_adminUrl).executeScript(
                    QStringLiteral("DROP DATABASE IF EXISTS %1_bak WITH (FORCE)").arg(m_database));
            } catch (const std::exception &) {
            }
        }
    }

    void take()
    {
        if (m_database.isEmpty()) { // the file and any WAL it still has, as they are
            const QDir folder(m_hq.dataFolder());
            for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
                QFile::remove(folder.filePath(QStringLiteral("hq.backup") + suffix));
                if (QFile::exists(folder.filePath(QStringLiteral("hq.sqlite") + suffix))) {
                    ASSERT_TRUE(QFile::copy(folder.filePath(QStringLiteral("hq.sqlite") + suffix),
                                            folder.filePath(QStringLiteral("hq.backup") + suffix)));
                }
            }
            return;
        }
        PostgresConnection(m_adminUrl).executeScript(
            QStringLiteral("CREATE DATABASE %1_bak TEMPLATE %1").arg(m_database));
    }

    void putBack()
    {
        if (m_database.isEmpty()) {
            const QDir folder(m_hq.dataFolder());
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(folder.filePath(QStringLiteral("hq.sqlite") + suffix));
            for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
                if (QFile::exists(folder.filePath(QStringLiteral("hq.backup") + suffix))) {
                    ASSERT_TRUE(QFile::copy(folder.filePath(QStringLiteral("hq.backup") + suffix),
                                            folder.filePath(QStringLiteral("hq.sqlite") + suffix)));
                }
            }
            return;
        }
        PostgresConnection admin(m_adminUrl);
        admin.executeScript(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(m_database));
        admin.executeScript(QStringLiteral("CREATE DATABASE %1 TEMPLATE %1_bak").arg(m_database));
    }

private:
    HqProcess &m_hq;
    QString m_database; // PostgreSQL: this test's database
    QString m_adminUrl;
};

TEST_P(HqRestore, NothingAcknowledgedIsLostAndNothingIsStoredTwice)
{
    const QString listen = QStringLiteral("127.0.0.1:%1").arg(hq->port());
    FieldDevice a(QStringLiteral("zhang")), b(QStringLiteral("li"));
    waitForHq(*hq);
    const FieldRun loginA = a.login(hq->baseUrl(), QStringLiteral("g1.zhang"));
    ASSERT_EQ(loginA.exitCode, 0) << loginA.output.toStdString();
    const FieldRun loginB = b.login(hq->baseUrl(), QStringLiteral("g1.li"));
    ASSERT_EQ(loginB.exitCode, 0) << loginB.output.toStdString();
    auto score = [](FieldDevice &device, const QString &unit, const QString &item, const QString &input) {
        const FieldRun run = device.run({QStringLiteral("score"), unit, item, input});
        EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
    };
    auto sync = [](FieldDevice &device) {
        const FieldRun run = device.run({QStringLiteral("sync")});
        EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
        return run.output;
    };

    // Before the backup: A scores five items of DC, B pulls them.
    for (const QString &item : kItems)
        score(a, QStringLiteral("DC"), item, QStringLiteral("好"));
    sync(a);
    sync(b);

    DatabaseBackup backup(*hq);
    hq->terminate();
    backup.take();
    hq->start({QStringLiteral("--listen"), listen});
    waitForHq(*hq);

    // After it, acknowledged by HQ and then lost with the restore: A's five BH scores and a
    // change of a DC score from before the backup; B's own SM score. B pulls A's.
    for (const QString &item : kItems)
        score(a, QStringLiteral("BH"), item, QStringLiteral("较好"));
    score(a, QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("差"));
    // A check-in with a photo: HQ's copy of the photo's upload goes with the restore.
    const FieldRun visit = a.run({QStringLiteral("visit"), QStringLiteral("DC-01"), QStringLiteral("--notes"),
                                  QStringLiteral("查看台账")});
    ASSERT_EQ(visit.exitCode, 0) << visit.output.toStdString();
    const QString visitId =
        QRegularExpression(QStringLiteral("记录编号 ([0-9a-f-]{36})")).match(visit.output).captured(1);
    const QString photoFile = QDir(a.folder()).filePath(QStringLiteral("../evidence.jpg"));
    {
        QFile file(photoFile);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(jpegImage(32, 24, 7));
    }
    const FieldRun photo = a.run({QStringLiteral("photo"), photoFile, QStringLiteral("--unit"), QStringLiteral("DC"),
                                  QStringLiteral("--visit"), visitId});
    ASSERT_EQ(photo.exitCode, 0) << photo.output.toStdString();
    sync(a);
    score(b, QStringLiteral("SM"), QStringLiteral("1.4"), QStringLiteral("一般"));
    sync(b);
    {
        auto db = database();
        ASSERT_EQ(scoresOf(*db, QStringLiteral("g1.zhang")).size(), 10u);
        ASSERT_EQ(countOf(*db, QStringLiteral("SELECT COUNT(*) FROM photos WHERE account = ?"), {QStringLiteral("g1.zhang")}), 1);
    }

    hq->terminate();
    backup.putBack();
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("after-restore")}, &out), 0) << out.toStdString();
    hq->start({QStringLiteral("--listen"), listen});
    waitForHq(*hq);
    {
        auto db = database();
        ASSERT_EQ(scoresOf(*db, QStringLiteral("g1.zhang")).size(), 5u) << "the restore should have lost A's later scores";
        ASSERT_EQ(countOf(*db, QStringLiteral("SELECT COUNT(*) FROM hq_photo_uploaders WHERE account = ?"),
                          {QStringLiteral("g1.zhang")}),
                  0);
    }
    // Without the fix B's cursor lies past the restored feed: this new change takes a
    // number B already pulled once.
    score(a, QStringLiteral("SM"), QStringLiteral("2.4"), QStringLiteral("一般"));

    const QString firstSync = sync(a);
    EXPECT_TRUE(firstSync.contains(QStringLiteral("总部数据已从备份恢复"))) << firstSync.toStdString();
    const QString bSync = sync(b);
    EXPECT_TRUE(bSync.contains(QStringLiteral("总部数据已从备份恢复"))) << bSync.toStdString();
    sync(a);
    sync(b);
    const FieldRun status = a.run({QStringLiteral("status")});
    EXPECT_TRUE(status.output.contains(QStringLiteral("待同步更改：0"))) << status.output.toStdString();

    std::map<QString, QString> expected;
    for (const QString &item : kItems) {
        expected[QStringLiteral("DC/") + item] = QStringLiteral("好");
        expected[QStringLiteral("BH/") + item] = QStringLiteral("较好");
    }
    expected[QStringLiteral("DC/1.4")] = QStringLiteral("差");
    expected[QStringLiteral("SM/2.4")] = QStringLiteral("一般");

    auto db = database();
    EXPECT_EQ(scoresOf(*db, QStringLiteral("g1.zhang")), expected);
    EXPECT_EQ(scoresOf(*db, QStringLiteral("g1.li")),
              (std::map<QString, QString>{{QStringLiteral("SM/1.4"), QStringLiteral("一般")}}));
    // Each of A's twelve edits is in the feed and the history exactly once: five before the
    // backup (kept), six re-sent, one new; the five DC scores HQ still held were not applied again.
    const QString feed = QStringLiteral("SELECT COUNT(*) FROM hq_changes WHERE entity = 'score' AND account = ?");
    const QString history = QStringLiteral("SELECT COUNT(*) FROM score_history WHERE entity = 'score' AND account = ?");
    EXPECT_EQ(countOf(*db, feed, {QStringLiteral("g1.zhang")}), 12);
    EXPECT_EQ(countOf(*db, history, {QStringLiteral("g1.zhang")}), 12);
    EXPECT_EQ(countOf(*db, feed, {QStringLiteral("g1.li")}), 1);
    EXPECT_EQ(countOf(*db, QStringLiteral("SELECT COUNT(*) FROM hq_conflicts"), {}), 0);
    // The visit and the photo are back once each, the photo's content sent again by A.
    const QString records = QStringLiteral("SELECT COUNT(*) FROM hq_changes WHERE entity = ? AND account = ?");
    EXPECT_EQ(countOf(*db, records, {QStringLiteral("visit"), QStringLiteral("g1.zhang")}), 1);
    EXPECT_EQ(countOf(*db, records, {QStringLiteral("photo"), QStringLiteral("g1.zhang")}), 1);
    EXPECT_EQ(countOf(*db, QStringLiteral("SELECT COUNT(*) FROM photos p JOIN hq_photo_uploaders u ON u.sha256 = p.sha256 "
                                          "AND u.account = p.account WHERE p.visit_id = ?"),
                      {visitId}),
              1);
    ASSERT_EQ(hq->admin({QStringLiteral("verify-history")}, &out), 0) << out.toStdString();

    // Both devices hold everything, the change made after the restore included.
    SqliteConnection deviceA = openDevice(a.folder());
    SqliteConnection deviceB = openDevice(b.folder());
    EXPECT_EQ(scoresOf(deviceB, QStringLiteral("g1.zhang")), expected);
    EXPECT_EQ(scoresOf(deviceA, QStringLiteral("g1.zhang")), expected);
    EXPECT_EQ(countOf(deviceB, QStringLiteral("SELECT COUNT(*) FROM photos WHERE visit_id = ?"), {visitId}), 1);
    EXPECT_EQ(scoresOf(deviceA, QStringLiteral("g1.li")),
              (std::map<QString, QString>{{QStringLiteral("SM/1.4"), QStringLiteral("一般")}}));
}

// An HQ restored without `after-restore` keeps its incarnation: devices see nothing new
// and carry on as before (no reset, no re-sending), as with an HQ from before incarnations.
TEST_P(HqRestore, TheIncarnationChangesOnlyWithAfterRestore)
{
    auto before = database();
    const QString first = before->query(QStringLiteral("SELECT incarnation FROM hq_incarnation")).front()[0].toString();
    before.reset();
    EXPECT_EQ(first.size(), 36);
    hq->terminate();
    QString out;
    EXPECT_EQ(hq->admin({QStringLiteral("verify-history")}, &out), 0) << out.toStdString();
    auto same = database();
    EXPECT_EQ(same->query(QStringLiteral("SELECT incarnation FROM hq_incarnation")).front()[0].toString(), first);
    same.reset();
    ASSERT_EQ(hq->admin({QStringLiteral("after-restore")}, &out), 0) << out.toStdString();
    auto after = database();
    const QString second = after->query(QStringLiteral("SELECT incarnation FROM hq_incarnation")).front()[0].toString();
    EXPECT_NE(second, first);
    EXPECT_TRUE(out.contains(second)) << out.toStdString();
    EXPECT_EQ(hq->admin({QStringLiteral("after-restore"), QStringLiteral("extra")}, &out), 2);
}

ONSITE_E2E_BACKENDS(HqRestore);

} // namespace
} // namespace onsite::test
