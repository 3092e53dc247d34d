// Pushes from several devices at once against one onsite-hq, each batch sent twice at the
// same moment (a retry racing the original), while HQ's reader pulls in small pages: the
// feed numbers every applied change once, no pull cursor skips or repeats one, the racing
// copy is answered as a replay and applies nothing twice, and the keyed history verifies.
// Pushes no longer take the feed's counter row first (only right before their commit), so
// on PostgreSQL they really run side by side here.
#include "e2efixture.h"

#include <QJsonDocument>

#include <atomic>
#include <map>
#include <thread>

namespace onsite::test {
namespace {

struct Writer
{
    QString account;
    QStringList units; // of its group, its home unit left out (回避)
};

const std::vector<Writer> kWriters = {
    {QStringLiteral("g1.li"), {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}},
    {QStringLiteral("g1.zhang"), {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}},
    {QStringLiteral("g1.liu"), {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}},
    {QStringLiteral("g2.yang"), {QStringLiteral("QS"), QStringLiteral("PC"), QStringLiteral("LL")}},
    {QStringLiteral("g2.huang"), {QStringLiteral("QS"), QStringLiteral("PC"), QStringLiteral("XQ")}},
    {QStringLiteral("g3.xu"), {QStringLiteral("XC"), QStringLiteral("YL"), QStringLiteral("HW")}},
};

// 等次评价 items: any level is a valid input.
const QStringList kItems = {QStringLiteral("1.4"), QStringLiteral("2.4"), QStringLiteral("2.5"),
                            QStringLiteral("4.2"), QStringLiteral("5.2")};
const QStringList kLevels = {QStringLiteral("好"), QStringLiteral("较好"), QStringLiteral("一般"),
                             QStringLiteral("差")};

bool allApplied(const ApiReply &reply, int expected)
{
    const QJsonArray results = reply.json.value(QStringLiteral("results")).toArray();
    if (reply.status != 200 || results.size() != expected)
        return false;
    for (const QJsonValue &result : results) {
        if (result.toObject().value(QStringLiteral("status")).toString() != QLatin1String("applied"))
            return false;
    }
    return true;
}

class ConcurrentPush : public HqEndToEnd
{
};

TEST_P(ConcurrentPush, DevicesPushingAtOnceAreNumberedOnceWithoutSkipAndARacingRetryAppliesNothingTwice)
{
    constexpr int kBatches = 8;
    constexpr int kPerBatch = 5;
    const QString url = hq->baseUrl();
    std::atomic<int> writersDone{0}, failures{0};
    // Per writer: record id -> the input it sent last. Every mutation is a change: a
    // new score or a new input for one of the writer's scores.
    std::vector<std::map<QString, QString>> written(kWriters.size());
    std::vector<int> mutationsSent(kWriters.size(), 0);
    // Signed in one after the other first: sign-ins at once are throttled (503 busy).
    QStringList tokens;
    for (std::size_t w = 0; w < kWriters.size(); ++w) {
        ApiClient client(url);
        const ApiReply login = client.login(kWriters[w].account, HqProcess::passwordOf(kWriters[w].account),
                                            QStringLiteral("dev-cp-%1").arg(w));
        ASSERT_EQ(login.status, 200) << login.body.toStdString();
        tokens << login.json.value(QStringLiteral("token")).toString();
    }
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < kWriters.size(); ++w) {
        threads.emplace_back([&, w] {
            const Writer &writer = kWriters[w];
            const QString device = QStringLiteral("dev-cp-%1").arg(w);
            const QString token = tokens[qsizetype(w)];
            ApiClient original(url);
            original.setToken(token);
            qint64 seq = 0;
            for (int b = 0; b < kBatches; ++b) {
                QJsonArray mutations;
                for (int i = 0; i < kPerBatch; ++i) {
                    ++seq;
                    const QString unit = writer.units[int(seq % writer.units.size())];
                    const QString item = kItems[int((seq / writer.units.size()) % kItems.size())];
                    const QString id = QStringLiteral("cp-%1-%2-%3").arg(w).arg(unit, item);
                    QString input = kLevels[int((seq + qint64(w)) % kLevels.size())];
                    if (written[w].count(id) && written[w][id] == input) // always a real change
                        input = kLevels[int((seq + qint64(w) + 1) % kLevels.size())];
                    mutations.append(scoreMutation(seq, id, unit, item, writer.account, input,
                                                   3000000 + seq * 10 + qint64(w)));
                    written[w][id] = input;
                }
                const QJsonObject body = pushBody(device, mutations);
                // The same batch twice at once, on two connections: the device lost the
                // first answer and sent again before the first push had finished.
                ApiReply racing;
                std::thread second([&] {
                    ApiClient client(url);
                    client.setToken(token);
                    racing = client.post(QStringLiteral("/api/v1/sync/push"), body);
                });
                const ApiReply first = original.post(QStringLiteral("/api/v1/sync/push"), body);
                second.join();
                for (const ApiReply *reply : {&first, static_cast<const ApiReply *>(&racing)}) {
                    if (!allApplied(*reply, kPerBatch)) {
                        ADD_FAILURE() << "push " << b << " of " << writer.account.toStdString() << ": "
                                      << reply->status << " " << reply->body.left(400).toStdString();
                        ++failures;
                    }
                }
                mutationsSent[w] += kPerBatch;
            }
            ++writersDone;
        });
    }

    // HQ's reader pulls in small pages while the pushes go on.
    ApiClient reader(url);
    ASSERT_EQ(reader.login(QStringLiteral("kpb.admin"), HqProcess::passwordOf(QStringLiteral("kpb.admin")),
                           QStringLiteral("dev-cp-hq"))
                  .status,
              200);
    std::vector<PulledChange> received;
    qint64 cursor = 0;
    bool finalRound = false;
    for (int round = 0; round < 100000; ++round) {
        const bool writersFinished = writersDone.load() == int(kWriters.size());
        for (PulledChange &change : pullAll(reader, cursor, 7, &cursor))
            received.push_back(std::move(change));
        if (finalRound)
            break;
        finalRound = writersFinished; // one more pull after the last push committed
    }
    for (std::thread &thread : threads)
        thread.join();
    ASSERT_EQ(failures.load(), 0);

    // Every mutation applied exactly once: the racing copies added no change.
    qint64 total = 0;
    for (int sent : mutationsSent)
        total += sent;
    ASSERT_EQ(total, qint64(kWriters.size()) * kBatches * kPerBatch);
    ASSERT_EQ(qint64(received.size()), total) << "a change was skipped, repeated or applied twice";
    for (qint64 i = 0; i < total; ++i)
        ASSERT_EQ(received[std::size_t(i)].seq, i + 1) << "the pull cursor skipped or repeated a change";

    // The feed ends with each record's last input.
    std::map<QString, QString> last;
    for (const PulledChange &change : received)
        last[change.id] = change.data.value(QStringLiteral("input")).toString();
    std::size_t records = 0;
    for (std::size_t w = 0; w < kWriters.size(); ++w) {
        records += written[w].size();
        for (const auto &[id, input] : written[w])
            EXPECT_EQ(last[id], input) << id.toStdString();
    }
    EXPECT_EQ(last.size(), records);

    // A device starting from zero gets the same, and the history holds every change.
    const auto again = pullAll(reader, 0, 500);
    ASSERT_EQ(again.size(), received.size());
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("verify-history"), QStringLiteral("--format"), QStringLiteral("json")}, &out), 0)
        << out.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(out.toUtf8()).object();
    EXPECT_TRUE(report.value(QStringLiteral("ok")).toBool()) << out.toStdString();
    EXPECT_EQ(report.value(QStringLiteral("entries")).toInteger(), total) << out.toStdString();
}

ONSITE_E2E_BACKENDS(ConcurrentPush);

} // namespace
} // namespace onsite::test
