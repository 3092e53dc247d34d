#include "photostore.h"

#include "domain/phototype.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <fcntl.h>
#include <unistd.h>

namespace onsite::hq {

namespace {

QString iso(const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); }

} // namespace

PhotoStore::PhotoStore(QString dataFolder, PhotoLimits limits) : m_folder(std::move(dataFolder)), m_limits(limits) {}

bool PhotoStore::isSha256(const QString &text)
{
    // \z, not $: "$" also matches before a trailing newline.
    static const QRegularExpression pattern(QStringLiteral("\\A[0-9a-f]{64}\\z"));
    return pattern.match(text).hasMatch();
}

QByteArray PhotoStore::sniffImageType(const QByteArray &head) { return photoMimeType(head).toLatin1(); }

QByteArray PhotoStore::contentType(const QByteArray &head) const
{
    const QByteArray image = sniffImageType(head);
    if (image.isEmpty() && m_limits.acceptPdf && head.startsWith("%PDF-"))
        return QByteArrayLiteral("application/pdf");
    return image;
}

// One partial file per (photo, account): two accounts sending the same content never
// append to each other's upload. The account is hashed into a safe file name.
QString PhotoStore::partPath(const QString &sha256, const QString &account) const
{
    const QByteArray who = QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QDir(m_folder).filePath(QStringLiteral("uploads/%1.%2.part").arg(sha256, QString::fromLatin1(who)));
}

QString PhotoStore::finishedPath(const QString &sha256) const
{
    return QDir(m_folder).filePath(QStringLiteral("photos/%1/%2").arg(sha256.left(2), sha256));
}

UploadState PhotoStore::state(SqlConnection &db, const QString &sha256, const QString &account)
{
    std::lock_guard lock(m_mutex);
    return stateLocked(db, sha256, account);
}

UploadState PhotoStore::stateLocked(SqlConnection &db, const QString &sha256, const QString &account)
{
    if (uploadedBy(db, sha256, account))
        return {QFileInfo(finishedPath(sha256)).size(), true};
    return {QFileInfo(partPath(sha256, account)).size(), false};
}

bool PhotoStore::uploadedBy(SqlConnection &db, const QString &sha256, const QString &account)
{
    return !db.query(QStringLiteral("SELECT 1 FROM hq_photo_uploaders WHERE sha256 = ? AND account = ?"), {sha256, account})
                .empty();
}

QStringList PhotoStore::recordUnits(SqlConnection &db, const QString &sha256)
{
    QStringList units;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT DISTINCT p.unit_code FROM photos p JOIN hq_photo_uploaders u "
                                                     "ON u.sha256 = p.sha256 AND u.account = p.account WHERE p.sha256 = ?"),
                                      {sha256}))
        units << row.value(0).toString();
    return units;
}

std::optional<ChunkResult> PhotoStore::quotaRefusal(SqlConnection &db, const QString &sha256, const QString &account,
                                                    qint64 total)
{
    const auto pending = db.query(QStringLiteral("SELECT COALESCE(SUM(total), 0) FROM hq_photo_uploads "
                                                 "WHERE account = ? AND sha256 <> ?"),
                                  {account, sha256});
    if (pending.front().value(0).toLongLong() + total > m_limits.maxPendingBytesPerAccount) {
        return ChunkResult{ChunkOutcome::QuotaExceeded, {},
                           QStringLiteral("未完成的照片上传超过 %1 MB，请先完成已开始的上传")
                               .arg(m_limits.maxPendingBytesPerAccount / (1024 * 1024))};
    }
    const auto stored = db.query(QStringLiteral("SELECT COALESCE(SUM(b.size_bytes), 0) FROM hq_photo_blobs b "
                                                "JOIN hq_photo_uploaders u ON u.sha256 = b.sha256 WHERE u.account = ?"),
                                 {account});
    if (stored.front().value(0).toLongLong() + total > m_limits.maxStoredBytesPerAccount) {
        return ChunkResult{ChunkOutcome::QuotaExceeded, {},
                           QStringLiteral("此账号上传的照片已达 %1 MB 的上限，请联系考评办")
                               .arg(m_limits.maxStoredBytesPerAccount / (1024 * 1024))};
    }
    return std::nullopt;
}

int PhotoStore::removeAbandoned(SqlConnection &db, const QDateTime &now)
{
    std::lock_guard lock(m_mutex);
    const QString before = iso(now.addDays(-m_limits.abandonedAfterDays));
    const auto rows = db.query(QStringLiteral("SELECT sha256, account FROM hq_photo_uploads WHERE updated_at < ?"), {before});
    for (const SqlRow &row : rows)
        QFile::remove(partPath(row.value(0).toString(), row.value(1).toString()));
    db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE updated_at < ?"), {before});
    return static_cast<int>(rows.size());
}

ChunkResult PhotoStore::putChunk(SqlConnection &db, const QString &sha256, const QString &account, qint64 offset,
                                 qint64 total,
                                 const QByteArray &bytes)
{
    if (total <= 0 || offset < 0 || offset + bytes.size() > total)
        return {ChunkOutcome::BadRequest, {}, QStringLiteral("offset/total 与数据长度不符")};
    if (total > m_limits.maxPhotoBytes) {
        return {ChunkOutcome::TooLarge, {},
                QStringLiteral("照片 %1 字节，超过上限 %2 字节").arg(total).arg(m_limits.maxPhotoBytes)};
    }
    // One lock from the offset check to the append: two copies of a retried chunk
    // must not both be appended.
    std::lock_guard lock(m_mutex);
    const UploadState current = stateLocked(db, sha256, account);
    if (current.complete)
        return {ChunkOutcome::Accepted, current, {}}; // this account already sent it
    if (offset != current.received) {
        return {ChunkOutcome::OffsetMismatch, current,
                QStringLiteral("服务器已收到 %1 字节，而不是 %2").arg(current.received).arg(offset)};
    }
    if (offset == 0 && contentType(bytes.left(16)).isEmpty())
        return {ChunkOutcome::UnsupportedType, current,
                m_limits.acceptPdf ? QStringLiteral("不是受支持的文件（JPEG、PNG、WebP、HEIF 图片或 PDF）")
                                   : QStringLiteral("不是受支持的图片（JPEG、PNG、WebP、HEIF）")};
    if (offset == 0) {
        if (auto refusal = quotaRefusal(db, sha256, account, total)) {
            refusal->state = current;
            return *refusal;
        }
    }

    QDir().mkpath(QDir(m_folder).filePath(QStringLiteral("uploads")));
    QFile part(partPath(sha256, account));
    if (!part.open(QIODevice::Append) || part.write(bytes) != bytes.size() || !part.flush())
        throw std::runtime_error("cannot write upload " + part.fileName().toStdString());
    part.close();
    const qint64 received = offset + bytes.size();
    {
        SqlTransaction transaction(db);
        db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"), {sha256, account});
        db.execute(QStringLiteral("INSERT INTO hq_photo_uploads (sha256, account, total, updated_at) VALUES (?, ?, ?, ?)"),
                   {sha256, account, total, iso(QDateTime::currentDateTimeUtc())});
        transaction.commit();
    }
    if (received < total)
        return {ChunkOutcome::Accepted, {received, false}, {}};
    return finish(db, sha256, account, total);
}

void PhotoStore::syncToDisk(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0)
            ::close(fd);
        throw std::runtime_error("cannot sync " + path.toStdString() + " to disk");
    }
    ::close(fd);
}

ChunkResult PhotoStore::finish(SqlConnection &db, const QString &sha256, const QString &account, qint64 total)
{
    QFile part(partPath(sha256, account));
    if (!part.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read upload " + part.fileName().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&part);
    const QByteArray head = (part.seek(0), part.read(16));
    part.close();
    if (QString::fromLatin1(hash.result().toHex()) != sha256) {
        QFile::remove(part.fileName()); // unusable: the device must send it again
        db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"), {sha256, account});
        return {ChunkOutcome::HashMismatch, {0, false}, QStringLiteral("照片内容与其 SHA-256 不符，已丢弃，请重新上传")};
    }
    const QString target = finishedPath(sha256);
    const bool stored = !db.query(QStringLiteral("SELECT 1 FROM hq_photo_blobs WHERE sha256 = ?"), {sha256}).empty();
    if (stored) {
        QFile::remove(part.fileName()); // the same bytes are filed already: this only proved possession
    } else {
        QDir().mkpath(QFileInfo(target).path());
        // The blob row below tells devices the photo is safe: its bytes and its name must
        // be on disk first, or a power loss leaves a row pointing at nothing.
        syncToDisk(part.fileName());
        QFile::remove(target);
        if (!QFile::rename(part.fileName(), target))
            throw std::runtime_error("cannot store photo " + target.toStdString());
        syncToDisk(QFileInfo(target).path());
    }
    SqlTransaction transaction(db);
    if (!stored) {
        db.execute(QStringLiteral("INSERT INTO hq_photo_blobs (sha256, size_bytes, mime_type, stored_at) VALUES (?, ?, ?, ?)"),
                   {sha256, total, QString::fromLatin1(contentType(head)), iso(QDateTime::currentDateTimeUtc())});
    }
    db.execute(QStringLiteral("DELETE FROM hq_photo_uploaders WHERE sha256 = ? AND account = ?"), {sha256, account});
    db.execute(QStringLiteral("INSERT INTO hq_photo_uploaders (sha256, account) VALUES (?, ?)"), {sha256, account});
    db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"), {sha256, account});
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
