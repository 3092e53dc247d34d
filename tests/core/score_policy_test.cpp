// The one rule for who may record which score, asked by the device, the sync API and
// HQ's own writes alike: each refusal has its reason code.
#include "import/campaignimporter.h"
#include "policy/rolescope.h"
#include "policy/scorepolicy.h"

#include "testsupport.h"

#include <gtest/gtest.h>

namespace onsite {
namespace {

class ScorePolicyTest : public ::testing::Test
{
protected:
    void SetUp() override { setup = CampaignImporter::importFiles(test::sampleCampaignFiles()); }

    QString decide(const char *account, const char *unit, const char *item, const QString &input,
                   ScoreKind kind = ScoreKind::Rater, const QString &reason = {}, bool locked = false)
    {
        const Person &person = *setup.person(QString::fromLatin1(account));
        const QStringList units = unitsCoveredBy(setup, person);
        const QSet<QString> scope(units.cbegin(), units.cend());
        const ScoreDecision decision = ScorePolicy(setup, person, scope)
                                           .decide({QString::fromLatin1(unit), QString::fromLatin1(item), input, kind, reason},
                                                   locked);
        return decision.allowed() ? QStringLiteral("ok") : decision.code();
    }

    CampaignSetup setup;
};

TEST_F(ScorePolicyTest, EachRuleHasItsReasonCode)
{
    const QString good = QStringLiteral("好");
    EXPECT_EQ(decide("g1.zhang", "DC", "1.4", good), QStringLiteral("ok"));
    EXPECT_EQ(decide("g1.zhang", "NOPE", "1.4", good), QStringLiteral("unknown_unit"));
    EXPECT_EQ(decide("g1.zhang", "DC", "1", good), QStringLiteral("unknown_indicator")) << "a level-1 project";
    EXPECT_EQ(decide("g1.zhang", "DC", "9.9", good), QStringLiteral("unknown_indicator"));
    EXPECT_EQ(decide("g1.zhang", "LL", "1.4", good), QStringLiteral("out_of_scope")) << "group 2's unit";
    EXPECT_EQ(decide("g3.hu", "XC", "1.4", good), QStringLiteral("conflict_of_interest")) << "回避";
    EXPECT_EQ(decide("dc.liaison", "DC", "1.4", good), QStringLiteral("forbidden_role"));
    EXPECT_EQ(decide("kpb.admin", "DC", "1.4", good), QStringLiteral("not_rater"));
    EXPECT_EQ(decide("g1.zhang", "DC", "1.4", QStringLiteral("3"), ScoreKind::Final, QStringLiteral("复核")),
              QStringLiteral("not_leader"));
    EXPECT_EQ(decide("g1.li", "DC", "1.4", QStringLiteral("3"), ScoreKind::Final), QStringLiteral("reason_required"));
    EXPECT_EQ(decide("g1.li", "DC", "1.4", QStringLiteral("3"), ScoreKind::Final, QStringLiteral("复核")),
              QStringLiteral("ok"));
    EXPECT_EQ(decide("kpb.admin", "LL", "1.4", QStringLiteral("3"), ScoreKind::Final, QStringLiteral("复核")),
              QStringLiteral("ok")) << "HQ sets final values for any unit";
    EXPECT_EQ(decide("g1.zhang", "DC", "1.4", QStringLiteral("非常好")), QStringLiteral("invalid_input"));
}

TEST_F(ScorePolicyTest, ASubmittedUnitTakesOnlyALeadersChangeWithAReason)
{
    EXPECT_EQ(decide("g1.zhang", "DC", "1.4", QStringLiteral("好"), ScoreKind::Rater, {}, true), QStringLiteral("unit_locked"));
    EXPECT_EQ(decide("g1.li", "DC", "1.4", QStringLiteral("好"), ScoreKind::Rater, {}, true), QStringLiteral("reason_required"));
    EXPECT_EQ(decide("g1.li", "DC", "1.4", QStringLiteral("好"), ScoreKind::Rater, QStringLiteral("复核后更正"), true),
              QStringLiteral("ok"));
}

} // namespace
} // namespace onsite
