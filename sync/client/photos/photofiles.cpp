#include "client/photos/photofiles.h"

#include "domain/phototype.h"

#include "client/rules/fielderror.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace onsite::sync {

namespace {

constexpr qint64 kReadBlock = 256 * 1024;

} // namespace

QString PhotoFiles::detectMimeType(const QByteArray &head) { return photoMimeType(head); }

QString PhotoFiles::pathFor(const QString &sha256) const { return QDir(m_folder).filePath(sha256); }

void PhotoFiles::remove(const QString &sha256) const { QFile::remove(pathFor(sha256)); }

StoredPhoto PhotoFiles::import(const QString &source) const
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        throw FieldError(QCoreApplication::translate("PhotoFiles", "无法读取照片 %1：%2")
                             .arg(source, in.errorString()));
    const QString mime = detectMimeType(in.peek(16));
    if (mime.isEmpty())
        throw FieldError(QCoreApplication::translate(
                             "PhotoFiles", "%1 不是可上传的照片（只支持 JPEG、PNG、WebP、HEIF）")
                             .arg(source));

    // Written to a temporary name first: the final name is the hash, known only at the end.
    QSaveFile out(QDir(m_folder).filePath(QStringLiteral(".incoming")));
    if (!out.open(QIODevice::WriteOnly))
        throw FieldError(QCoreApplication::translate("PhotoFiles", "无法写入照片目录 %1：%2")
                             .arg(m_folder, out.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 size = 0;
    while (!in.atEnd()) {
        const QByteArray block = in.read(kReadBlock);
        if (block.isEmpty() && in.error() != QFileDevice::NoError)
            throw FieldError(QCoreApplication::translate("PhotoFiles", "读取照片 %1 出错：%2")
                                 .arg(source, in.errorString()));
        hash.addData(block);
        out.write(block);
        size += block.size();
    }
    const QString sha = QString::fromLatin1(hash.result().toHex());
    const QString target = pathFor(sha);
    StoredPhoto photo{sha, size, mime, target};
    if (QFile::exists(target) && QFileInfo(target).size() == size) {
        out.cancelWriting(); // the same photo is already here
        return photo;
    }
    if (!out.commit())
        throw FieldError(
            QCoreApplication::translate("PhotoFiles", "无法保存照片：%1").arg(out.errorString()));
    QFile::remove(target);
    if (!QFile::rename(QDir(m_folder).filePath(QStringLiteral(".incoming")), target))
        throw FieldError(
            QCoreApplication::translate("PhotoFiles", "无法保存照片到 %1").arg(target));
    return photo;
}

} // namespace onsite::sync
