#include "photostore.h"

#include "domain/phototype.h"
#include "filesha256.h"
#include "uploadlock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>
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
    // No lock: the part file's size is where the upload stands (a chunk being appended
    // at this moment shows as not there yet or there; the next chunk's offset check,
    // made under the upload's lock, decides).
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
    const QDateTime cutoff = now.addDays(-m_limits.abandonedAfterDays);
    const auto rows =
        db.query(QStringLiteral("SELECT sha256, account FROM hq_photo_uploads WHERE updated_at < ?"), {iso(cutoff)});
    int removed = 0;
    for (const SqlRow &row : rows) {
        const QString sha256 = row.value(0).toString();
        const QString account = row.value(1).toString();
        const QString path = partPath(sha256, account);
        if (!QFileInfo::exists(path)) {
            db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"), {sha256, account});
            ++removed;
            continue;
        }
        UploadLock upload(path);
        // The row is written when an upload starts; its chunks since show in the file's time.
        if (const QDateTime touched = QFileInfo(path).lastModified(); touched >= cutoff && upload.size() > 0) {
            db.execute(QStringLiteral("UPDATE hq_photo_uploads SET updated_at = ? WHERE sha256 = ? AND account = ?"),
                       {iso(touched), sha256, account});
            continue;
        }
        upload.remove();
        db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"), {sha256, account});
        ++removed;
    }
    return removed;
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
    if (uploadedBy(db, sha256, account))
        return {ChunkOutcome::Accepted, {QFileInfo(finishedPath(sha256)).size(), true}, {}}; // sent before

    // The upload's own lock from the offset check to the append: two copies of a retried
    // chunk must not both be appended. Other uploads go on meanwhile.
    QDir().mkpath(QDir(m_folder).filePath(QStringLiteral("uploads")));
    UploadLock upload(partPath(sha256, account));
    if (uploadedBy(db, sha256, account)) { // finished while this waited for the lock
        upload.removeIfEmpty();
        return {ChunkOutcome::Accepted, {QFileInfo(finishedPath(sha256)).size(), true}, {}};
    }
    const UploadState current{upload.size(), false};
    if (offset != current.received) {
        upload.removeIfEmpty();
        return {ChunkOutcome::OffsetMismatch, current,
                QStringLiteral("服务器已收到 %1 字节，而不是 %2").arg(current.received).arg(offset)};
    }
    if (offset == 0 && contentType(bytes.left(16)).isEmpty()) {
        upload.removeIfEmpty();
        return {ChunkOutcome::UnsupportedType, current,
                m_limits.acceptPdf ? QStringLiteral("不是受支持的文件（JPEG、PNG、WebP、HEIF 图片或 PDF）")
                                   : QStringLiteral("不是受支持的图片（JPEG、PNG、WebP、HEIF）")};
    }
    // The quota counts the size declared when the upload began: a later chunk may not
    // declare more (nor less, which would end the upload early as a hash mismatch).
    const auto declared =
        offset == 0 ? std::vector<SqlRow>{}
                    : db.query(QStringLiteral("SELECT total FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"),
                               {sha256, account});
    if (!declared.empty() && declared.front().value(0).toLongLong() != total) {
        upload.removeIfEmpty();
        return {ChunkOutcome::BadRequest, current,
                QStringLiteral("total 为 %1 字节，与开始上传时声明的 %2 字节不符")
                    .arg(total)
                    .arg(declared.front().value(0).toLongLong())};
    }
    if (offset == 0 || declared.empty()) { // no row: a part file from before uploads were counted
        if (auto refusal = quotaRefusal(db, sha256, account, total)) {
            upload.removeIfEmpty();
            refusal->state = current;
            return *refusal;
        }
        // Written once per upload, not per chunk: the part file's size is the position;
        // the row counts the upload against the account's quota and dates it.
        SqlTransaction transaction(db);
        db.execute(QStringLiteral("DELETE FROM hq_photo_uploads WHERE sha256 = ? AND account = ?"), {sha256, account});
        db.execute(QStringLiteral("INSERT INTO hq_photo_uploads (sha256, account, total, updated_at) VALUES (?, ?, ?, ?)"),
                   {sha256, account, total, iso(QDateTime::currentDateTimeUtc())});
        transaction.commit();
    }
    upload.append(bytes);
    const qint64 received = offset + bytes.size();
    if (received < total)
        return {ChunkOutcome::Accepted, {received, false}, {}};
    return finish(db, sha256, account, total, upload.path());
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

// Runs under the upload's lock (putChunk).
ChunkResult PhotoStore::finish(SqlConnection &db, const QString &sha256, const QString &account, qint64 total,
                               const QString &partFile)
{
    QFile part(partFile);
    if (!part.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read upload " + part.fileName().toStdString());
    const QByteArray hash = sha256HexOf(part);
    const QByteArray head = (part.seek(0), part.read(16));
    part.close();
    if (hash.isEmpty())
        throw std::runtime_error("cannot read upload " + part.fileName().toStdString());
    if (QLatin1String(hash) != sha256) {
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
        // rename(2) replaces a copy another account filed at this moment (the same bytes)
        // in one step, so a reader never finds the name missing.
        if (::rename(QFile::encodeName(part.fileName()).constData(), QFile::encodeName(target).constData()) != 0)
            throw std::runtime_error("cannot store photo " + target.toStdString());
        syncToDisk(QFileInfo(target).path());
    }
    SqlTransaction transaction(db);
    // Another account (in this process or another) may file the same content at once:
    // the first row stands, and both accounts have proved they hold it.
    db.execute(QStringLiteral("INSERT INTO hq_photo_blobs (sha256, size_bytes, mime_type, stored_at) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (sha256) DO NOTHING"),
               {sha256, total, QString::fromLatin1(contentType(head)), iso(QDateTime::currentDateTimeUtc())});
    db.execute(QStringLiteral("INSERT INTO hq_photo_uploaders (sha256, account) VALUES (?, ?) "
                              "ON CONFLICT (sha256, account) DO NOTHING"),
               {sha256, account});
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
