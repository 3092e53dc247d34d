#pragma once

#include "loadcampaign.h"
#include "loadclient.h"
#include "loadstats.h"

#include <QSet>
#include <QString>

#include <memory>
#include <random>
#include <vector>

namespace onsite::bench {

struct DayOptions
{
    double thinkSeconds = 0; // mean pause between a device's sync steps (uniform 0.5…1.5×; 0: none)
    int chunkBytes = 256 * 1024; // photo chunk, as the device's SyncEngine
    int pageSize = 500;          // pull page, as the device's SyncEngine
};

// One simulated tablet: its own account, device id, loopback address and one
// keep-alive connection to each HQ process, and what it pushed and pulled so far.
struct LoadDevice
{
    int index = 0;
    const LoadPerson *person = nullptr;
    std::string deviceId;
    std::string token; // from sign-in, valid on every HQ process (they share the database)
    std::vector<std::unique_ptr<LoadConnection>> connections; // one per HQ process
    qint64 seq = 0;                                           // the outbox's numbering
    qint64 cursor = 0;                                        // pull cursor
    qint64 hlcMs = 0;                                         // clock of the last edit
    QSet<QString> applied;                                    // ids HQ applied from this device
    QSet<QString> pulled; // ids of every change this device pulled
    std::mt19937 random;
    int requestsSent = 0;
    int lastProcess = 0; // the HQ process of the last sync step

    int processOf(int step) const { return int(std::size_t(step + index) % connections.size()); }
    LoadConnection &connection(int step) { return *connections[std::size_t(processOf(step))]; }
};

// Sign-in and the set-up download, as a device does once.
boost::asio::awaitable<void> signIn(LoadDevice &device, const QString &password, LoadBook &book);
// The bare-HTTP baseline: `GET /api/v1/status` with the day's shape (as many requests
// per step, the same pauses).
boost::asio::awaitable<void> statusDay(LoadDevice &device, const std::vector<LoadStep> &steps,
                                       DayOptions options, LoadBook &book);
// The day: per step photos (state, then chunks), the push, then pulls until nothing
// is left; steps alternate between HQ processes when the device has several.
boost::asio::awaitable<void> syncDay(LoadDevice &device, const std::vector<LoadStep> &steps,
                                     DayOptions options, LoadBook &book);
// Pulls everything left, through process `process` (-1: another than the last step's),
// counted as "final_pull".
boost::asio::awaitable<void> pullRest(LoadDevice &device, int process, DayOptions options,
                                      LoadBook &book);

// Requests one step of the day makes when nothing goes wrong (the baseline's count).
int requestsOfStep(const LoadStep &step, int chunkBytes);

} // namespace onsite::bench
