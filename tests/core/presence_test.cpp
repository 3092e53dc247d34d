// Proof of presence in core: the one distance function, the campaign's rule as
// imported and stored, the score policy's presence refusals, and old picked photos.
#include "domain/fieldwork.h"
#include "geo/geodistance.h"
#include "import/campaignimporter.h"
#include "import/importerror.h"
#include "policy/rolescope.h"
#include "policy/scorepolicy.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include "testsupport.h"

#include <QTimeZone>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace onsite {
namespace {

constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0; // on the mean sphere

TEST(GeoDistance, MatchesTheSphereAndIsSymmetric)
{
    EXPECT_NEAR(distanceMeters(0, 0, 1, 0), kMetresPerDegree, 1e-6) << "one degree along a meridian";
    EXPECT_NEAR(distanceMeters(0, 0, 0, 1), kMetresPerDegree, 1e-6) << "one degree along the equator";
    EXPECT_NEAR(distanceMeters(60, 10, 60, 11), kMetresPerDegree * std::cos(60 * std::numbers::pi / 180), 1.0)
        << "a degree of longitude at 60° N is half as long (to a metre: small-circle vs great-circle)";
    EXPECT_EQ(distanceMeters(35.5, 104.5, 35.5, 104.5), 0.0);
    EXPECT_DOUBLE_EQ(distanceMeters(35.56238, 104.58508, 35.6, 104.6), distanceMeters(35.6, 104.6, 35.56238, 104.58508));
    EXPECT_NEAR(distanceMeters(0, 0, 0, 180), std::numbers::pi * 6371008.8, 1e-3) << "antipodes, no NaN";
    // Beijing (Tiananmen) to Shanghai (People's Square): about 1,067 km.
    EXPECT_NEAR(distanceMeters(39.9087, 116.3975, 31.2304, 121.4737), 1067e3, 3e3);
}

TEST(GeoDistance, NeedsBothTheSitesCoordinatesAndAFix)
{
    Site site;
    site.latitude = 35.56238;
    site.longitude = 104.58508;
    EXPECT_FALSE(distanceFromSite(site, std::nullopt));
    const auto near = distanceFromSite(site, Position{35.56238 + 100 / kMetresPerDegree, 104.58508, 8.0});
    ASSERT_TRUE(near);
    EXPECT_NEAR(*near, 100, 0.01);
    site.longitude.reset();
    EXPECT_FALSE(distanceFromSite(site, Position{35.56238, 104.58508, {}}));
}

class PresenceImportTest : public ::testing::Test
{
protected:
    QMap<QString, QByteArray> files = test::sampleCampaignFiles();
    QByteArray &campaign() { return files[QStringLiteral("campaign.csv")]; }

    std::optional<ImportError> rejection()
    {
        try {
            CampaignImporter::importFiles(files);
        } catch (const ImportException &e) {
            return e.error();
        }
        return std::nullopt;
    }
};

TEST_F(PresenceImportTest, TheSampleWithoutTheSettingGetsTheDefaults)
{
    const Campaign c = CampaignImporter::importFiles(files).campaign;
    EXPECT_FALSE(c.presence.checkInRequired);
    EXPECT_EQ(c.presence.radiusMeters, PresenceRule::kDefaultRadiusMeters);
}

TEST_F(PresenceImportTest, CampaignCsvSetsTheRuleAndTheRadius)
{
    campaign() = test::appendLine(campaign(), "评分须现场签到,是");
    campaign() = test::appendLine(campaign(), "签到半径（米）,200");
    const Campaign c = CampaignImporter::importFiles(files).campaign;
    EXPECT_TRUE(c.presence.checkInRequired);
    EXPECT_EQ(c.presence.radiusMeters, 200);
}

TEST_F(PresenceImportTest, ABadValueNamesItsLineAndColumn)
{
    campaign() = test::appendLine(campaign(), "评分须现场签到,需要");
    auto error = rejection();
    ASSERT_TRUE(error);
    EXPECT_EQ(error->file, QStringLiteral("campaign.csv"));
    EXPECT_EQ(error->line, 9);
    EXPECT_EQ(error->column, 2);
    EXPECT_TRUE(error->message.contains(QStringLiteral("“是”或“否”"))) << error->message.toStdString();

    files = test::sampleCampaignFiles();
    campaign() = test::appendLine(campaign(), "签到半径（米）,5");
    error = rejection();
    ASSERT_TRUE(error);
    EXPECT_EQ(error->line, 9);
    EXPECT_TRUE(error->message.contains(QStringLiteral("10 到 100000"))) << error->message.toStdString();
}

TEST_F(PresenceImportTest, TheStoreKeepsTheRule)
{
    campaign() = test::appendLine(campaign(), "评分须现场签到,是");
    campaign() = test::appendLine(campaign(), "签到半径(米),350");
    const CampaignSetup setup = CampaignImporter::importFiles(files);
    SqliteConnection db(QStringLiteral(":memory:"));
    migrateSchema(db);
    CampaignStore store(db);
    store.saveSetup(setup);
    const auto loaded = store.loadSetup();
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->campaign.presence.checkInRequired);
    EXPECT_EQ(loaded->campaign.presence.radiusMeters, 350);
}

TEST(PresenceMigration, ACampaignStoredBeforeGetsTheDefaults)
{
    SqliteConnection db(QStringLiteral(":memory:"));
    migrateSchema(db, 6);
    CampaignSetup setup = CampaignImporter::importFiles(test::sampleCampaignFiles());
    db.execute(QStringLiteral("INSERT INTO campaign (id, name, start_date, end_date, excellent_line, good_line, "
                              "fair_line, trim_from_raters, imported_at) VALUES ('c', 'n', '2026-06-15', "
                              "'2026-07-15', '90', '80', '60', 5, '2026-06-01T00:00:00.000Z')"));
    migrateSchema(db);
    const auto rows = db.query(QStringLiteral("SELECT check_in_required, check_in_radius_m FROM campaign"));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front()[0].toInt(), 0);
    EXPECT_EQ(rows.front()[1].toInt(), PresenceRule::kDefaultRadiusMeters);
}

class PresencePolicyTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        setup = CampaignImporter::importFiles(test::sampleCampaignFiles());
        setup.campaign.presence = PresenceRule{true, 300};
    }

    // DC-01 (幸福社区党群服务中心) is at 35.56238, 104.58508.
    Visit visitAt(const char *account, const char *site, std::optional<double> metresNorth)
    {
        Visit visit;
        visit.id = QString::number(++m_ids);
        visit.account = QString::fromLatin1(account);
        visit.siteCode = QString::fromLatin1(site);
        const Site *s = nullptr;
        for (const Site &candidate : setup.sites)
            if (candidate.code == visit.siteCode)
                s = &candidate;
        if (metresNorth && s && s->latitude)
            visit.position = Position{*s->latitude + *metresNorth / kMetresPerDegree, *s->longitude, 10.0};
        return visit;
    }

    QString decide(const char *account, const std::vector<Visit> &visits, ScoreKind kind = ScoreKind::Rater,
                   bool paper = false)
    {
        const Person &person = *setup.person(QString::fromLatin1(account));
        const QStringList units = unitsCoveredBy(setup, person);
        const QSet<QString> scope(units.cbegin(), units.cend());
        ScoreRequest request{QStringLiteral("DC"), QStringLiteral("1.4"),
                             kind == ScoreKind::Rater ? QStringLiteral("好") : QStringLiteral("3"), kind,
                             kind == ScoreKind::Final ? QStringLiteral("复核") : QString(), {}};
        if (!paper)
            request.checkIns = checkInEvidence(setup, QStringLiteral("DC"), person.account, visits);
        const ScoreDecision decision = ScorePolicy(setup, person, scope).decide(request, false);
        return decision.allowed() ? QStringLiteral("ok") : decision.code();
    }

    CampaignSetup setup;
    int m_ids = 0;
};

TEST_F(PresencePolicyTest, ARaterScoreNeedsACheckInWithinTheRadius)
{
    EXPECT_EQ(decide("g1.zhang", {}), QStringLiteral("check_in_required"));
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "DC-01", std::nullopt)}), QStringLiteral("check_in_no_position"));
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "DC-01", 2000.0)}), QStringLiteral("check_in_too_far"));
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "DC-01", 301.0)}), QStringLiteral("check_in_too_far"));
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "DC-01", 120.0)}), QStringLiteral("ok"));
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "DC-01", 2000.0), visitAt("g1.zhang", "DC-02", 50.0)}),
              QStringLiteral("ok"))
        << "any site of the unit, the nearest check-in counts";
}

TEST_F(PresencePolicyTest, OnlyTheRatersOwnCheckInsAtTheUnitsSitesCount)
{
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.li", "DC-01", 10.0)}), QStringLiteral("check_in_required"))
        << "a colleague's check-in";
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "XC-01", 10.0)}), QStringLiteral("check_in_required"))
        << "a site of another unit";
}

TEST_F(PresencePolicyTest, FinalValuesPaperScoresAndCampaignsWithoutTheRuleAreNotHeldToIt)
{
    EXPECT_EQ(decide("g1.li", {}, ScoreKind::Final), QStringLiteral("ok")) << "组长核定 is a decision, not an observation";
    EXPECT_EQ(decide("g1.zhang", {}, ScoreKind::Rater, true), QStringLiteral("ok")) << "补录: no tablet, no check-in";
    setup.campaign.presence.checkInRequired = false;
    EXPECT_EQ(decide("g1.zhang", {}), QStringLiteral("ok"));
}

TEST_F(PresencePolicyTest, ASiteWithoutCoordinatesTakesAnyCheckIn)
{
    for (Site &site : setup.sites)
        if (site.code == QLatin1String("DC-03"))
            site.latitude.reset(), site.longitude.reset();
    EXPECT_EQ(decide("g1.zhang", {visitAt("g1.zhang", "DC-03", std::nullopt)}), QStringLiteral("ok"));
}

TEST(PickedPhotos, AreOldWithoutAnOriginalTimeOrADayBeforeTheReference)
{
    const QDateTime checkIn(QDate(2026, 6, 20), QTime(9, 0), Qt::UTC);
    PhotoEvidence photo;
    photo.capturedAt = checkIn.addSecs(600);
    photo.origin = PhotoOrigin::Camera;
    EXPECT_FALSE(pickedPhotoIsOld(photo, checkIn));
    photo.origin = PhotoOrigin::Picked;
    EXPECT_TRUE(pickedPhotoIsOld(photo, checkIn)) << "no EXIF time";
    photo.originalAt = checkIn.addSecs(-3600);
    EXPECT_FALSE(pickedPhotoIsOld(photo, checkIn));
    photo.originalAt = checkIn.addDays(-365);
    EXPECT_TRUE(pickedPhotoIsOld(photo, checkIn)) << "last year's picture";
    EXPECT_TRUE(pickedPhotoIsOld(photo, {})) << "no visit: measured against when it was picked";
    EXPECT_EQ(photoOriginFromName(QStringLiteral("picked")), PhotoOrigin::Picked);
    EXPECT_EQ(photoOriginFromName(QString()), PhotoOrigin::Unknown);
    EXPECT_FALSE(photoOriginFromName(QStringLiteral("scanner")));
}

} // namespace
} // namespace onsite
