#include "import/campaignimporter.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "testsupport.h"

#include <QTimeZone>

#include <gtest/gtest.h>

#include <algorithm>
#include <type_traits>

// The fixture is named after the class under test, so no using-directive.
using onsite::BonusRule;
using onsite::CampaignImporter;
using onsite::CampaignSetup;
using onsite::ChecklistRule;
using onsite::Decimal;
using onsite::DeductionRule;
using onsite::GradedRule;
using onsite::Indicator;
using onsite::NamedPoints;
using onsite::Person;
using onsite::ScoreEntry;
using onsite::ScoreKind;
using onsite::ScoringMethod;
using onsite::ScoringRule;
using onsite::Site;
using onsite::SqlError;
using onsite::ThresholdRule;
using onsite::Unit;
using onsite::migrateSchema;
using onsite::scoringMethodName;

namespace {

std::string text(const QString &value) { return value.toStdString(); }

// A rule as text, so two rules parsed separately can be compared field by field.
QString describe(const std::optional<ScoringRule> &rule)
{
    if (!rule)
        return QStringLiteral("<none>");
    QString out = scoringMethodName(rule->method) + QLatin1Char('|');
    const auto points = [](const std::vector<NamedPoints> &list) {
        QStringList parts;
        for (const NamedPoints &p : list)
            parts << p.name + QLatin1Char(':') + p.points.toPlainString();
        return parts.join(QLatin1Char(';'));
    };
    std::visit(
        [&](const auto &data) {
            using T = std::decay_t<decltype(data)>;
            if constexpr (std::is_same_v<T, GradedRule>) {
                out += points(data.levels);
            } else if constexpr (std::is_same_v<T, ChecklistRule>) {
                out += points(data.items);
            } else if constexpr (std::is_same_v<T, ThresholdRule>) {
                for (const auto &[category, target] : data.byCategory)
                    out += QStringLiteral("%1:%2/%3;").arg(category, target.fullAt.toPlainString(), target.zeroAt.toPlainString());
                out += QStringLiteral("unit=") + data.unit;
            } else if constexpr (std::is_same_v<T, DeductionRule>) {
                out += data.perOccurrence.toPlainString();
            } else if constexpr (std::is_same_v<T, BonusRule>) {
                out += points(data.items) + QStringLiteral(" cap=") +
                       (data.cap ? data.cap->toPlainString() : QStringLiteral("none"));
            } else {
                out += QStringLiteral("veto");
            }
        },
        rule->data);
    return out;
}

void expectSameSetup(const CampaignSetup &expected, const CampaignSetup &actual)
{
    EXPECT_EQ(text(actual.campaign.id), text(expected.campaign.id));
    EXPECT_EQ(text(actual.campaign.name), text(expected.campaign.name));
    EXPECT_EQ(actual.campaign.startDate, expected.campaign.startDate);
    EXPECT_EQ(actual.campaign.endDate, expected.campaign.endDate);
    EXPECT_EQ(text(actual.campaign.gradeLines.excellent.toPlainString()), text(expected.campaign.gradeLines.excellent.toPlainString()));
    EXPECT_EQ(text(actual.campaign.gradeLines.good.toPlainString()), text(expected.campaign.gradeLines.good.toPlainString()));
    EXPECT_EQ(text(actual.campaign.gradeLines.fair.toPlainString()), text(expected.campaign.gradeLines.fair.toPlainString()));
    EXPECT_EQ(actual.campaign.trimFromRaters, expected.campaign.trimFromRaters);

    ASSERT_EQ(actual.units.size(), expected.units.size());
    for (size_t i = 0; i < expected.units.size(); ++i) {
        SCOPED_TRACE(text(expected.units[i].code));
        EXPECT_EQ(text(actual.units[i].code), text(expected.units[i].code));
        EXPECT_EQ(text(actual.units[i].name), text(expected.units[i].name));
        EXPECT_EQ(text(actual.units[i].category), text(expected.units[i].category));
    }

    ASSERT_EQ(actual.indicators.size(), expected.indicators.size());
    for (size_t i = 0; i < expected.indicators.size(); ++i) {
        const Indicator &e = expected.indicators[i];
        const Indicator &a = actual.indicators[i];
        SCOPED_TRACE(text(e.code));
        EXPECT_EQ(text(a.code), text(e.code));
        EXPECT_EQ(text(a.parentCode), text(e.parentCode));
        EXPECT_EQ(text(a.title), text(e.title));
        EXPECT_EQ(a.maxScore, e.maxScore);
        EXPECT_EQ(text(a.content), text(e.content));
        EXPECT_EQ(text(a.ruleText), text(e.ruleText));
        EXPECT_EQ(text(a.evidence), text(e.evidence));
        EXPECT_EQ(text(a.checkMethod), text(e.checkMethod));
        EXPECT_EQ(a.position, e.position);
        EXPECT_EQ(text(describe(a.rule)), text(describe(e.rule)));
    }

    ASSERT_EQ(actual.sites.size(), expected.sites.size());
    for (size_t i = 0; i < expected.sites.size(); ++i) {
        const Site &e = expected.sites[i];
        const Site &a = actual.sites[i];
        SCOPED_TRACE(text(e.code));
        EXPECT_EQ(text(a.code), text(e.code));
        EXPECT_EQ(text(a.unitCode), text(e.unitCode));
        EXPECT_EQ(text(a.name), text(e.name));
        EXPECT_EQ(a.type, e.type);
        EXPECT_EQ(a.latitude, e.latitude);
        EXPECT_EQ(a.longitude, e.longitude);
        EXPECT_EQ(text(a.indicatorCodes.join(QLatin1Char(';'))), text(e.indicatorCodes.join(QLatin1Char(';'))));
    }

    ASSERT_EQ(actual.groups.size(), expected.groups.size());
    for (size_t i = 0; i < expected.groups.size(); ++i) {
        EXPECT_EQ(text(actual.groups[i].name), text(expected.groups[i].name));
        EXPECT_EQ(text(actual.groups[i].unitCodes.join(QLatin1Char(';'))), text(expected.groups[i].unitCodes.join(QLatin1Char(';'))));
    }

    ASSERT_EQ(actual.people.size(), expected.people.size());
    for (size_t i = 0; i < expected.people.size(); ++i) {
        const Person &e = expected.people[i];
        const Person &a = actual.people[i];
        SCOPED_TRACE(text(e.account));
        EXPECT_EQ(text(a.account), text(e.account));
        EXPECT_EQ(text(a.name), text(e.name));
        EXPECT_EQ(a.role, e.role);
        EXPECT_EQ(text(a.homeUnitCode), text(e.homeUnitCode));
        EXPECT_EQ(text(a.groupName), text(e.groupName));
    }
}

ScoreEntry entry(const QString &id, const QString &unit, const QString &indicator, const QString &account,
                 ScoreKind kind, const QString &input, const QString &reason, const QDateTime &at)
{
    return ScoreEntry{id, unit, indicator, account, kind, input, reason, at, QStringLiteral("paper")};
}

class CampaignStore : public ::testing::Test
{
protected:
    void SetUp() override { migrateSchema(m_db); }

    static CampaignSetup sample() { return CampaignImporter::importFolder(onsite::test::sampleCampaignDir()); }

    qlonglong rows(const QString &table)
    {
        return m_db.query(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)).front().value(0).toLongLong();
    }

    onsite::SqliteConnection m_db{QStringLiteral(":memory:")};
    onsite::CampaignStore m_store{m_db};
};

const QDateTime kMorning(QDate(2026, 6, 20), QTime(9, 30, 15, 123), QTimeZone(8 * 3600));

} // namespace

TEST_F(CampaignStore, EmptyStoreHasNoCampaign)
{
    EXPECT_FALSE(m_store.hasCampaign());
    EXPECT_FALSE(m_store.loadSetup().has_value());
    EXPECT_TRUE(m_store.loadScores().empty());
}

TEST_F(CampaignStore, SampleSetupRoundTripsEveryField)
{
    CampaignSetup setup = sample();
    // Sanity: the sample covers the cases this round trip is meant to exercise.
    ASSERT_EQ(setup.units.size(), 10u);
    ASSERT_FALSE(setup.campaign.id.isEmpty());
    ASSERT_TRUE(std::any_of(setup.people.begin(), setup.people.end(),
                            [](const Person &p) { return p.homeUnitCode.isEmpty(); }));
    ASSERT_TRUE(std::any_of(setup.indicators.begin(), setup.indicators.end(),
                            [](const Indicator &i) { return i.method() == ScoringMethod::Threshold; }));

    m_store.saveSetup(setup);
    EXPECT_TRUE(m_store.hasCampaign());
    const auto loaded = m_store.loadSetup();
    ASSERT_TRUE(loaded.has_value());
    expectSameSetup(setup, *loaded);
}

TEST_F(CampaignStore, RulesAreReparsedNotJustKeptAsText)
{
    const CampaignSetup setup = sample();
    m_store.saveSetup(setup);
    const auto loaded = m_store.loadSetup();
    ASSERT_TRUE(loaded.has_value());
    int items = 0;
    for (const Indicator &indicator : loaded->indicators) {
        SCOPED_TRACE(text(indicator.code));
        // Projects carry no rule; every item must come back ready for the scoring engine.
        EXPECT_EQ(indicator.rule.has_value(), !indicator.isProject());
        if (!indicator.isProject())
            ++items;
    }
    EXPECT_GT(items, 0);
    const Indicator *threshold = loaded->indicator(QStringLiteral("1.2"));
    ASSERT_NE(threshold, nullptr);
    ASSERT_TRUE(threshold->rule.has_value());
    const auto *data = std::get_if<ThresholdRule>(&threshold->rule->data);
    ASSERT_NE(data, nullptr);
    const auto mountain = data->targetFor(QStringLiteral("山区县"));
    ASSERT_TRUE(mountain.has_value());
    EXPECT_EQ(mountain->fullAt, Decimal(12));
    EXPECT_EQ(mountain->zeroAt, Decimal(0));
}

TEST_F(CampaignStore, SiteWithoutCoordinatesStaysWithout)
{
    CampaignSetup setup = sample();
    ASSERT_GE(setup.sites.size(), 2u);
    setup.sites[1].latitude.reset();
    setup.sites[1].longitude.reset();
    m_store.saveSetup(setup);
    const auto loaded = m_store.loadSetup();
    ASSERT_TRUE(loaded.has_value());
    ASSERT_EQ(loaded->sites.size(), setup.sites.size());
    EXPECT_FALSE(loaded->sites[1].latitude.has_value());
    EXPECT_FALSE(loaded->sites[1].longitude.has_value());
    EXPECT_EQ(loaded->sites[0].latitude, setup.sites[0].latitude);
}

TEST_F(CampaignStore, ChecksAndGroupMembersComeBackInStoredOrderNotCodeOrder)
{
    // Sites, their checks, groups and their units are read in one query each and
    // regrouped in memory: positions, not codes or table order, must decide the order.
    CampaignSetup setup = sample();
    ASSERT_GE(setup.sites.size(), 3u);
    ASSERT_GE(setup.groups.size(), 2u);
    std::reverse(setup.sites.begin(), setup.sites.end());
    for (Site &site : setup.sites)
        std::reverse(site.indicatorCodes.begin(), site.indicatorCodes.end());
    ASSERT_GE(setup.sites[0].indicatorCodes.size(), 2);
    setup.sites[1].indicatorCodes.clear(); // a site checking nothing stays empty
    std::reverse(setup.groups.begin(), setup.groups.end());
    for (auto &group : setup.groups)
        std::reverse(group.unitCodes.begin(), group.unitCodes.end());
    ASSERT_GE(setup.groups[0].unitCodes.size(), 2);

    m_store.saveSetup(setup);
    const auto loaded = m_store.loadSetup();
    ASSERT_TRUE(loaded.has_value());
    expectSameSetup(setup, *loaded);
}

// The site tables are read as stored and put in order in memory (no ORDER BY, which
// made SQLite sort every row): the positions decide, not the order rows were written in.
TEST_F(CampaignStore, SitesAndTheirChecksFollowTheirPositionsNotTheTablesOrder)
{
    CampaignSetup setup = sample();
    ASSERT_GE(setup.sites.size(), 3u);
    m_store.saveSetup(setup);
    // Turn every position around without moving a row.
    m_db.execute(QStringLiteral("UPDATE sites SET position = -position"));
    m_db.execute(QStringLiteral("UPDATE site_indicators SET position = -position"));
    std::reverse(setup.sites.begin(), setup.sites.end());
    for (Site &site : setup.sites)
        std::reverse(site.indicatorCodes.begin(), site.indicatorCodes.end());
    ASSERT_GE(setup.sites.front().indicatorCodes.size(), 2);

    const auto loaded = m_store.loadSetup();
    ASSERT_TRUE(loaded.has_value());
    ASSERT_EQ(loaded->sites.size(), setup.sites.size());
    for (std::size_t i = 0; i < setup.sites.size(); ++i) {
        SCOPED_TRACE(text(setup.sites[i].code));
        EXPECT_EQ(loaded->sites[i].code, setup.sites[i].code);
        EXPECT_EQ(loaded->sites[i].indicatorCodes, setup.sites[i].indicatorCodes);
    }
}

TEST_F(CampaignStore, SecondCampaignIsRejectedAndChangesNothing)
{
    const CampaignSetup first = sample();
    m_store.saveSetup(first);
    const qlonglong units = rows(QStringLiteral("units"));

    CampaignSetup second = sample();
    second.campaign.name = QStringLiteral("2026年下半年考评");
    second.units.push_back(Unit{QStringLiteral("ZZ"), QStringLiteral("新设区"), QStringLiteral("城区")});
    EXPECT_THROW(m_store.saveSetup(second), SqlError);

    EXPECT_EQ(rows(QStringLiteral("campaign")), 1);
    EXPECT_EQ(rows(QStringLiteral("units")), units);
    const auto loaded = m_store.loadSetup();
    ASSERT_TRUE(loaded.has_value());
    expectSameSetup(first, *loaded);
}

TEST_F(CampaignStore, SetupFailingMidwayLeavesNoTrace)
{
    // A group naming a unit that is not stored violates a foreign key after the
    // campaign, units, indicators and sites were written.
    CampaignSetup setup = sample();
    ASSERT_FALSE(setup.groups.empty());
    setup.groups.back().unitCodes << QStringLiteral("NOPE");
    EXPECT_THROW(m_store.saveSetup(setup), SqlError);

    EXPECT_FALSE(m_store.hasCampaign());
    for (const QString &table : {QStringLiteral("units"), QStringLiteral("indicators"), QStringLiteral("sites"),
                                 QStringLiteral("site_indicators"), QStringLiteral("inspection_groups"),
                                 QStringLiteral("group_units"), QStringLiteral("people")})
        EXPECT_EQ(rows(table), 0) << text(table);

    // The store is still usable for a correct set-up.
    EXPECT_NO_THROW(m_store.saveSetup(sample()));
    EXPECT_TRUE(m_store.hasCampaign());
}

TEST_F(CampaignStore, ScoresRoundTripWithKindInputReasonAndTime)
{
    m_store.saveSetup(sample());
    const std::vector<ScoreEntry> entries = {
        entry(QStringLiteral("e-1"), QStringLiteral("DC"), QStringLiteral("1.1"), QStringLiteral("g1.zhang"),
              ScoreKind::Rater, QStringLiteral("动议环节有会议记录;民主推荐程序规范"), QString(), kMorning),
        entry(QStringLiteral("e-2"), QStringLiteral("DC"), QStringLiteral("1.1"), QStringLiteral("g1.li"),
              ScoreKind::Final, QStringLiteral("动议环节有会议记录"), QStringLiteral("组长现场核实：考察材料缺失"),
              kMorning.addSecs(3600)),
        entry(QStringLiteral("e-3"), QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("g1.zhang"),
              ScoreKind::Rater, QStringLiteral("15.4"), QString(), kMorning.addMSecs(1)),
    };
    m_store.addScores(entries);

    const std::vector<ScoreEntry> loaded = m_store.loadScores();
    ASSERT_EQ(loaded.size(), 3u);
    // Ordered by recording time: e-1, e-3 (one millisecond later), then e-2.
    const ScoreEntry *byOrder[] = {&entries[0], &entries[2], &entries[1]};
    for (size_t i = 0; i < loaded.size(); ++i) {
        const ScoreEntry &e = *byOrder[i];
        const ScoreEntry &a = loaded[i];
        SCOPED_TRACE(text(e.id));
        EXPECT_EQ(text(a.id), text(e.id));
        EXPECT_EQ(text(a.unitCode), text(e.unitCode));
        EXPECT_EQ(text(a.indicatorCode), text(e.indicatorCode));
        EXPECT_EQ(text(a.account), text(e.account));
        EXPECT_EQ(a.kind, e.kind);
        EXPECT_EQ(text(a.input), text(e.input));
        EXPECT_EQ(text(a.reason), text(e.reason));
        EXPECT_EQ(a.recordedAt.toMSecsSinceEpoch(), e.recordedAt.toMSecsSinceEpoch());
        EXPECT_TRUE(a.recordedAt.isValid());
        EXPECT_EQ(text(a.source), text(e.source));
    }
}

TEST_F(CampaignStore, AddScoresIsAllOrNothing)
{
    m_store.saveSetup(sample());
    m_store.addScores({entry(QStringLiteral("a-1"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.li"),
                             ScoreKind::Rater, QStringLiteral("好"), QString(), kMorning)});

    // Two valid entries, then one repeating (unit, indicator, account, kind) of the first.
    const std::vector<ScoreEntry> batch = {
        entry(QStringLiteral("b-1"), QStringLiteral("DC"), QStringLiteral("2.4"), QStringLiteral("g1.li"),
              ScoreKind::Rater, QStringLiteral("较好"), QString(), kMorning),
        entry(QStringLiteral("b-2"), QStringLiteral("BH"), QStringLiteral("2.4"), QStringLiteral("g1.li"),
              ScoreKind::Rater, QStringLiteral("一般"), QString(), kMorning),
        entry(QStringLiteral("b-3"), QStringLiteral("DC"), QStringLiteral("2.4"), QStringLiteral("g1.li"),
              ScoreKind::Rater, QStringLiteral("差"), QString(), kMorning.addSecs(60)),
    };
    EXPECT_THROW(m_store.addScores(batch), SqlError);

    const auto loaded = m_store.loadScores();
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(text(loaded[0].id), "a-1");

    // The same (unit, indicator, account) as a final value is a different kind and fits.
    const std::vector<ScoreEntry> valid = {
        batch[0], batch[1],
        entry(QStringLiteral("b-4"), QStringLiteral("DC"), QStringLiteral("2.4"), QStringLiteral("g1.li"),
              ScoreKind::Final, QStringLiteral("差"), QStringLiteral("复核"), kMorning.addSecs(60))};
    EXPECT_NO_THROW(m_store.addScores(valid));
    EXPECT_EQ(m_store.loadScores().size(), 4u);
}

TEST_F(CampaignStore, ScoreForUnknownUnitIsRejected)
{
    m_store.saveSetup(sample());
    EXPECT_THROW(m_store.addScores({entry(QStringLiteral("x-1"), QStringLiteral("ZZ"), QStringLiteral("1.4"),
                                          QStringLiteral("g1.li"), ScoreKind::Rater, QStringLiteral("好"), QString(),
                                          kMorning)}),
                 SqlError);
    EXPECT_TRUE(m_store.loadScores().empty());
}
