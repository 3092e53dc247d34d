#include "client/store/bootstrapapplier.h"
#include "client/store/devicemigrations.h"
#include "client/rules/fielderror.h"
#include "client/rules/fieldrules.h"
#include "client/store/setupcache.h"
#include "client/store/syncstate.h"
#include "store/campaignstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "sync/synctestsupport.h"

#include <gtest/gtest.h>

// FieldRules::load with a workspace's SetupCache shares the set-up between loads. These tests prove
// that no rewrite of the set-up or of the signed-in person is ever missed.

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FailingConnection;
using onsite::test::sampleBootstrap;
using onsite::test::TestDevice;

namespace {

QStringList assessed(const FieldRules &rules)
{
    QStringList codes;
    for (const FieldRules::UnitChoice &choice : rules.unitsToAssess())
        codes << choice.unit->code;
    return codes;
}

QString unitName(const FieldRules &rules, const QString &code)
{
    const Unit *unit = rules.setup().unit(code);
    return unit ? unit->name : QString();
}

// A device database in memory, signed in as `account`, as a test or a tool may open.
struct MemoryDevice
{
    explicit MemoryDevice(const QString &account)
    {
        db.executeScript(
            QStringLiteral("PRAGMA foreign_keys = OFF")); // a scope-cut replica, as DeviceStore
        migrateSchema(db);
        migrateSchema(db, deviceMigrationSet());
        SyncState(db).setAccount(account);
        BootstrapApplier(db, QString()).apply(sampleBootstrap(account));
    }
    SqliteConnection db{QStringLiteral(":memory:")};
};

} // namespace

TEST(FieldRulesCache, RepeatedLoadsShareOneSetUp)
{
    SetupCache setups;
    TestDevice device(QStringLiteral("g3.hu"));
    const FieldRules first = FieldRules::load(device.db(), &setups);
    const FieldRules second = FieldRules::load(device.db(), &setups);
    EXPECT_EQ(&first.setup(), &second.setup());
    EXPECT_EQ(second.me().account, QStringLiteral("g3.hu"));
}

TEST(FieldRulesCache, ReBootstrapIsSeenByTheNextLoad)
{
    SetupCache setups;
    TestDevice device(QStringLiteral("g1.li"));
    const FieldRules before = FieldRules::load(device.db(), &setups);
    ASSERT_EQ(unitName(before, QStringLiteral("DC")), QStringLiteral("东城区"));
    const size_t sites = before.setup().sites.size();

    protocol::Bootstrap changed = sampleBootstrap(QStringLiteral("g1.li"));
    changed.setup.units[0].name = QStringLiteral("东城区（新）");
    changed.setup.sites.pop_back();
    BootstrapApplier(device.db(), device.store->photosFolder()).apply(changed);

    const FieldRules after = FieldRules::load(device.db(), &setups);
    EXPECT_EQ(unitName(after, QStringLiteral("DC")), QStringLiteral("东城区（新）"));
    EXPECT_EQ(after.setup().sites.size(), sites - 1);
    // The rules loaded before keep their own set-up: nothing is changed under them.
    EXPECT_EQ(unitName(before, QStringLiteral("DC")), QStringLiteral("东城区"));
    EXPECT_EQ(before.setup().sites.size(), sites);

    // A smaller scope from HQ takes units away at once.
    BootstrapApplier(device.db(), device.store->photosFolder())
        .apply(sampleBootstrap(QStringLiteral("g1.li"), {QStringLiteral("DC")}));
    EXPECT_EQ(assessed(FieldRules::load(device.db(), &setups)), QStringList{QStringLiteral("DC")});
}

TEST(FieldRulesCache, ReLoginAsAnotherPersonIsSeenByTheNextLoad)
{
    SetupCache setups;
    TestDevice device(QStringLiteral("g3.hu"));
    EXPECT_EQ(FieldRules::load(device.db(), &setups).me().account, QStringLiteral("g3.hu"));
    EXPECT_EQ(assessed(FieldRules::load(device.db(), &setups)),
              (QStringList{QStringLiteral("XC"), QStringLiteral("YL"), QStringLiteral("HW")}));

    // SignInFlow: the new account and an empty scope first, then the bootstrap.
    SyncState state(device.db());
    state.setAccount(QStringLiteral("g1.zhang"));
    state.setScopeUnits({});
    const FieldRules signedIn = FieldRules::load(device.db(), &setups);
    EXPECT_EQ(signedIn.me().account, QStringLiteral("g1.zhang"));
    EXPECT_EQ(signedIn.me().homeUnitCode, QStringLiteral("QS"));
    EXPECT_TRUE(assessed(signedIn).isEmpty());

    BootstrapApplier(device.db(), device.store->photosFolder())
        .apply(sampleBootstrap(QStringLiteral("g1.zhang")));
    const FieldRules zhang = FieldRules::load(device.db(), &setups);
    EXPECT_EQ(zhang.me().account, QStringLiteral("g1.zhang"));
    EXPECT_EQ(assessed(zhang),
              (QStringList{QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}));
    EXPECT_EQ(zhang.setup().unit(QStringLiteral("YL")), nullptr);

    // Signed out: no rules at all, cached or not.
    state.setAccount(QString());
    EXPECT_THROW(FieldRules::load(device.db(), &setups), FieldError);
}

TEST(FieldRulesCache, SeveralInMemoryDatabasesNeverSeeEachOther)
{
    SetupCache setups;
    MemoryDevice hu(QStringLiteral("g3.hu"));
    MemoryDevice li(QStringLiteral("g1.li"));
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(assessed(FieldRules::load(hu.db, &setups)),
                  (QStringList{QStringLiteral("XC"), QStringLiteral("YL"), QStringLiteral("HW")}));
        EXPECT_EQ(FieldRules::load(li.db, &setups).setup().unit(QStringLiteral("YL")), nullptr);
        EXPECT_EQ(FieldRules::load(li.db, &setups).me().account, QStringLiteral("g1.li"));
    }
    // A new database at the same address as a closed one starts from its own content.
    auto first = std::make_unique<MemoryDevice>(QStringLiteral("g3.hu"));
    EXPECT_EQ(FieldRules::load(first->db, &setups).me().account, QStringLiteral("g3.hu"));
    first.reset();
    auto second = std::make_unique<MemoryDevice>(QStringLiteral("g1.li"));
    EXPECT_EQ(FieldRules::load(second->db, &setups).me().account, QStringLiteral("g1.li"));
    EXPECT_EQ(FieldRules::load(second->db, &setups).setup().unit(QStringLiteral("YL")), nullptr);
}

TEST(FieldRulesCache, ARewriteByAnotherConnectionIsSeen)
{
    SetupCache setups;
    TestDevice device(QStringLiteral("g1.li"));
    ASSERT_EQ(unitName(FieldRules::load(device.db(), &setups), QStringLiteral("DC")),
              QStringLiteral("东城区"));
    {
        DeviceStore other(device.dir.path()); // onsite-field beside the running app
        protocol::Bootstrap changed = sampleBootstrap(QStringLiteral("g1.li"));
        changed.setup.units[0].name = QStringLiteral("东城区（新）");
        BootstrapApplier(other.db(), other.photosFolder()).apply(changed);
    }
    EXPECT_EQ(unitName(FieldRules::load(device.db(), &setups), QStringLiteral("DC")),
              QStringLiteral("东城区（新）"));
}

TEST(FieldRulesCache, AFailedReBootstrapLeavesThePreviousSetUp)
{
    SetupCache setups;
    TestDevice device(QStringLiteral("g1.li"));
    ASSERT_EQ(unitName(FieldRules::load(device.db(), &setups), QStringLiteral("DC")),
              QStringLiteral("东城区"));
    protocol::Bootstrap changed = sampleBootstrap(QStringLiteral("g1.li"));
    changed.setup.units[0].name = QStringLiteral("东城区（新）");
    FailingConnection failing(device.db(), QStringLiteral("INSERT INTO people"));
    EXPECT_THROW(BootstrapApplier(failing, device.store->photosFolder()).apply(changed), SqlError);
    EXPECT_EQ(unitName(FieldRules::load(device.db(), &setups), QStringLiteral("DC")),
              QStringLiteral("东城区"));
    BootstrapApplier(device.db(), device.store->photosFolder()).apply(changed);
    EXPECT_EQ(unitName(FieldRules::load(device.db(), &setups), QStringLiteral("DC")),
              QStringLiteral("东城区（新）"));
}

TEST(FieldRulesCache, ASetUpWrittenWithoutStampIsNeverCached)
{
    SetupCache setups;
    // Written by CampaignStore rather than a bootstrap: no stamp, so every load reads.
    SqliteConnection db(QStringLiteral(":memory:"));
    db.executeScript(QStringLiteral("PRAGMA foreign_keys = OFF"));
    migrateSchema(db);
    migrateSchema(db, deviceMigrationSet());
    CampaignStore(db).saveSetup(sampleBootstrap(QStringLiteral("g1.li")).setup);
    SyncState(db).setAccount(QStringLiteral("g1.li"));
    ASSERT_EQ(unitName(FieldRules::load(db, &setups), QStringLiteral("DC")), QStringLiteral("东城区"));
    db.execute(QStringLiteral("UPDATE units SET name = '东城区（改）' WHERE code = 'DC'"));
    EXPECT_EQ(unitName(FieldRules::load(db, &setups), QStringLiteral("DC")), QStringLiteral("东城区（改）"));
}

TEST(FieldRulesCache, WithoutACacheEveryLoadReadsItsOwnSetUp)
{
    TestDevice device(QStringLiteral("g3.hu"));
    const FieldRules first = FieldRules::load(device.db());
    const FieldRules second = FieldRules::load(device.db());
    EXPECT_NE(&first.setup(), &second.setup());
    EXPECT_EQ(assessed(first), assessed(second));
}

TEST(FieldRulesCache, TwoCachesNeverShareASetUp)
{
    TestDevice device(QStringLiteral("g3.hu"));
    SetupCache one, two;
    const FieldRules a = FieldRules::load(device.db(), &one);
    const FieldRules b = FieldRules::load(device.db(), &two);
    EXPECT_NE(&a.setup(), &b.setup());
    EXPECT_EQ(&a.setup(), &FieldRules::load(device.db(), &one).setup());
}
