#pragma once

#include "store/sqlconnection.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>
#include <QString>

namespace onsite::hq {

struct UploadState
{
    qint64 received = 0;
    bool complete = false;
};

enum class ChunkOutcome { Accepted, OffsetMismatch, TooLarge, UnsupportedType, HashMismatch, QuotaExceeded, BadRequest };

struct PhotoLimits
{
    qint64 maxPhotoBytes = 30LL * 1024 * 1024;
    qint64 maxPendingBytesPerAccount = 256LL * 1024 * 1024; // unfinished uploads at once
    qint64 maxStoredBytesPerAccount = 8LL * 1024 * 1024 * 1024;
    int abandonedAfterDays = 7; // an unfinished upload untouched this long is removed
    bool acceptPdf = false;     // follow-up evidence may be a PDF; tablets send images only
};

struct ChunkResult
{
    ChunkOutcome outcome = ChunkOutcome::Accepted;
    UploadState state;
    QString message;
};

// Photo content, addressed by SHA-256: each account's partial uploads under uploads/,
// finished photos under photos/ab/abcdef…, each stored once however often it is sent.
// Content belongs to the accounts that proved they hold it by uploading it: an upload
// state says nothing about other accounts' photos, and a photo record shows content
// only when its author uploaded that content.
class PhotoStore
{
public:
    explicit PhotoStore(QString dataFolder, PhotoLimits limits = {});

    static bool isSha256(const QString &text);
    // "image/jpeg", "image/png", "image/webp", "image/heif", or "" when the bytes are
    // none of these: the signature decides, not the name.
    static QByteArray sniffImageType(const QByteArray &head);

    // This account's upload of the content: complete only once it sent it in full.
    UploadState state(SqlConnection &db, const QString &sha256, const QString &account);
    // Appends a chunk at `offset` of a photo of `total` bytes. The last chunk verifies
    // the hash, files the photo once (hq_photo_blobs) and records the account as one
    // that holds it (hq_photo_uploaders).
    ChunkResult putChunk(SqlConnection &db, const QString &sha256, const QString &account, qint64 offset, qint64 total,
                         const QByteArray &bytes);
    static bool uploadedBy(SqlConnection &db, const QString &sha256, const QString &account);
    // Units of the photo records allowed to show this content: those whose author
    // uploaded it (a record pointing at someone else's content shows nothing).
    static QStringList recordUnits(SqlConnection &db, const QString &sha256);
    // Removes unfinished uploads untouched for PhotoLimits::abandonedAfterDays.
    int removeAbandoned(SqlConnection &db, const QDateTime &now);
    // The finished photo's bytes, or nothing.
    std::optional<QByteArray> read(const QString &sha256) const;
    QString finishedPath(const QString &sha256) const;

private:
    QByteArray contentType(const QByteArray &head) const; // an image type, or a PDF when accepted
    static void syncToDisk(const QString &path); // fsync a file or a folder
    QString partPath(const QString &sha256, const QString &account) const;
    std::optional<ChunkResult> quotaRefusal(SqlConnection &db, const QString &sha256, const QString &account,
                                            qint64 total);
    ChunkResult finish(SqlConnection &db, const QString &sha256, const QString &account, qint64 total,
                       const QString &part);

    QString m_folder;
    PhotoLimits m_limits;
};

} // namespace onsite::hq
