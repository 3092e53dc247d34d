#pragma once

#include "client/transport/syncclient.h"

#include <QIODevice>

#include <chrono>
#include <functional>
#include <memory>

namespace onsite::sync {

// Sends one photo's content in chunks, starting where the server stands, so an upload
// cut off on a weak line resumes instead of starting over. A 409 offset_mismatch
// (another attempt moved the server on) re-reads the server's position.
class PhotoUploader
{
public:
    using Progress = std::function<void(qint64 received, qint64 total)>;

    // How large the chunks are. The first, and the first after every resume, is
    // `smallest`; while chunks go through faster than `target`, the next one grows to
    // what would take about `target` on this line (at most 4× the last, at most
    // `largest`). Each chunk is a request HQ answers after storing it, so a fast line
    // sends a photo in a few requests, while a cut still costs at most the chunk in
    // flight: about `target` of sending, whatever the line. `largest` == `smallest`:
    // fixed chunks.
    struct Chunking
    {
        qint64 smallest = 256 * 1024;
        qint64 largest = 256 * 1024;
        std::chrono::milliseconds target{1000};
        // Shared by the uploads of one sync round: the chunk size the line had reached
        // when the last of them ended. The next photo starts there instead of at
        // `smallest` (on a fast line a 3 MB photo then goes in one request, not three);
        // an upload that ends in an error sets it back, as a cut does for its own chunks.
        std::shared_ptr<qint64> pace;
    };

    static void upload(SyncClient &client, const QString &sha256, const QString &filePath,
                       qint64 chunkSize, Progress progress, SyncClient::Finished done);
    // `content` (the photo's original bytes, e.g. PhotoFiles::openForReading) is open for
    // reading and seekable; null when it could not be opened.
    static void upload(SyncClient &client, const QString &sha256,
                       std::unique_ptr<QIODevice> content, qint64 chunkSize, Progress progress,
                       SyncClient::Finished done);
    static void upload(SyncClient &client, const QString &sha256,
                       std::unique_ptr<QIODevice> content, Chunking chunking, Progress progress,
                       SyncClient::Finished done);
    // The chunk after one of `sent` bytes that took `took` to be answered.
    static qint64 nextChunk(const Chunking &chunking, qint64 sent, std::chrono::milliseconds took);
};

} // namespace onsite::sync
