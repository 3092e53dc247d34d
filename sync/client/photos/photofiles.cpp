#include "client/photos/photofiles.h"

#include "domain/phototype.h"

#include "client/rules/fielderror.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <mutex>

#include "store/encryptedfile.h"

namespace onsite::sync {

namespace {

// Open device folders and their keys, counted (the app and a test may open one twice).
struct KeyRing
{
    std::mutex mutex;
    QHash<QString, std::pair<QByteArray, int>> keys;
};

KeyRing &keyRing()
{
    static KeyRing ring;
    return ring;
}

QString canonical(const QString &folder) { return QDir(folder).absolutePath(); }

} // namespace

PhotoFiles::PhotoFiles(QString folder) : m_folder(std::move(folder))
{
    KeyRing &ring = keyRing();
    const std::lock_guard lock(ring.mutex);
    m_key = ring.keys.value(canonical(m_folder)).first;
}

void PhotoFiles::rememberKey(const QString &folder, const QByteArray &key)
{
    KeyRing &ring = keyRing();
    const std::lock_guard lock(ring.mutex);
    auto &entry = ring.keys[canonical(folder)];
    entry.first = key;
    ++entry.second;
}

void PhotoFiles::forgetKey(const QString &folder)
{
    KeyRing &ring = keyRing();
    const std::lock_guard lock(ring.mutex);
    const auto found = ring.keys.find(canonical(folder));
    if (found != ring.keys.end() && --found->second <= 0)
        ring.keys.erase(found);
}

QByteArray PhotoFiles::read(const QString &sha256, QString *error) const
{
    if (m_key.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("PhotoFiles", "照片目录 %1 未打开").arg(m_folder);
        return {};
    }
    return EncryptedFile::readAll(pathFor(sha256), m_key, error);
}

std::unique_ptr<QIODevice> PhotoFiles::openForReading(const QString &sha256) const
{
    if (m_key.isEmpty())
        return nullptr;
    auto reader = std::make_unique<EncryptedFileReader>(pathFor(sha256), m_key);
    if (!reader->open(QIODevice::ReadOnly))
        return nullptr;
    return reader;
}

QString PhotoFiles::detectMimeType(const QByteArray &head) { return photoMimeType(head); }

QString PhotoFiles::pathFor(const QString &sha256) const { return QDir(m_folder).filePath(sha256); }

void PhotoFiles::remove(const QString &sha256) const { QFile::remove(pathFor(sha256)); }

StoredPhoto PhotoFiles::import(const QString &source) const
{
    if (m_key.isEmpty())
        throw FieldError(QCoreApplication::translate("PhotoFiles", "照片目录 %1 未打开").arg(m_folder));
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
    // Hashed as it is read (HQ names the photo by its original bytes), encrypted as written.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 size = 0;
    QString error;
    if (!EncryptedFile::encrypt(in, out, m_key, &error, [&](const QByteArray &block) {
            hash.addData(block);
            size += block.size();
        }))
        throw FieldError(QCoreApplication::translate("PhotoFiles", "读取照片 %1 出错：%2").arg(source, error));
    const QString sha = QString::fromLatin1(hash.result().toHex());
    const QString target = pathFor(sha);
    StoredPhoto photo{sha, size, mime, target};
    if (QFile::exists(target) && EncryptedFile::plainSize(QFileInfo(target).size()) == size) {
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
