// R1 and R2 of the reliability suite (docs/RELIABILITY.md): three real `onsite-field`
// devices edit and sync in small steps through a fault proxy (tests/reliability) that
// cuts connections mid-request and mid-response, truncates requests and answers and
// delays both ways, while HQ is SIGKILLed mid-push and restarted, and each device's own
// `sync` is SIGKILLed now and then; at the end every device syncs cleanly and HQ holds
// exactly every acknowledged change (lost 0, duplicated 0), devices and HQ agree, and
// every device database is intact.
//
// ctest runs a smoke size; scripts/fault-suite.sh runs the long one through the same
// test with ONSITE_FAULT_EDITS, ONSITE_FAULT_HQ_KILLS, ONSITE_FAULT_SEED.
#include "consolefixture.h"
#include "faultchecker.h"
#include "fielddevice.h"
#include "reliability/faultproxy.h"

#include "store/filesecurestore.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

namespace onsite::test {
namespace {

int setting(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariable(name).toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

const QStringList kUnits{QStringLiteral("DC"), QStringLiteral("BH"), QStringLiteral("SM")}; // 第一检查组
const QStringList kItems{QStringLiteral("1.4"), QStringLiteral("2.4"), QStringLiteral("2.5"), QStringLiteral("4.2"),
                         QStringLiteral("5.2")};
const QStringList kLevels{QStringLiteral("好"), QStringLiteral("较好"), QStringLiteral("一般"), QStringLiteral("差")};

struct DeviceStats
{
    int edits = 0;
    int syncs = 0;
    int failedSyncs = 0; // HQ away or killed: the device keeps its changes and tries again
    int killedSyncs = 0; // the device's own sync SIGKILLed while it ran (R2)
};

// One field device working through its edits on its own thread.
class Worker
{
public:
    Worker(QString account, quint32 seed) : m_account(std::move(account)), m_device(m_account), m_random(seed) {}

    const QString &account() const { return m_account; }
    FieldDevice &device() { return m_device; }
    const DeviceStats &stats() const { return m_stats; }
    const QStringList &failures() const { return m_failures; }

    // `edits` local edits (4 in 5 a score, else a finding), a sync after every
    // `perSync`; `killEvery`-th sync on average is SIGKILLed after 0–150 ms.
    void work(int edits, int perSync, int killEvery, std::atomic<int> &syncsInFlight, std::atomic<int> &editsDone)
    {
        for (int i = 1; i <= edits; ++i) {
            QStringList arguments;
            if (m_random.bounded(5) == 0) {
                arguments = {QStringLiteral("finding"), QStringLiteral("--unit"), kUnits[m_random.bounded(3)],
                             QStringLiteral("--kind"), QStringLiteral("问题"), QStringLiteral("--description"),
                             QStringLiteral("fault %1 #%2").arg(m_account).arg(i)};
            } else {
                arguments = {QStringLiteral("score"), kUnits[m_random.bounded(3)], kItems[m_random.bounded(5)],
                             kLevels[m_random.bounded(4)]};
            }
            const FieldRun edit = m_device.run(arguments);
            if (edit.exitCode != 0) // a local edit never needs HQ
                m_failures << QStringLiteral("%1 %2: %3").arg(m_account, arguments.join(QLatin1Char(' ')), edit.output);
            ++m_stats.edits;
            ++editsDone;
            if (i % perSync == 0 || i == edits) {
                ++syncsInFlight;
                sync(m_random.bounded(killEvery) == 0);
                --syncsInFlight;
            }
        }
    }

    // A sync that must succeed (HQ is up and stays up).
    bool finalSync()
    {
        const FieldRun run = m_device.run({QStringLiteral("sync"), QStringLiteral("--timeout"), QStringLiteral("20")});
        if (run.exitCode != 0)
            m_failures << QStringLiteral("%1 final sync: %2").arg(m_account, run.output);
        return run.exitCode == 0;
    }

private:
    void sync(bool killIt)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(ONSITE_FIELD_BINARY),
                      {QStringLiteral("sync"), QStringLiteral("--timeout"), QStringLiteral("10"), QStringLiteral("--data"),
                       m_device.folder()});
        ++m_stats.syncs;
        if (killIt && !process.waitForFinished(static_cast<int>(m_random.bounded(150)))) {
            process.kill(); // SIGKILL: no chance to finish the transaction it is in
            process.waitForFinished(10000);
            ++m_stats.killedSyncs;
            return;
        }
        process.waitForFinished(60000);
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            ++m_stats.failedSyncs;
    }

    QString m_account;
    FieldDevice m_device;
    QRandomGenerator m_random;
    DeviceStats m_stats;
    QStringList m_failures;
};

class FaultSuite : public ConsoleEndToEnd
{
protected:
    // SIGKILLs HQ and starts it again on the same port (devices keep its address).
    void killAndRestartHq(QRandomGenerator &random)
    {
        hq->kill();
        QThread::msleep(50 + random.bounded(250)); // HQ stays away a moment: syncs meanwhile fail
        const QString listen = QStringLiteral("127.0.0.1:%1").arg(port);
        for (int attempt = 0;; ++attempt) {
            try {
                hq->start({QStringLiteral("--listen"), listen});
                return;
            } catch (const std::exception &) {
                if (attempt == 20)
                    throw;
                QThread::msleep(100); // the port still held by the killed process's sockets
            }
        }
    }

    quint16 port = 0;
};

TEST_P(FaultSuite, DevicesSyncThroughHqAndDeviceKillsAndHqHoldsExactlyWhatWasAcknowledged)
{
    const int edits = setting("ONSITE_FAULT_EDITS", 30);
    const int hqKills = setting("ONSITE_FAULT_HQ_KILLS", 2);
    const int perSync = setting("ONSITE_FAULT_EDITS_PER_SYNC", 5);
    const int killEvery = setting("ONSITE_FAULT_DEVICE_KILL_EVERY", 4);
    const quint32 seed = static_cast<quint32>(setting("ONSITE_FAULT_SEED", static_cast<int>(QRandomGenerator::global()->bounded(1 << 30))));
    std::cout << "[fault suite] seed " << seed << " (ONSITE_FAULT_SEED reproduces the plan, not the timing)\n";
    port = hq->port();
    hq->terminate();
    hq->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
    // Devices reach HQ only through the proxy; it keeps forwarding to the same port
    // across HQ's restarts. Sign-in passes untouched, then the faults start.
    FaultPlan plan; // about one request in two broken, so even the smoke size meets every kind
    plan.delayPercent = 12;
    plan.cutRequestPercent = 10;
    plan.cutResponsePercent = 10;
    plan.truncateRequestPercent = 8;
    plan.truncateResponsePercent = 10;
    FaultProxy proxy(port, seed, plan);
    proxy.setFaultsEnabled(false);
    const QString proxyUrl = QStringLiteral("http://127.0.0.1:%1").arg(proxy.port());

    const QStringList accounts{QStringLiteral("g1.li"), QStringLiteral("g1.zhang"), QStringLiteral("g1.liu")};
    std::vector<std::unique_ptr<Worker>> workers;
    for (int d = 0; d < accounts.size(); ++d) {
        workers.push_back(std::make_unique<Worker>(accounts[d], seed + 7919 * (d + 1)));
        const FieldRun login = workers.back()->device().run(
            {QStringLiteral("login"), QStringLiteral("--server"), proxyUrl, QStringLiteral("--user"), accounts[d],
             QStringLiteral("--password"), HqProcess::passwordOf(accounts[d])});
        ASSERT_EQ(login.exitCode, 0) << login.output.toStdString();
    }

    proxy.setFaultsEnabled(true);
    std::atomic<int> syncsInFlight{0}, editsDone{0}, workersDone{0};
    std::vector<std::thread> threads;
    for (auto &worker : workers) {
        threads.emplace_back([&, w = worker.get()] {
            w->work(edits, perSync, killEvery, syncsInFlight, editsDone);
            ++workersDone;
        });
    }
    // HQ is killed while a sync is running, spread over the run: the k-th kill waits
    // until k/(kills+1) of all edits are made, then for a sync in flight, then 0–80 ms.
    QRandomGenerator chaos(seed);
    const int totalEdits = edits * static_cast<int>(workers.size());
    int killsDone = 0, killsMidSync = 0;
    while (workersDone.load() < static_cast<int>(workers.size())) {
        const bool due = killsDone < hqKills && editsDone.load() * (hqKills + 1) >= totalEdits * (killsDone + 1);
        if (!due || syncsInFlight.load() == 0) {
            QThread::msleep(2);
            continue;
        }
        QThread::msleep(chaos.bounded(80));
        killsMidSync += syncsInFlight.load() > 0 ? 1 : 0;
        killAndRestartHq(chaos);
        ++killsDone;
    }
    for (std::thread &thread : threads)
        thread.join();
    ASSERT_TRUE(hq->running()) << hq->serverOutput().toStdString();

    // HQ stays up and the link is clean now: every device sends what is left, then all
    // pull once more so each holds its teammates' last changes too.
    proxy.setFaultsEnabled(false);
    const FaultCounts faults = proxy.counts();
    for (int round = 0; round < 2; ++round) {
        for (auto &worker : workers)
            EXPECT_TRUE(worker->finalSync()) << worker->failures().join(QLatin1Char('\n')).toStdString();
    }

    // The checker: each device's acknowledged changes against HQ's change feed and tables.
    FaultTally tally;
    DeviceStats all;
    auto hqDatabase = database();
    for (auto &worker : workers) {
        EXPECT_TRUE(worker->failures().isEmpty()) << worker->failures().join(QLatin1Char('\n')).toStdString();
        // The device database is encrypted; its key sits in the folder's secure store.
        const QDir folder(worker->device().folder());
        const auto key = FileSecureStore(folder.filePath(QStringLiteral("secrets")))
                             .load(QStringLiteral("device-key"), nullptr);
        SqliteConnection device(folder.filePath(QStringLiteral("device.sqlite")), key.value_or(QByteArray()));
        EXPECT_EQ(integrityOf(device), QStringLiteral("ok")) << worker->account().toStdString();
        tally += checkDevice(device, *hqDatabase, worker->account(), kUnits);
        const DeviceStats &s = worker->stats();
        all.edits += s.edits;
        all.syncs += s.syncs;
        all.failedSyncs += s.failedSyncs;
        all.killedSyncs += s.killedSyncs;
    }
    std::cout << "[fault suite] devices " << workers.size() << ", edits " << all.edits << ", syncs " << all.syncs
              << " (failed while HQ was away " << all.failedSyncs << ", device SIGKILLed mid-sync " << all.killedSyncs
              << "), HQ SIGKILLs " << killsDone << " (mid-sync " << killsMidSync << "); acknowledged "
              << tally.acknowledged << ", lost " << tally.lost << ", duplicated " << tally.duplicated << ", diverged "
              << tally.diverged << ", unresolved " << tally.unresolved << std::endl;
    std::cout << "[fault suite] proxy: requests " << faults.requests << ", cut mid-request " << faults.cutMidRequest
              << ", cut mid-response " << faults.cutMidResponse << ", truncated requests " << faults.truncatedRequests
              << ", truncated responses " << faults.truncatedResponses << ", delayed " << faults.delayed
              << ", reset because HQ was away " << faults.upstreamLost << std::endl;
    const std::string examples = tally.examples.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(killsDone, hqKills);
    EXPECT_GT(faults.cutMidRequest + faults.cutMidResponse + faults.truncatedRequests + faults.truncatedResponses, 0)
        << "the proxy broke nothing: the run proves less than it claims";
    EXPECT_EQ(all.edits, totalEdits);
    EXPECT_EQ(tally.lost, 0) << examples;
    EXPECT_EQ(tally.duplicated, 0) << examples;
    EXPECT_EQ(tally.diverged, 0) << examples;
    EXPECT_EQ(tally.unresolved, 0) << examples;
    // Every edit became one acknowledged change (the outbox keeps each edit, even of the same score).
    EXPECT_EQ(tally.acknowledged, all.edits) << examples;
}

ONSITE_E2E_BACKENDS(FaultSuite);

} // namespace
} // namespace onsite::test
