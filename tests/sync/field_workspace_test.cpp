#include "client/fieldworkspace.h"
#include "client/rules/fielderror.h"
#include "client/store/outbox.h"
#include "client/store/syncstate.h"
#include "sync/synctestsupport.h"

#include <gtest/gtest.h>

// FieldWorkspace: the app's one door to the device store. Writes go through its
// recorder, reads through its typed queries; a refused write leaves nothing behind.

using namespace onsite;
using namespace onsite::sync;
using onsite::test::TestDevice;

namespace {

// A signed-in device folder, then opened as the app opens it.
struct Workspace
{
    explicit Workspace(const QString &account)
    {
        {
            TestDevice device(account);
            folder = device.dir.path();
            device.dir.setAutoRemove(false);
        }
        workspace = std::make_unique<FieldWorkspace>(folder);
    }
    ~Workspace()
    {
        workspace.reset();
        QDir(folder).removeRecursively();
    }
    QString folder;
    std::unique_ptr<FieldWorkspace> workspace;
};

} // namespace

TEST(FieldWorkspace, KnowsWhoIsSignedIn)
{
    Workspace w(QStringLiteral("g1.zhang"));
    EXPECT_TRUE(w.workspace->signedIn());
    ASSERT_TRUE(w.workspace->me().has_value());
    EXPECT_EQ(w.workspace->me()->account, QStringLiteral("g1.zhang"));
    EXPECT_EQ(w.workspace->account(), QStringLiteral("g1.zhang"));
    EXPECT_EQ(w.workspace->unsyncedCount(), 0);
    // The set-up is read once while unchanged.
    EXPECT_EQ(&w.workspace->rules().setup(), &w.workspace->rules().setup());
}

TEST(FieldWorkspace, AWriteIsReadBackAndQueued)
{
    Workspace w(QStringLiteral("g1.zhang"));
    int changed = 0;
    QObject::connect(w.workspace.get(), &FieldWorkspace::changed, [&changed] { ++changed; });
    const RecordedScore score = w.workspace->record([](FieldRecorder &r) {
        return r.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    });
    EXPECT_EQ(score.entry.input, QStringLiteral("15.4"));
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(w.workspace->unsyncedCount(), 1);
    const FieldQueries queries = w.workspace->queries();
    EXPECT_EQ(queries.raterInputs(QStringLiteral("DC"), QStringLiteral("g1.zhang")).value(QStringLiteral("1.2")),
              QStringLiteral("15.4"));
    EXPECT_EQ(queries.raterCounts(QStringLiteral("DC")).value(QStringLiteral("1.2")), 1);
    EXPECT_EQ(queries.scoredItemsPerUnit(QStringLiteral("g1.zhang")).value(QStringLiteral("DC")), 1);
    EXPECT_EQ(queries.scoredItemsPerUnit(QStringLiteral("g1.zhang")).value(QStringLiteral("BH")), 0);
    EXPECT_TRUE(queries.raterInputs(QStringLiteral("DC"), QStringLiteral("g1.li")).isEmpty());

    w.workspace->record([](FieldRecorder &r) { r.recordVisit(QStringLiteral("DC-01"), QStringLiteral("看了台账")); });
    const auto visit = queries.latestVisit(QStringLiteral("DC-01"), QStringLiteral("g1.zhang"));
    ASSERT_TRUE(visit.has_value());
    EXPECT_EQ(visit->notes, QStringLiteral("看了台账"));
    EXPECT_TRUE(visit->checkedInAt.isValid());
    EXPECT_FALSE(queries.latestVisit(QStringLiteral("DC-01"), QStringLiteral("g1.li")).has_value());
}

TEST(FieldWorkspace, ARefusedWriteLeavesNothing)
{
    Workspace w(QStringLiteral("g1.zhang"));
    int changed = 0;
    QObject::connect(w.workspace.get(), &FieldWorkspace::changed, [&changed] { ++changed; });
    // XC belongs to another group: out of scope.
    EXPECT_THROW(w.workspace->record([](FieldRecorder &r) {
        r.recordScore(QStringLiteral("XC"), QStringLiteral("1.2"), QStringLiteral("15"), ScoreKind::Rater);
    }),
                 FieldError);
    EXPECT_THROW(w.workspace->record([](FieldRecorder &r) {
        r.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("not a number"), ScoreKind::Rater);
    }),
                 FieldError);
    EXPECT_EQ(changed, 0);
    EXPECT_EQ(w.workspace->unsyncedCount(), 0);
    EXPECT_TRUE(w.workspace->queries().scoredItemsPerUnit(QStringLiteral("g1.zhang")).isEmpty());
}

TEST(FieldWorkspace, SigningOutForgetsTheTokenAndOnlyOnRequestThePendingChanges)
{
    Workspace w(QStringLiteral("g1.zhang"));
    w.workspace->record([](FieldRecorder &r) {
        r.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
    });
    w.workspace->signOut(false);
    EXPECT_FALSE(w.workspace->signedIn());
    EXPECT_EQ(w.workspace->unsyncedCount(), 1);
    SyncState(w.workspace->store().db()).setCursor(42);
    w.workspace->signOut(true);
    EXPECT_EQ(w.workspace->unsyncedCount(), 0);
    // What the discarded changes wrote goes with them, and the next sync pulls from the
    // start, so the tablet shows HQ's records, not scores HQ never got.
    EXPECT_TRUE(w.workspace->queries().raterInputs(QStringLiteral("DC"), QStringLiteral("g1.zhang")).isEmpty());
    EXPECT_EQ(SyncState(w.workspace->store().db()).cursor(), 0);
}

// The status bar never says "all synced" while HQ has refused a change: it counts them.
TEST(FieldWorkspace, CountsTheChangesHqRefusedOrFoundInConflict)
{
    Workspace w(QStringLiteral("g1.zhang"));
    w.workspace->record([](FieldRecorder &r) {
        r.recordScore(QStringLiteral("DC"), QStringLiteral("1.2"), QStringLiteral("15.4"), ScoreKind::Rater);
        r.recordScore(QStringLiteral("DC"), QStringLiteral("1.3"), QStringLiteral("1"), ScoreKind::Rater);
    });
    EXPECT_EQ(w.workspace->refusedCount(), 0);
    Outbox outbox(w.workspace->store().db());
    const auto pending = outbox.entries(outboxstate::kPending);
    ASSERT_EQ(pending.size(), 2u);
    outbox.resolve(pending[0].mutation.seq, outboxstate::kRejected, QStringLiteral("unit_locked"));
    outbox.resolve(pending[1].mutation.seq, outboxstate::kConflict, QStringLiteral("concurrent_edit"));
    EXPECT_EQ(w.workspace->unsyncedCount(), 0);
    EXPECT_EQ(w.workspace->refusedCount(), 2);
}

TEST(FieldWorkspace, BeforeSignInThereIsNoPersonAndTheDefaultServer)
{
    QTemporaryDir dir;
    FieldWorkspace workspace(dir.path());
    workspace.setDefaultServerUrl(QStringLiteral("https://hq.example"));
    EXPECT_FALSE(workspace.signedIn());
    EXPECT_FALSE(workspace.me().has_value());
    EXPECT_THROW(workspace.rules(), FieldError);
    EXPECT_EQ(workspace.serverUrl(), QStringLiteral("https://hq.example"));
    EXPECT_TRUE(workspace.queries().unitPhotos(QStringLiteral("DC")).empty());
}
