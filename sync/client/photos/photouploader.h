#pragma once

#include "client/transport/syncclient.h"

#include <QIODevice>

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

    static void upload(SyncClient &client, const QString &sha256, const QString &filePath, qint64 chunkSize,
                       Progress progress, SyncClient::Finished done);
    // `content` (the photo's original bytes, e.g. PhotoFiles::openForReading) is open for
    // reading and seekable; null when it could not be opened.
    static void upload(SyncClient &client, const QString &sha256, std::unique_ptr<QIODevice> content,
                       qint64 chunkSize, Progress progress, SyncClient::Finished done);
};

} // namespace onsite::sync
