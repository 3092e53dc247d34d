// Two tablets of one group work offline with the real onsite-field, then sync with
// the real onsite-hq in both orders; everyone converges and HQ results follow the rules.
#include "e2efixture.h"
#include "fielddevice.h"

#include <QJsonDocument>

namespace onsite::test {
namespace {

class FieldClient : public HqEndToEnd
{
protected:
    void signInDevice(FieldDevice &device, const QString &account)
    {
        const FieldRun login = device.login(hq->baseUrl(), account);
        ASSERT_EQ(login.exitCode, 0) << login.output.toStdString();
    }
};

TEST_P(FieldClient, TwoDevicesScoreOfflineSyncInBothOrdersAndConverge)
{
    FieldDevice leader(QStringLiteral("li")), member(QStringLiteral("zhang"));
    signInDevice(leader, QStringLiteral("g1.li"));
    signInDevice(member, QStringLiteral("g1.zhang"));

    // HQ goes away: both work offline.
    hq->terminate();
    EXPECT_EQ(leader.run({QStringLiteral("score"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("较好")}).exitCode, 0);
    EXPECT_EQ(leader.run({QStringLiteral("score"), QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.5")}).exitCode, 0);
    EXPECT_EQ(member.run({QStringLiteral("score"), QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("好")}).exitCode, 0);
    EXPECT_EQ(member.run({QStringLiteral("score"), QStringLiteral("BH"), QStringLiteral("3.3"), QStringLiteral("1")}).exitCode, 0);
    const FieldRun offline = leader.run({QStringLiteral("sync")});
    EXPECT_NE(offline.exitCode, 0) << "sync without HQ must report failure";
    const FieldRun status = leader.run({QStringLiteral("status")});
    EXPECT_TRUE(status.output.contains(QStringLiteral("待同步更改：2"))) << status.output.toStdString();

    // HQ returns at its address; the member syncs first, then the leader, then the member again.
    hq->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(hq->port())});
    for (FieldDevice *device : {&member, &leader, &member}) {
        const FieldRun sync = device->run({QStringLiteral("sync")});
        ASSERT_EQ(sync.exitCode, 0) << sync.output.toStdString();
    }

    // HQ: DC 1.4 = mean(0.8 × 4, 1 × 4) = 3.60 from 2 raters; DC 1.2 threshold
    // 城区 18/0 → 5 × 15.5 / 18 = 4.31; BH 3.3 默认 0/3 → 6 × (1 − 1/3) = 4.00.
    const QJsonObject results = resultsOf(*hq);
    EXPECT_EQ(itemOf(results, QStringLiteral("DC"), QStringLiteral("1.4")).value(QStringLiteral("points")).toString(),
              QStringLiteral("3.60"));
    EXPECT_EQ(itemOf(results, QStringLiteral("DC"), QStringLiteral("1.4")).value(QStringLiteral("raters")).toInt(), 2);
    EXPECT_EQ(itemOf(results, QStringLiteral("DC"), QStringLiteral("1.2")).value(QStringLiteral("points")).toString(),
              QStringLiteral("4.31"));
    EXPECT_EQ(itemOf(results, QStringLiteral("BH"), QStringLiteral("3.3")).value(QStringLiteral("points")).toString(),
              QStringLiteral("4.00"));

    // Nothing waits on either device, and both hold all four group scores.
    for (FieldDevice *device : {&leader, &member}) {
        const FieldRun after = device->run({QStringLiteral("status")});
        EXPECT_TRUE(after.output.contains(QStringLiteral("待同步更改：0"))) << after.output.toStdString();
    }
    auto reader = signIn(QStringLiteral("g1.liu"), QStringLiteral("dev-liu"));
    EXPECT_EQ(pullAll(*reader).size(), 4u);
}

TEST_P(FieldClient, HomeUnitIsRefusedOnTheDeviceAndOutOfScopeUnitsAreNotListed)
{
    FieldDevice hu(QStringLiteral("hu"));
    signInDevice(hu, QStringLiteral("g3.hu"));
    const FieldRun units = hu.run({QStringLiteral("units")});
    ASSERT_EQ(units.exitCode, 0);
    EXPECT_TRUE(units.output.contains(QStringLiteral("YL")));
    EXPECT_FALSE(units.output.contains(QStringLiteral("DC\t"))) << "a unit of another group was listed";
    const FieldRun refused = hu.run({QStringLiteral("score"), QStringLiteral("XC"), QStringLiteral("1.4"), QStringLiteral("好")});
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.output.contains(QStringLiteral("回避"))) << refused.output.toStdString();
    const FieldRun status = hu.run({QStringLiteral("status")});
    EXPECT_TRUE(status.output.contains(QStringLiteral("待同步更改：0"))) << status.output.toStdString();
}

ONSITE_E2E_BACKENDS(FieldClient);

} // namespace
} // namespace onsite::test
