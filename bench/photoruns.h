#pragma once

#include "photoset.h"

#include "client/photos/photouploader.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace onsite::bench {

class CuttingProxy;

// One run of the photo benchmark: every photo sent once to a fresh HQ, one at a time.
struct PhotoRun
{
    QString name;
    int photos = 0;
    qint64 fileBytes = 0;
    double wallSeconds = 0;
    double hqCpuSeconds = 0;
    double clientCpuSeconds =
        0;              // the uploading process (curl, or this one without the proxy's thread)
    int stored = 0;     // photos HQ reports complete for the account afterwards
    QStringList errors; // the first few, for the report

    // The device path only.
    qint64 chunkBytes = 0;        // the first chunk (all of them when fixed)
    qint64 largestChunkBytes = 0; // chunks grow up to this on a fast line
    qint64 chunkBytesRead = 0; // chunk bodies the uploader read from the files (each read is sent)
    int restarts = 0;          // uploads that ended without an answer and were started again

    // curl only: connections it opened (1: one connection for every photo).
    int curlConnections = 0;

    // Through the proxy only.
    bool proxied = false;
    std::uint64_t bytesUp = 0; // client -> HQ on the wire: request heads and bodies
    std::uint64_t bytesDown = 0;
    int cuts = 0;
    int proxyConnections = 0;
    double proxyCpuSeconds = 0;

    double megabytesPerSecond() const
    {
        return wallSeconds > 0 ? fileBytes / 1e6 / wallSeconds : 0;
    }
};

// The account and password every run signs in with (an inspector of the sample campaign).
struct PhotoAccount
{
    QString account;
    QString password;
};

// A signed-in device's view of one HQ: where it listens and the token it issued.
struct HqEndpoint
{
    std::uint16_t port = 0;
    QString token;
};

// Signs in as a device would (SyncClient::login); throws on failure.
QString signIn(std::uint16_t port, const PhotoAccount &account);

// How the device sends its chunks: the app's own connection (HttpConnection), or Qt's
// client as it did before, kept for comparison.
enum class ChunkTransport { Direct, QtClient };

// The real device path: sync::PhotoUploader over sync::SyncClient with `chunking`,
// one photo after another; an upload that ends without an answer (the link was cut) is
// started again at once, as the sync engine's next round would, and resumes where HQ
// stands. Sends to `sendPort` (HQ's, or a proxy's in front of it).
PhotoRun uploadWithPhotoUploader(const HqEndpoint &hq, std::uint16_t sendPort,
                                 const std::vector<PhotoFile> &photos,
                                 sync::PhotoUploader::Chunking chunking,
                                 ChunkTransport transport = ChunkTransport::Direct);

// The wire baseline: one `curl` process sending every photo whole with --upload-file to
// the same endpoint (PUT /api/v1/photos/{sha256}?offset=0&total=N, the same token), one
// after another on one kept-alive connection. `Expect: 100-continue` is switched off:
// HQ does not answer it, and curl would wait a second before each body.
PhotoRun uploadWithCurl(const HqEndpoint &hq, std::uint16_t sendPort,
                        const std::vector<PhotoFile> &photos, const QString &configPath);

// How many of `photos` HQ holds complete for the account (GET /api/v1/photos/{sha256}).
int countStored(const HqEndpoint &hq, const std::vector<PhotoFile> &photos, QStringList *errors);

} // namespace onsite::bench
