// What the best sync engines got wrong: crashes mid-push and cursors that skip.
#include "e2efixture.h"

#include <QSet>
#include <QThread>

#include <atomic>
#include <csignal>
#include <thread>

namespace onsite::test {
namespace {

using SyncRobustness = HqEndToEnd;

// Every (unit, item) pair a rater of group 1 may score: 3 units × 21 items.
std::vector<std::pair<QString, QString>> groupOneKeys()
{
    std::vector<std::pair<QString, QString>> keys;
    const QStringList items = {QStringLiteral("1.4"), QStringLiteral("2.4"), QStringLiteral("2.5"),
                               QStringLiteral("4.2"), QStringLiteral("5.2")};
    for (const QString &unit : {QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")})
        for (const QString &item : items)
            keys.emplace_back(unit, item);
    return keys;
}

TEST_P(SyncRobustness, ServerKilledDuringPushesLosesAndDuplicatesNothing)
{
    const QStringList levels = {QStringLiteral("好"), QStringLiteral("较好"), QStringLiteral("一般"), QStringLiteral("差")};
    const auto keys = groupOneKeys();
    // 60 pushes of 5 edits each; the server is SIGKILLed twice while they run.
    constexpr int kBatches = 60;
    constexpr int kPerBatch = 5;
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-crash"));
    qint64 seq = 0;
    std::map<std::pair<QString, QString>, QString> lastInput;
    int killsDone = 0;
    for (int batch = 0; batch < kBatches; ++batch) {
        QJsonArray mutations;
        std::vector<std::pair<std::pair<QString, QString>, QString>> edits;
        for (int i = 0; i < kPerBatch; ++i) {
            ++seq;
            const auto &key = keys[static_cast<size_t>(seq) % keys.size()];
            const QString input = levels[static_cast<int>(seq % levels.size())];
            mutations.append(scoreMutation(seq, QStringLiteral("k-%1-%2").arg(key.first, key.second), key.first,
                                           key.second, QStringLiteral("g1.li"), input, 10000 + seq));
            edits.push_back({key, input});
        }
        if (batch == 20 || batch == 40) {
            // SIGKILL while this push is on its way or being applied: the device cannot
            // know whether it committed, so it must retry it against the restarted server.
            const qint64 pid = hq->pid();
            ASSERT_GT(pid, 0);
            std::thread killer([pid, batch] {
                std::this_thread::sleep_for(std::chrono::milliseconds(batch == 20 ? 1 : 15));
                ::kill(static_cast<pid_t>(pid), SIGKILL);
            });
            device->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-crash"), mutations));
            killer.join();
            hq->kill(); // reap
            ++killsDone;
            hq->start();
            auto reconnected = std::make_unique<ApiClient>(hq->baseUrl());
            ASSERT_EQ(reconnected->login(QStringLiteral("g1.li"), HqProcess::passwordOf(QStringLiteral("g1.li")),
                                         QStringLiteral("dev-crash"))
                          .status,
                      200);
            device = std::move(reconnected);
        }
        // Retry the same batch until answered: the outbox keeps it until then.
        ApiReply reply;
        for (int attempt = 0; attempt < 5 && reply.status != 200; ++attempt)
            reply = device->post(QStringLiteral("/api/v1/sync/push"), pushBody(QStringLiteral("dev-crash"), mutations));
        ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
        ASSERT_EQ(reply.json.value(QStringLiteral("last_processed_seq")).toInteger(), seq);
        for (const auto &[key, input] : edits)
            lastInput[key] = input;
    }
    EXPECT_EQ(killsDone, 2);

    // A second device sees each record once, with the last value written.
    auto reader = signIn(QStringLiteral("g1.zhang"), QStringLiteral("dev-reader"));
    const auto changes = pullAll(*reader, 0, 50);
    EXPECT_EQ(static_cast<int>(changes.size()), kBatches * kPerBatch) << "one change per applied edit, none twice";
    QSet<qint64> seqs;
    std::map<std::pair<QString, QString>, QString> seen;
    for (const PulledChange &change : changes) {
        EXPECT_FALSE(seqs.contains(change.seq));
        seqs.insert(change.seq);
        seen[{change.data.value(QStringLiteral("unit")).toString(), change.data.value(QStringLiteral("indicator")).toString()}] =
            change.data.value(QStringLiteral("input")).toString();
    }
    EXPECT_EQ(seen, lastInput);
}

TEST_P(SyncRobustness, ConcurrentPushersNeverMakeAPullerSkipAChange)
{
    // Four devices push updates at once while HQ pulls continuously. The puller must
    // receive every sequence number exactly once, with no gap, in order.
    constexpr int kWriters = 4;
    constexpr int kBatches = 15;
    constexpr int kPerBatch = 4;
    const QStringList accounts = {QStringLiteral("g1.li"), QStringLiteral("g1.zhang"), QStringLiteral("g1.liu"),
                                  QStringLiteral("g1.chen")};
    const auto keys = groupOneKeys();
    std::atomic<int> writersDone{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    const QString baseUrl = hq->baseUrl();
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            ApiClient client(baseUrl);
            const QString device = QStringLiteral("dev-w%1").arg(w);
            if (client.login(accounts[w], HqProcess::passwordOf(accounts[w]), device).status != 200) {
                ++failures;
                ++writersDone;
                return;
            }
            qint64 seq = 0;
            for (int b = 0; b < kBatches; ++b) {
                QJsonArray mutations;
                for (int i = 0; i < kPerBatch; ++i) {
                    ++seq;
                    const auto &key = keys[static_cast<size_t>(seq + w) % keys.size()];
                    mutations.append(scoreMutation(seq, QStringLiteral("c-%1-%2-%3").arg(w).arg(key.first, key.second),
                                                   key.first, key.second, accounts[w],
                                                   seq % 2 ? QStringLiteral("好") : QStringLiteral("较好"),
                                                   1000000 + seq * 10 + w));
                }
                if (client.post(QStringLiteral("/api/v1/sync/push"), pushBody(device, mutations)).status != 200)
                    ++failures;
            }
            ++writersDone;
        });
    }

    auto hqReader = signIn(QStringLiteral("kpb.admin"), QStringLiteral("dev-hq"));
    std::vector<qint64> received;
    qint64 cursor = 0;
    bool finalRound = false;
    for (int round = 0; round < 100000; ++round) {
        const bool writersFinished = writersDone.load() == kWriters;
        for (const PulledChange &change : pullAll(*hqReader, cursor, 7, &cursor))
            received.push_back(change.seq);
        if (finalRound)
            break;
        finalRound = writersFinished; // one more pull after the last write committed
    }
    for (std::thread &writer : writers)
        writer.join();
    ASSERT_EQ(failures.load(), 0);

    const qint64 total = kWriters * kBatches * kPerBatch;
    ASSERT_EQ(static_cast<qint64>(received.size()), total);
    for (qint64 i = 0; i < total; ++i)
        ASSERT_EQ(received[static_cast<size_t>(i)], i + 1) << "cursor skipped or repeated a change";
}

ONSITE_E2E_BACKENDS(SyncRobustness);

} // namespace
} // namespace onsite::test
