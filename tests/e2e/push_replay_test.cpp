// A replayed push number must carry the content HQ stored under it. Push state belongs
// to (account, device): neither another account using the same device id nor a device
// folder restored from a backup can make HQ answer "done" for content it never stored.
#include "consolerecords.h"
#include "e2efixture.h"
#include "fielddevice.h"

#include <QDateTime>

namespace onsite::test {
namespace {

using PushReplay = HqEndToEnd;

const QString kPush = QStringLiteral("/api/v1/sync/push");

QJsonObject resultOf(const ApiReply &reply, qint64 seq)
{
    for (const QJsonValue &r : reply.json.value(QStringLiteral("results")).toArray()) {
        if (r.toObject().value(QStringLiteral("seq")).toInteger() == seq)
            return r.toObject();
    }
    return {};
}

// The input HQ holds for a rater's score, or a null string when it holds none.
QString inputAtHq(const std::vector<PulledChange> &changes, const QString &unit, const QString &indicator,
                  const QString &account)
{
    QString input;
    for (const PulledChange &c : changes) {
        if (c.entity == QLatin1String("score") && c.data.value(QStringLiteral("unit")).toString() == unit &&
            c.data.value(QStringLiteral("indicator")).toString() == indicator &&
            c.data.value(QStringLiteral("account")).toString() == account)
            input = c.data.value(QStringLiteral("input")).toString();
    }
    return input;
}

TEST_P(PushReplay, AnotherAccountOnTheSameDeviceIdNeitherSignsOutNorShadowsTheDevice)
{
    auto tablet = signIn(QStringLiteral("g1.li"), QStringLiteral("tab-1"));
    // Someone who learnt the tablet's id signs in with it and pushes a huge number.
    auto intruder = signIn(QStringLiteral("g1.zhang"), QStringLiteral("tab-1"));
    const ApiReply pushed = intruder->post(
        kPush, pushBody(QStringLiteral("tab-1"), {scoreMutation(1000000, QStringLiteral("z-1"), QStringLiteral("DC"),
                                                                QStringLiteral("1.4"), QStringLiteral("g1.zhang"),
                                                                QStringLiteral("好"), 5000)}));
    ASSERT_EQ(pushed.status, 200) << pushed.body.toStdString();

    // The tablet is still signed in, and its own numbers start at 1 as before.
    const ApiReply own = tablet->post(
        kPush, pushBody(QStringLiteral("tab-1"), {scoreMutation(1, QStringLiteral("l-1"), QStringLiteral("DC"),
                                                                QStringLiteral("2.4"), QStringLiteral("g1.li"),
                                                                QStringLiteral("较好"), 6000)}));
    ASSERT_EQ(own.status, 200) << own.body.toStdString();
    EXPECT_EQ(resultOf(own, 1).value(QStringLiteral("status")).toString(), QStringLiteral("applied")) << own.body.toStdString();
    EXPECT_EQ(own.json.value(QStringLiteral("last_processed_seq")).toInteger(), 1);

    auto hqReader = signIn(QStringLiteral("kpb.admin"), QStringLiteral("hq-reader"));
    const auto changes = pullAll(*hqReader);
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("DC"), QStringLiteral("2.4"), QStringLiteral("g1.li")), QStringLiteral("较好"));
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("DC"), QStringLiteral("1.4"), QStringLiteral("g1.zhang")), QStringLiteral("好"));
}

TEST_P(PushReplay, ReusedNumberWithOtherContentIsRefusedNeverTakenAsDone)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("tab-2"));
    QJsonArray first;
    for (int seq = 1; seq <= 3; ++seq)
        first.append(scoreMutation(seq, QStringLiteral("a-%1").arg(seq), QStringLiteral("DC"),
                                   QStringLiteral("1.4,2.4,2.5").split(QLatin1Char(','))[seq - 1], QStringLiteral("g1.li"),
                                   QStringLiteral("好"), 1000 + seq));
    ASSERT_EQ(device->post(kPush, pushBody(QStringLiteral("tab-2"), first)).status, 200);

    // A restored folder numbers new edits 2, 3, 4 again.
    QJsonArray reused;
    for (int seq = 2; seq <= 4; ++seq)
        reused.append(scoreMutation(seq, QStringLiteral("b-%1").arg(seq), QStringLiteral("BH"),
                                    QStringLiteral("1.4,2.4,2.5").split(QLatin1Char(','))[seq - 2], QStringLiteral("g1.li"),
                                    QStringLiteral("差"), 2000 + seq));
    const ApiReply reply = device->post(kPush, pushBody(QStringLiteral("tab-2"), reused));
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    for (int seq : {2, 3}) {
        const QJsonObject result = resultOf(reply, seq);
        EXPECT_EQ(result.value(QStringLiteral("status")).toString(), QStringLiteral("rejected")) << reply.body.toStdString();
        EXPECT_EQ(result.value(QStringLiteral("reason")).toString(), QStringLiteral("sequence_reused"));
        EXPECT_FALSE(result.value(QStringLiteral("message")).toString().isEmpty());
    }
    EXPECT_EQ(resultOf(reply, 4).value(QStringLiteral("status")).toString(), QStringLiteral("applied"));
    EXPECT_EQ(reply.json.value(QStringLiteral("last_processed_seq")).toInteger(), 4);

    // A true replay (same content, same number) still gets its original outcome.
    const ApiReply replay = device->post(kPush, pushBody(QStringLiteral("tab-2"), {first.at(1)}));
    EXPECT_EQ(resultOf(replay, 2).value(QStringLiteral("status")).toString(), QStringLiteral("applied")) << replay.body.toStdString();

    // Nothing of the refused content reached HQ under the reused numbers.
    auto hqReader = signIn(QStringLiteral("kpb.admin"), QStringLiteral("hq-reader"));
    const auto changes = pullAll(*hqReader);
    EXPECT_TRUE(inputAtHq(changes, QStringLiteral("BH"), QStringLiteral("1.4"), QStringLiteral("g1.li")).isNull());
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("BH"), QStringLiteral("2.5"), QStringLiteral("g1.li")), QStringLiteral("差"));
}

TEST_P(PushReplay, DeviceFolderRestoredFromABackupRenumbersAndLosesNothing)
{
    FieldDevice tablet(QStringLiteral("li"));
    const FieldRun login = tablet.run({QStringLiteral("login"), QStringLiteral("--server"), hq->baseUrl(),
                                       QStringLiteral("--user"), QStringLiteral("g1.li"), QStringLiteral("--password"),
                                       HqProcess::passwordOf(QStringLiteral("g1.li"))});
    ASSERT_EQ(login.exitCode, 0) << login.output.toStdString();
    auto score = [&](const char *unit, const char *item, const char *input) {
        const FieldRun run = tablet.run({QStringLiteral("score"), QString::fromLatin1(unit), QString::fromLatin1(item),
                                         QString::fromUtf8(input)});
        EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
    };
    auto sync = [&] {
        const FieldRun run = tablet.run({QStringLiteral("sync")});
        EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
        return run.output;
    };
    score("DC", "1.4", "较好");
    sync();
    ASSERT_TRUE(tablet.backUp(QStringLiteral("backup")));
    score("DC", "2.4", "好");
    score("BH", "1.4", "一般");
    sync();

    // The folder comes back from the backup: its counter is behind HQ's.
    ASSERT_TRUE(tablet.restore(QStringLiteral("backup")));
    score("SM", "1.4", "差");
    score("SM", "2.4", "较好");
    const QString output = sync();
    EXPECT_TRUE(output.contains(QStringLiteral("重新编号"))) << output.toStdString();
    EXPECT_TRUE(tablet.run({QStringLiteral("status")}).output.contains(QStringLiteral("待同步更改：0")));

    auto hqReader = signIn(QStringLiteral("kpb.admin"), QStringLiteral("hq-reader"));
    const auto changes = pullAll(*hqReader);
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("SM"), QStringLiteral("1.4"), QStringLiteral("g1.li")), QStringLiteral("差"));
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("SM"), QStringLiteral("2.4"), QStringLiteral("g1.li")), QStringLiteral("较好"));
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("DC"), QStringLiteral("2.4"), QStringLiteral("g1.li")), QStringLiteral("好"));
    EXPECT_EQ(inputAtHq(changes, QStringLiteral("BH"), QStringLiteral("1.4"), QStringLiteral("g1.li")), QStringLiteral("一般"));
}

// Clocks decide conflicts: a stamp compared as text must have the one fixed format, and
// one far in the future would outvote every later edit, HQ's own included.
// After HQ is restored from a backup a device re-sends its records under new numbers
// ("resend"): content HQ still holds is answered with its stored outcome and stored once,
// the rest is applied, and a retry of the same re-sent push is a plain replay.
TEST_P(PushReplay, ReSentContentHqHoldsIsAnsweredFromItsOutcomeAndStoredOnce)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("tab-5"));
    const QJsonObject held = scoreMutation(1, QStringLiteral("r-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                           QStringLiteral("g1.li"), QStringLiteral("好"), 3001);
    const ApiReply first = device->post(kPush, pushBody(QStringLiteral("tab-5"), {held}));
    ASSERT_EQ(resultOf(first, 1).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
        << first.body.toStdString();

    QJsonObject heldAgain = held;
    heldAgain.insert(QStringLiteral("seq"), 2);
    QJsonObject body = pushBody(QStringLiteral("tab-5"),
                                {heldAgain, scoreMutation(3, QStringLiteral("r-3"), QStringLiteral("DC"), QStringLiteral("2.4"),
                                                          QStringLiteral("g1.li"), QStringLiteral("较好"), 3003)});
    body.insert(QStringLiteral("resend"), true);
    for (int attempt = 0; attempt < 2; ++attempt) { // the second is a retry that lost its answer
        const ApiReply reply = device->post(kPush, body);
        ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
        EXPECT_EQ(resultOf(reply, 2).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
            << "attempt " << attempt << ": " << reply.body.toStdString();
        EXPECT_EQ(resultOf(reply, 3).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
            << "attempt " << attempt << ": " << reply.body.toStdString();
        EXPECT_EQ(reply.json.value(QStringLiteral("last_processed_seq")).toInteger(), 3);
    }

    auto hqReader = signIn(QStringLiteral("kpb.admin"), QStringLiteral("hq-reader"));
    int heldChanges = 0, newChanges = 0;
    for (const PulledChange &c : pullAll(*hqReader)) {
        heldChanges += c.id == QLatin1String("r-1") ? 1 : 0;
        newChanges += c.id == QLatin1String("r-3") ? 1 : 0;
    }
    EXPECT_EQ(heldChanges, 1) << "the held score was stored again";
    EXPECT_EQ(newChanges, 1);
}

TEST_P(PushReplay, ClocksThatAreMalformedOrFarAheadAreRefused)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("tab-3"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto withClock = [](QJsonObject mutation, const QString &hlc) {
        mutation.insert(QStringLiteral("hlc"), hlc);
        return mutation;
    };
    QJsonArray mutations{
        withClock(scoreMutation(1, QStringLiteral("h-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), 0),
                  QStringLiteral("zzz")),
        withClock(scoreMutation(2, QStringLiteral("h-2"), QStringLiteral("DC"), QStringLiteral("2.4"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), 0),
                  QStringLiteral("0000000001000-00000\n")),
        scoreMutation(3, QStringLiteral("h-3"), QStringLiteral("DC"), QStringLiteral("2.5"), QStringLiteral("g1.li"),
                      QStringLiteral("好"), now + 2 * 3600 * 1000),
        scoreMutation(4, QStringLiteral("h-4"), QStringLiteral("DC"), QStringLiteral("4.2"), QStringLiteral("g1.li"),
                      QStringLiteral("好"), now + 60 * 1000)};
    const ApiReply reply = device->post(kPush, pushBody(QStringLiteral("tab-3"), mutations));
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    EXPECT_EQ(resultOf(reply, 1).value(QStringLiteral("reason")).toString(), QStringLiteral("invalid_clock"));
    EXPECT_EQ(resultOf(reply, 2).value(QStringLiteral("reason")).toString(), QStringLiteral("invalid_clock"));
    EXPECT_EQ(resultOf(reply, 3).value(QStringLiteral("reason")).toString(), QStringLiteral("clock_ahead"));
    EXPECT_EQ(resultOf(reply, 4).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
        << "a minute of drift is allowed";
    EXPECT_EQ(reply.json.value(QStringLiteral("last_processed_seq")).toInteger(), 4);
}

// A record's own times are bounded like its stamp, and its id and photo list have a shape:
// refused one by one (the rest of the push goes on), never stored as they came.
TEST_P(PushReplay, RecordTimesFarAheadOverlongIdsAndMalformedPhotoListsAreRefused)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("tab-4"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonObject farAhead = scoreMutation(1, QStringLiteral("t-1"), QStringLiteral("DC"), QStringLiteral("1.4"),
                                         QStringLiteral("g1.li"), QStringLiteral("好"), now);
    QJsonObject data = farAhead.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("recorded_at"), QStringLiteral("9999-12-31T23:59:59.999Z"));
    farAhead.insert(QStringLiteral("data"), data);
    QJsonObject visit = recordMutation(2, QStringLiteral("visit"), QStringLiteral("v-1"),
                                       visitData(QStringLiteral("DC-01"), QStringLiteral("g1.li")));
    QJsonObject visitData = visit.value(QStringLiteral("data")).toObject();
    visitData.insert(QStringLiteral("checked_out_at"), QStringLiteral("9999-12-31T23:59:59.999Z"));
    visit.insert(QStringLiteral("data"), visitData);
    auto finding = [](qint64 seq, const QString &id, const QJsonValue &photos) {
        QJsonObject data = findingData(QStringLiteral("DC"), QStringLiteral("DC-01"), QStringLiteral("g1.li"),
                                       QStringLiteral("记录不全"));
        data.insert(QStringLiteral("photos"), photos);
        return recordMutation(seq, QStringLiteral("finding"), id, data);
    };
    const QJsonArray mutations{farAhead,
                               visit,
                               finding(3, QString(129, u'f'), QJsonArray()),
                               finding(4, QStringLiteral("f-4"), QStringLiteral("abc")),
                               finding(5, QStringLiteral("f-5"), QJsonArray{1, QJsonObject(), QJsonValue()}),
                               finding(6, QString(128, u'g'), QJsonArray())};
    const ApiReply reply = device->post(kPush, pushBody(QStringLiteral("tab-4"), mutations));
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    EXPECT_EQ(resultOf(reply, 1).value(QStringLiteral("reason")).toString(), QStringLiteral("clock_ahead"));
    EXPECT_TRUE(resultOf(reply, 1).value(QStringLiteral("message")).toString().contains(QStringLiteral("recorded_at")));
    EXPECT_EQ(resultOf(reply, 2).value(QStringLiteral("reason")).toString(), QStringLiteral("clock_ahead"));
    EXPECT_EQ(resultOf(reply, 3).value(QStringLiteral("reason")).toString(), QStringLiteral("bad_record"));
    EXPECT_EQ(resultOf(reply, 4).value(QStringLiteral("reason")).toString(), QStringLiteral("bad_record"));
    EXPECT_EQ(resultOf(reply, 5).value(QStringLiteral("reason")).toString(), QStringLiteral("bad_record"));
    EXPECT_EQ(resultOf(reply, 6).value(QStringLiteral("status")).toString(), QStringLiteral("applied"))
        << reply.body.toStdString();
    EXPECT_EQ(reply.json.value(QStringLiteral("last_processed_seq")).toInteger(), 6);
}

} // namespace

ONSITE_E2E_BACKENDS(PushReplay);

} // namespace onsite::test
