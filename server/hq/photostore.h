#pragma once

#include "store/sqlconnection.h"

#include <QByteArray>
#include <QString>

#include <mutex>

namespace onsite::hq {

struct UploadState
{
    qint64 received = 0;
    bool complete = false;
};

enum class ChunkOutcome { Accepted, OffsetMismatch, TooLarge, UnsupportedType, HashMismatch, BadRequest };

struct ChunkResult
{
    ChunkOutcome outcome = ChunkOutcome::Accepted;
    UploadState state;
    QString message;
};

// Photo content, addressed by SHA-256: partial uploads under uploads/, finished
// photos under photos/ab/abcdef…, each stored once however often it is sent.
class PhotoStore
{
public:
    static constexpr qint64 kDefaultMaxPhotoBytes = 30LL * 1024 * 1024;

    PhotoStore(QString dataFolder, qint64 maxPhotoBytes = kDefaultMaxPhotoBytes);

    static bool isSha256(const QString &text);
    // "image/jpeg", "image/png", "image/webp", "image/heif", or "" when the bytes are
    // none of these: the signature decides, not the name.
    static QByteArray sniffImageType(const QByteArray &head);

    UploadState state(SqlConnection &db, const QString &sha256);
    // Appends a chunk at `offset` of a photo of `total` bytes. The last chunk verifies
    // the hash and files the photo (recording it in hq_photo_blobs).
    ChunkResult putChunk(SqlConnection &db, const QString &sha256, qint64 offset, qint64 total, const QByteArray &bytes);
    // The finished photo's bytes, or nothing.
    std::optional<QByteArray> read(const QString &sha256) const;
    QString finishedPath(const QString &sha256) const;

private:
    QString partPath(const QString &sha256) const;
    UploadState stateLocked(SqlConnection &db, const QString &sha256);
    ChunkResult finish(SqlConnection &db, const QString &sha256, qint64 total);

    QString m_folder;
    qint64 m_maxPhotoBytes;
    std::mutex m_mutex; // one writer per upload at a time; uploads are small and rare
};

} // namespace onsite::hq
