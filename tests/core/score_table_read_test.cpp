// HQ reads a large score table in two halves on two connections at once. Scores keep
// being replaced while it reads (a device's edit deletes the row and inserts it again,
// at a higher rowid, so in the other half): every read must hold each score exactly
// once, as one moment of the table.
#include "import/campaignimporter.h"
#include "import/paperscoreimporter.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace onsite {
namespace {

QString keyOf(const ScoreTable &table, std::size_t position)
{
    const ScoreTable::Row &r = table.row(position);
    return table.units()[r.unit] + u'|' + table.indicators()[r.indicator] + u'|' + table.accounts()[r.account] + u'|' +
           (table.kind(position) == ScoreKind::Final ? u'F' : u'R');
}

TEST(ScoreTableRead, EveryScoreOnceWhileScoresAreReplacedDuringTheSplitRead)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = QDir(dir.path()).filePath(QStringLiteral("hq.sqlite"));
    SqliteConnection db(path);
    migrateSchema(db);
    CampaignStore store(db);
    CampaignSetup setup = CampaignImporter::importFolder(test::sampleCampaignDir());
    setup.indexUnits();
    store.saveSetup(setup);
    store.addScores(PaperScoreImporter(setup, {}).importFile(test::samplePath(QStringLiteral("scores-paper.csv"))));
    // Far up, so the table is read in halves (from rowid 200,000) with rows in both.
    db.execute(QStringLiteral("UPDATE score_entries SET rowid = rowid + 400000 WHERE rowid % 2 = 0"));
    const std::size_t expected =
        static_cast<std::size_t>(db.query(QStringLiteral("SELECT COUNT(*) FROM score_entries")).front().value(0).toLongLong());
    ASSERT_GT(expected, 500u);
    ASSERT_TRUE(db.hasSnapshotReaders());

    std::atomic<bool> stop{false};
    std::atomic<int> replaced{0};
    std::thread writer([&] {
        SqliteConnection edits(path);
        edits.execute(QStringLiteral("PRAGMA synchronous = OFF")); // many commits; durability is not tested here
        std::vector<QString> ids;
        for (const SqlRow &row : edits.query(QStringLiteral("SELECT id FROM score_entries ORDER BY rowid")))
            ids.push_back(row.value(0).toString());
        for (std::size_t i = 0; !stop; i = (i + 7) % ids.size()) {
            // From the lowest rowid, seven apart: a replaced row moves to the end of the table.
            const QString fresh = QStringLiteral("re-%1").arg(replaced.load());
            edits.begin();
            edits.execute(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS moving AS SELECT * FROM score_entries WHERE 0"));
            edits.execute(QStringLiteral("DELETE FROM moving"));
            edits.execute(QStringLiteral("INSERT INTO moving SELECT * FROM score_entries WHERE id = ?"), {ids[i]});
            edits.execute(QStringLiteral("DELETE FROM score_entries WHERE id = ?"), {ids[i]});
            edits.execute(QStringLiteral("UPDATE moving SET id = ?"), {fresh});
            edits.execute(QStringLiteral("INSERT INTO score_entries SELECT * FROM moving"));
            edits.commit();
            ids[i] = fresh;
            ++replaced;
            std::this_thread::sleep_for(std::chrono::microseconds(300)); // a busy HQ, not a flood
        }
    });

    // A failed assertion returns early: the writer still stops before the test ends.
    struct StopWriter
    {
        std::atomic<bool> &stop;
        std::thread &writer;
        ~StopWriter()
        {
            stop = true;
            if (writer.joinable())
                writer.join();
        }
    } stopWriter{stop, writer};

    int reads = 0;
    for (; reads < 40 || replaced < 200; ++reads) {
        const ScoreTable table = store.loadScoreTable();
        ASSERT_EQ(table.size(), expected) << "read " << reads << " after " << replaced << " replacements";
        QSet<QString> keys;
        for (std::size_t p = 0; p < table.size(); ++p)
            keys.insert(keyOf(table, p));
        ASSERT_EQ(static_cast<std::size_t>(keys.size()), expected) << "a score twice in read " << reads;
        if (reads > 2000)
            break; // the writer is stuck: the count below fails
    }
    EXPECT_GE(replaced, 200) << "the reads overlapped the replacements";
}

} // namespace
} // namespace onsite
