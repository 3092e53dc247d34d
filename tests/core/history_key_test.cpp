// The score history's key file, and rows from before the history had a key: an intact
// unkeyed chain is sealed into the keyed one at the upgrade, a broken one is reported.
#include "hq/hqschema.h"
#include "hq/scorehistory.h"
#include "import/campaignimporter.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace onsite {
namespace {

TEST(HistoryKey, IsCreatedOwnerOnlyOnceAndThenReadBack)
{
    QTemporaryDir dir;
    const QByteArray first = hq::historyKey(dir.path());
    EXPECT_EQ(first.size(), 32);
    struct stat info
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(hq::historyKeyPath(dir.path())).constData(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(hq::historyKey(dir.path()), first);

    QFile file(hq::historyKeyPath(dir.path()));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("short");
    file.close();
    try {
        hq::historyKey(dir.path());
        FAIL() << "a 5-byte key was accepted";
    } catch (const std::runtime_error &e) {
        EXPECT_TRUE(QString::fromUtf8(e.what()).contains(QStringLiteral("history.key")))
            << e.what();
    }
}

// A version-4 database with an unkeyed chain of two updates of one score (intact unless
// `breakOldChain`), upgraded and sealed as HQ does at start-up.
void upgradeVersion4History(SqlConnection &db, const QString &folder, bool breakOldChain)
{
    migrateSchema(db, 4);
    CampaignStore(db).saveSetup(CampaignImporter::importFolder(test::sampleCampaignDir()));
    db.execute(QStringLiteral(
        "INSERT INTO score_entries (id, unit_code, indicator_code, account, kind, input, reason, "
        "recorded_at, source, updated_at) VALUES ('s-1', 'DC', '1.4', 'g1.zhang', 'rater', '好', "
        "'', "
        "'2026-06-20T08:00:00.000Z', 'dev-z', '2026-06-20T09:00:00.000Z')"));
    QString previous(64, QLatin1Char('0'));
    const QStringList inputs{QStringLiteral("一般"), QStringLiteral("较好"), QStringLiteral("好")};
    for (int seq = 1; seq <= 2; ++seq) {
        const QString at = QStringLiteral("2026-06-20T0%1:00:00.000Z").arg(seq + 7);
        const QStringList fields{QString::number(seq),
                                 QStringLiteral("s-1"),
                                 QStringLiteral("g1.zhang"),
                                 at,
                                 inputs[seq - 1],
                                 inputs[seq],
                                 QString(),
                                 previous};
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(fields.join(QChar(0x1F)).toUtf8(), QCryptographicHash::Sha256)
                .toHex());
        db.execute(QStringLiteral("INSERT INTO score_history (seq, score_id, changed_by, "
                                  "changed_at, old_input, new_input, "
                                  "reason, previous_hash, entry_hash) VALUES (?, 's-1', "
                                  "'g1.zhang', ?, ?, ?, '', ?, ?)"),
                   {seq, at, inputs[seq - 1], inputs[seq], previous, hash});
        previous = hash;
    }
    if (breakOldChain)
        db.execute(QStringLiteral("UPDATE score_history SET new_input = '差' WHERE seq = 1"));
    hq::migrateHqDatabase(db);
    hq::sealLegacyHistory(db, folder);
}

TEST(LegacyHistory, AnIntactUnkeyedChainIsSealedIntoTheKeyedOneAtUpgrade)
{
    QTemporaryDir dir;
    SqliteConnection db(dir.filePath(QStringLiteral("hq.sqlite")));
    upgradeVersion4History(db, dir.path(), false);
    const QByteArray key = hq::historyKey(dir.path());
    hq::ScoreHistory history(db, key);
    const QJsonObject report = history.verify();
    EXPECT_TRUE(report.value(QStringLiteral("ok")).toBool())
        << report.value(QStringLiteral("first_break"))
               .toObject()
               .value(QStringLiteral("reason"))
               .toString()
               .toStdString();
    // Two old updates and a baseline holding the score's value at the upgrade.
    QStringList actions;
    for (const QJsonValue &entry : history.entries(QStringLiteral("DC"), QStringLiteral("1.4")))
        actions << entry.toObject().value(QStringLiteral("action")).toString();
    EXPECT_EQ(actions, (QStringList{QStringLiteral("update"), QStringLiteral("update"),
                                    QStringLiteral("baseline")}));
    EXPECT_EQ(report.value(QStringLiteral("entries")).toInteger(), 3);
    // Tampering after the upgrade is found like any other.
    db.execute(QStringLiteral("UPDATE score_history SET old_value = '差' WHERE seq = 1"));
    EXPECT_FALSE(history.verify().value(QStringLiteral("ok")).toBool());
}

TEST(LegacyHistory, ABrokenUnkeyedChainIsNotSealedAndIsReported)
{
    QTemporaryDir dir;
    SqliteConnection db(dir.filePath(QStringLiteral("hq.sqlite")));
    upgradeVersion4History(db, dir.path(), true);
    const QJsonObject report = hq::ScoreHistory(db, hq::historyKey(dir.path())).verify();
    EXPECT_FALSE(report.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(report.value(QStringLiteral("first_break"))
                  .toObject()
                  .value(QStringLiteral("seq"))
                  .toInteger(),
              1);
    EXPECT_TRUE(report.value(QStringLiteral("first_break"))
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("升级前")));
}

} // namespace
} // namespace onsite
