// HQ's kept results (hq/resultscache.h): after any mix of writes the document is the
// one a computation from scratch gives, while only the units whose scores changed are
// computed again; a second cache on the same database (another HQ process) follows.
#include "hq/hqschema.h"
#include "hq/hqwriter.h"
#include "hq/resultscache.h"
#include "hq/resultsjson.h"
#include "import/campaignimporter.h"
#include "import/paperscoreimporter.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace onsite {
namespace {

const QByteArray kKey(32, 'k');

const CampaignSetup &sample()
{
    static const CampaignSetup setup = [] {
        CampaignSetup loaded = CampaignImporter::importFolder(test::sampleCampaignDir());
        loaded.indexUnits();
        return loaded;
    }();
    return setup;
}

QJsonObject scoreData(const QString &unit, const QString &item, const QString &account, const QString &input,
                      const QString &kind = QStringLiteral("rater"))
{
    return {{QStringLiteral("unit"), unit},     {QStringLiteral("indicator"), item},
            {QStringLiteral("account"), account}, {QStringLiteral("kind"), kind},
            {QStringLiteral("input"), input},   {QStringLiteral("reason"), kind == QLatin1String("final") ? QStringLiteral("复核") : QString()},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}};
}

class ResultsCacheTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        db = std::make_unique<SqliteConnection>(dir.filePath(QStringLiteral("hq.sqlite")));
        hq::migrateHqDatabase(*db);
        CampaignStore(*db).saveSetup(sample());
        const auto paper =
            PaperScoreImporter(sample(), {}).importFile(test::samplePath(QStringLiteral("scores-paper.csv")));
        ASSERT_FALSE(paper.empty());
        write(hq::HqWriter::scoreChanges(paper), hq::HqWriter::kPaperOrigin);
    }

    void write(const std::vector<hq::HqChange> &changes, const QString &origin = hq::HqWriter::kHqOrigin)
    {
        const auto refusal = hq::HqWriter(*db, sample(), kKey, origin).write(changes, QDateTime::currentDateTimeUtc());
        ASSERT_FALSE(refusal) << refusal->result.message.toStdString();
    }

    QByteArray fresh() { return bytes(hq::currentResultsJson(*db, sample())); }
    static QByteArray bytes(const QJsonObject &document) { return QJsonDocument(document).toJson(QJsonDocument::Compact); }

    QTemporaryDir dir;
    std::unique_ptr<SqlConnection> db;
};

TEST_F(ResultsCacheTest, FirstCallComputesEveryUnitAndAnUnchangedFeedNone)
{
    hq::ResultsCache cache;
    EXPECT_EQ(bytes(cache.currentJson(*db, sample())), fresh());
    EXPECT_EQ(cache.lastRefresh().unitsRecomputed, static_cast<int>(sample().units.size()));
    EXPECT_EQ(bytes(cache.currentJson(*db, sample())), fresh());
    EXPECT_EQ(cache.lastRefresh().unitsRecomputed, 0);
}

TEST_F(ResultsCacheTest, TheServedBytesAreWhatQtWritesForTheDocument)
{
    hq::ResultsCache cache;
    EXPECT_EQ(cache.currentJsonBytes(*db, sample()), fresh());
    // A view with some units only: the same units' objects, by rank, as in the document.
    QStringList warnings;
    const QByteArray some = cache.unitsJson(
        *db, sample(), [](const QString &unit) { return unit != QLatin1String("DC"); }, &warnings);
    QJsonArray expected;
    for (const QJsonValue &unit : hq::currentResultsJson(*db, sample()).value(QStringLiteral("units")).toArray()) {
        if (unit.toObject().value(QStringLiteral("unit")).toString() != QLatin1String("DC"))
            expected.append(unit);
    }
    EXPECT_EQ(some, QJsonDocument(expected).toJson(QJsonDocument::Compact));
    EXPECT_EQ(expected.size() + 1, static_cast<qsizetype>(sample().units.size()));
}

TEST_F(ResultsCacheTest, AWriteRecomputesOnlyItsUnitAndRanksMove)
{
    hq::ResultsCache cache;
    const QJsonObject before = cache.currentJson(*db, sample());
    // A final value of 0 on an item of the unit ranked first moves it down.
    const QJsonObject first = before.value(QStringLiteral("units")).toArray().first().toObject();
    const QString unit = first.value(QStringLiteral("unit")).toString();
    const QString item = first.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("indicator")).toString();
    write({{QStringLiteral("kpb.admin"), protocol::entity::kScore, QStringLiteral("final-1"), protocol::op::kUpsert,
            scoreData(unit, item, QStringLiteral("kpb.admin"), QStringLiteral("0"), QStringLiteral("final"))}});

    const QByteArray after = bytes(cache.currentJson(*db, sample()));
    EXPECT_EQ(cache.lastRefresh().unitsRecomputed, 1);
    EXPECT_EQ(after, fresh());
    EXPECT_NE(after, bytes(before)) << "the final value changed the unit's total";

    // Deleting it brings the first results back, again for that unit only.
    write({{QStringLiteral("kpb.admin"), protocol::entity::kScore, QStringLiteral("final-1"), protocol::op::kDelete, {}}});
    EXPECT_EQ(bytes(cache.currentJson(*db, sample())), bytes(before));
    EXPECT_EQ(cache.lastRefresh().unitsRecomputed, 1);
}

TEST_F(ResultsCacheTest, ASubmissionRecomputesNoUnitButShowsAtOnce)
{
    hq::ResultsCache cache;
    cache.currentJson(*db, sample());
    write({{QStringLiteral("g1.li"), protocol::entity::kSubmission, QStringLiteral("sub-dc"), protocol::op::kUpsert,
            {{QStringLiteral("unit"), QStringLiteral("DC")},
             {QStringLiteral("locked"), true},
             {QStringLiteral("account"), QStringLiteral("g1.li")},
             {QStringLiteral("changed_at"), QStringLiteral("2026-06-21T08:00:00.000Z")},
             {QStringLiteral("note"), QString()}}}});
    const QJsonObject after = cache.currentJson(*db, sample());
    EXPECT_EQ(cache.lastRefresh().unitsRecomputed, 0);
    EXPECT_EQ(bytes(after), fresh());
    bool dcSubmitted = false;
    for (const QJsonValue &value : after.value(QStringLiteral("units")).toArray()) {
        if (value.toObject().value(QStringLiteral("unit")).toString() == QLatin1String("DC"))
            dcSubmitted = value.toObject().value(QStringLiteral("submitted")).toBool();
    }
    EXPECT_TRUE(dcSubmitted);
}

TEST_F(ResultsCacheTest, AnotherProcessWritingOnTheSameDatabaseIsSeen)
{
    hq::ResultsCache cache;
    const QByteArray before = bytes(cache.currentJson(*db, sample()));
    {
        // Another HQ process: its own connection and its own writes.
        SqliteConnection other(dir.filePath(QStringLiteral("hq.sqlite")));
        const auto refusal = hq::HqWriter(other, sample(), kKey, hq::HqWriter::kHqOrigin)
                                 .write({{QStringLiteral("kpb.admin"), protocol::entity::kScore, QStringLiteral("final-2"),
                                          protocol::op::kUpsert,
                                          scoreData(QStringLiteral("QS"), sample().itemsOf(sample().indicators.front().code)
                                                                              .front()->code,
                                                    QStringLiteral("kpb.admin"), QStringLiteral("0"), QStringLiteral("final"))}},
                                        QDateTime::currentDateTimeUtc());
        ASSERT_FALSE(refusal) << refusal->result.message.toStdString();
    }
    const QByteArray after = bytes(cache.currentJson(*db, sample()));
    EXPECT_EQ(cache.lastRefresh().unitsRecomputed, 1);
    EXPECT_EQ(after, fresh());
    EXPECT_NE(after, before);
}

} // namespace
} // namespace onsite
