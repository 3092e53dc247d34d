#include "domain/campaignsetup.h"

#include <gtest/gtest.h>

using namespace onsite;

namespace {

CampaignSetup threeUnits()
{
    CampaignSetup setup;
    for (const char *code : {"DC001", "DC002", "XQ200"})
        setup.units.push_back(Unit{QString::fromLatin1(code), QStringLiteral("单位"), QStringLiteral("城区")});
    return setup;
}

} // namespace

TEST(CampaignSetupLookup, FindsUnitsWithAndWithoutTheIndex)
{
    CampaignSetup setup = threeUnits();
    ASSERT_NE(setup.unit(QStringLiteral("XQ200")), nullptr);
    setup.indexUnits();
    EXPECT_EQ(setup.unit(QStringLiteral("XQ200")), &setup.units[2]);
    EXPECT_EQ(setup.unit(QStringLiteral("DC001")), &setup.units[0]);
    EXPECT_EQ(setup.unit(QStringLiteral("NOPE")), nullptr);
}

TEST(CampaignSetupLookup, ChangesAfterIndexingAreStillFound)
{
    CampaignSetup setup = threeUnits();
    setup.indexUnits();
    setup.units.erase(setup.units.begin()); // positions shift: the index is stale
    setup.units.push_back(Unit{QStringLiteral("ZZ"), QStringLiteral("新单位"), QStringLiteral("城区")});
    EXPECT_EQ(setup.unit(QStringLiteral("XQ200")), &setup.units[1]);
    EXPECT_EQ(setup.unit(QStringLiteral("ZZ")), &setup.units[2]);
    EXPECT_EQ(setup.unit(QStringLiteral("DC001")), nullptr);
    const CampaignSetup copy = setup; // a copy answers from its own vectors
    EXPECT_EQ(copy.unit(QStringLiteral("ZZ")), &copy.units[2]);
}
