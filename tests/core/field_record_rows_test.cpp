// The one record↔row mapping (FieldRecordRows) that the device and HQ write through: each
// record kind written from its struct reads back the same, a new version replaces the row,
// and a removal takes the record's links with it.
#include "import/campaignimporter.h"
#include "store/campaignstore.h"
#include "store/fieldrecordrows.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "store/unitsubmissions.h"
#include "testsupport.h"

#include <gtest/gtest.h>

namespace onsite {
namespace {

QDateTime at(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs);
}

PhotoEvidence photo(const char *id, QChar hash, const QString &visit = {})
{
    PhotoEvidence p;
    p.id = QString::fromLatin1(id);
    p.sha256 = QString(64, hash);
    p.visitId = visit;
    p.unitCode = QStringLiteral("DC");
    p.account = QStringLiteral("g1.zhang");
    p.capturedAt = at("2026-06-20T09:01:00.000Z");
    p.mimeType = QStringLiteral("image/jpeg");
    p.sizeBytes = 10;
    return p;
}

class FieldRecordRowsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        migrateSchema(db);
        CampaignStore(db).saveSetup(CampaignImporter::importFiles(test::sampleCampaignFiles()));
    }
    qint64 count(const QString &sql, const QVariantList &params = {})
    {
        return db.query(sql, params).front().value(0).toLongLong();
    }

    SqliteConnection db{QStringLiteral(":memory:")};
    FieldRecordRows rows{db};
};

TEST_F(FieldRecordRowsTest, AVisitReadsBackAsWrittenAndANewVersionReplacesIt)
{
    Visit visit{QStringLiteral("v-1"),
                QStringLiteral("DC-01"),
                QStringLiteral("g1.zhang"),
                at("2026-06-20T09:00:00.123Z"),
                Position{36.06, 103.83, 7.5},
                QStringLiteral("台账"),
                std::nullopt,
                {}};
    visit.distanceMeters = 42.5;
    rows.write(visit);
    std::optional<Visit> back = rows.visit(QStringLiteral("v-1"));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->siteCode, visit.siteCode);
    EXPECT_EQ(back->checkedInAt, visit.checkedInAt);
    ASSERT_TRUE(back->position);
    EXPECT_DOUBLE_EQ(back->position->latitude, 36.06);
    EXPECT_DOUBLE_EQ(*back->position->accuracyMeters, 7.5);
    EXPECT_DOUBLE_EQ(*back->distanceMeters, 42.5);
    EXPECT_FALSE(back->checkedOutAt.isValid());

    visit.checkedOutAt = at("2026-06-20T10:30:00.000Z");
    visit.position.reset();
    rows.write(visit);
    back = rows.visit(QStringLiteral("v-1"));
    EXPECT_EQ(back->checkedOutAt, visit.checkedOutAt);
    EXPECT_FALSE(back->position) << "a version without a fix clears it";
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM visits")), 1);
    EXPECT_EQ(rows.visitsOf(QStringLiteral("g1.zhang"), QStringLiteral("DC")).size(), 1u);
    EXPECT_TRUE(rows.visitsOf(QStringLiteral("g1.zhang"), QStringLiteral("BH")).empty());
    EXPECT_TRUE(rows.visitsOf(QStringLiteral("g1.li")).empty());
    EXPECT_FALSE(rows.visit(QStringLiteral("v-none")));
}

TEST_F(FieldRecordRowsTest, AFindingKeepsItsPhotosOnceAndLosesADeletedOne)
{
    PhotoEvidence picked = photo("p-1", QLatin1Char('a'));
    picked.origin = PhotoOrigin::Picked;
    picked.originalAt = at("2025-01-01T00:00:00.000Z");
    rows.write(picked);
    const Finding finding{
        QStringLiteral("f-1"),          QStringLiteral("DC"),
        QStringLiteral("DC-01"),        QStringLiteral("1.4"),
        FindingKind::Shortcoming,       QStringLiteral("台账不全"),
        QStringLiteral("补齐"),         QStringLiteral("g1.zhang"),
        at("2026-06-20T09:05:00.000Z"), {QStringLiteral("p-1"), QStringLiteral("p-1")}};
    rows.write(finding);
    std::optional<Finding> back = rows.finding(QStringLiteral("f-1"));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->kind, FindingKind::Shortcoming);
    EXPECT_EQ(back->suggestion, QStringLiteral("补齐"));
    EXPECT_EQ(back->photoIds, QStringList{QStringLiteral("p-1")});
    EXPECT_EQ(
        count(QStringLiteral(
            "SELECT COUNT(*) FROM photos WHERE origin = 'picked' AND original_at IS NOT NULL")),
        1);
    rows.remove(QStringLiteral("photo"), QStringLiteral("p-1"));
    EXPECT_TRUE(rows.finding(QStringLiteral("f-1"))->photoIds.isEmpty());
    rows.remove(QStringLiteral("finding"), QStringLiteral("f-1"));
    EXPECT_FALSE(rows.finding(QStringLiteral("f-1")));
}

TEST_F(FieldRecordRowsTest, TheDevicesScoreReplacesAnOlderCopyOfTheSameKey)
{
    ScoreEntry score{QStringLiteral("s-1"),
                     QStringLiteral("DC"),
                     QStringLiteral("1.4"),
                     QStringLiteral("g1.zhang"),
                     ScoreKind::Rater,
                     QStringLiteral("好"),
                     {},
                     at("2026-06-20T09:00:00.000Z"),
                     QStringLiteral("dev")};
    rows.write(score);
    score.id = QStringLiteral("s-2"); // the same score arriving under another device's id
    score.input = QStringLiteral("较好");
    rows.write(score);
    EXPECT_EQ(rows.scoreIdFor(QStringLiteral("DC"), QStringLiteral("1.4"),
                              QStringLiteral("g1.zhang"), ScoreKind::Rater),
              QStringLiteral("s-2"));
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM score_entries")), 1);
    // HQ's write keeps its own updated_at.
    score.input = QStringLiteral("一般");
    rows.writeScore(score, QStringLiteral("2026-06-21T00:00:00.000Z"));
    const auto row =
        db.query(QStringLiteral("SELECT input, updated_at, source FROM score_entries"));
    EXPECT_EQ(row.front()[0].toString(), QStringLiteral("一般"));
    EXPECT_EQ(row.front()[1].toString(), QStringLiteral("2026-06-21T00:00:00.000Z"));
    EXPECT_EQ(row.front()[2].toString(), QStringLiteral("dev"));
}

TEST_F(FieldRecordRowsTest, StoredRecordsTellThePolicyWhatItNeeds)
{
    rows.write(Visit{QStringLiteral("v-1"),
                     QStringLiteral("DC-01"),
                     QStringLiteral("g1.zhang"),
                     at("2026-06-20T09:00:00.000Z"),
                     std::nullopt,
                     {},
                     std::nullopt,
                     {}});
    std::optional<StoredRecord> visit = rows.stored(QStringLiteral("visit"), QStringLiteral("v-1"));
    ASSERT_TRUE(visit);
    EXPECT_EQ(visit->unitCode, QStringLiteral("DC")) << "a visit is filed under its site's unit";
    EXPECT_EQ(visit->author, QStringLiteral("g1.zhang"));
    EXPECT_FALSE(visit->visitHasPhotos);
    EXPECT_FALSE(visit->unitLocked);
    rows.write(photo("p-1", QLatin1Char('b'), QStringLiteral("v-1")));
    rows.write(UnitSubmission{QStringLiteral("sub"),
                              QStringLiteral("DC"),
                              true,
                              QStringLiteral("g1.li"),
                              at("2026-06-21T08:00:00.000Z"),
                              {}});
    visit = rows.stored(QStringLiteral("visit"), QStringLiteral("v-1"));
    EXPECT_TRUE(visit->visitHasPhotos);
    EXPECT_TRUE(visit->unitLocked);
    EXPECT_EQ(rows.ownerOf(QStringLiteral("photo"), QStringLiteral("p-1")),
              QStringLiteral("g1.zhang"));
    EXPECT_FALSE(rows.stored(QStringLiteral("visit"), QStringLiteral("v-none")));
    EXPECT_FALSE(rows.stored(QStringLiteral("nonsense"), QStringLiteral("v-1")));
    EXPECT_TRUE(FieldRecordRows::tableOf(QStringLiteral("nonsense")).isEmpty());
}

} // namespace
} // namespace onsite
