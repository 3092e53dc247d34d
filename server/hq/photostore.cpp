#include "photostore.h"

#include "domain/phototype.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace onsite::hq {

PhotoStore::PhotoStore(QString dataFolder, qint64 maxPhotoBytes)
    : m_folder(std::move(dataFolder)), m_maxPhotoBytes(maxPhotoBytes)
{
}

bool PhotoStore::isSha256(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{64}$"));
    return pattern.match(text).hasMatch();
}

QByteArray PhotoStore::sniffImageType(const QByteArray &head) { return photoMimeType(head).toLatin1(); }

QString PhotoStore::partPath(const QString &sha256) const
{
    return QDir(m_folder).filePath(QStringLiteral("uploads/%1.part").arg(sha256));
}

QString PhotoStore::finishedPath(const QString &sha256) const
{
    return QDir(m_folder).filePath(QStringLiteral("photos/%1/%2").arg(sha256.left(2), sha256));
}

UploadState PhotoStore::state(SqlConnection &db, const QString &sha256)
{
    std::lock_guard lock(m_mutex);
    return stateLocked(db, sha256);
}

UploadState PhotoStore::stateLocked(SqlConnection &db, const QString &sha256)
{
    if (!db.query(QStringLiteral("SELECT sha256 FROM hq_photo_blobs WHERE sha256 = ?"), {sha256}).empty()) {
        const qint64 size = QFileInfo(finishedPath(sha256)).size();
        return {size, true};
    }
    return {QFileInfo(partPath(sha256)).size(), false};
}

ChunkResult PhotoStore::putChunk(SqlConnection &db, const QString &sha256, qint64 offset, qint64 total,
                                 const QByteArray &bytes)
{
    if (total <= 0 || offset < 0 || offset + bytes.size() > total)
        return {ChunkOutcome::BadRequest, {}, QStringLiteral("offset/total 与数据长度不符")};
    if (total > m_maxPhotoBytes) {
        return {ChunkOutcome::TooLarge, {},
                QStringLiteral("照片 %1 字节，超过上限 %2 字节").arg(total).arg(m_maxPhotoBytes)};
    }
    // One lock from the offset check to the append: two copies of a retried chunk
    // must not both be appended.
    std::lock_guard lock(m_mutex);
    const UploadState current = stateLocked(db, sha256);
    if (current.complete)
        return {ChunkOutcome::Accepted, current, {}}; // already here: deduplicated
    if (offset != current.received) {
        return {ChunkOutcome::OffsetMismatch, current,
                QStringLiteral("服务器已收到 %1 字节，而不是 %2").arg(current.received).arg(offset)};
    }
    if (offset == 0 && sniffImageType(bytes.left(16)).isEmpty())
        return {ChunkOutcome::UnsupportedType, current, QStringLiteral("不是受支持的图片（JPEG、PNG、WebP、HEIF）")};

    QDir().mkpath(QDir(m_folder).filePath(QStringLiteral("uploads")));
    QFile part(partPath(sha256));
    if (!part.open(QIODevice::Append) || part.write(bytes) != bytes.size() || !part.flush())
        throw std::runtime_error("cannot write upload " + part.fileName().toStdString());
    part.close();
    const qint64 received = offset + bytes.size();
    if (received < total)
        return {ChunkOutcome::Accepted, {received, false}, {}};
    return finish(db, sha256, total);
}

ChunkResult PhotoStore::finish(SqlConnection &db, const QString &sha256, qint64 total)
{
    QFile part(partPath(sha256));
    if (!part.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read upload " + part.fileName().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&part);
    const QByteArray head = (part.seek(0), part.read(16));
    part.close();
    if (QString::fromLatin1(hash.result().toHex()) != sha256) {
        QFile::remove(part.fileName()); // unusable: the device must send it again
        return {ChunkOutcome::HashMismatch, {0, false}, QStringLiteral("照片内容与其 SHA-256 不符，已丢弃，请重新上传")};
    }
    const QString target = finishedPath(sha256);
    QDir().mkpath(QFileInfo(target).path());
    QFile::remove(target);
    if (!QFile::rename(part.fileName(), target))
        throw std::runtime_error("cannot store photo " + target.toStdString());
    SqlTransaction transaction(db);
    db.execute(QStringLiteral("DELETE FROM hq_photo_blobs WHERE sha256 = ?"), {sha256});
    db.execute(QStringLiteral("INSERT INTO hq_photo_blobs (sha256, size_bytes, mime_type, stored_at) VALUES (?, ?, ?, ?)"),
               {sha256, total, QString::fromLatin1(sniffImageType(head)),
                QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    transaction.commit();
    return {ChunkOutcome::Accepted, {total, true}, {}};
}

std::optional<QByteArray> PhotoStore::read(const QString &sha256) const
{
    QFile file(finishedPath(sha256));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace onsite::hq
