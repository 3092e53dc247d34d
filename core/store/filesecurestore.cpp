#include "filesecurestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace onsite {

namespace {

constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kPrivateFolder = kPrivateFile | QFileDevice::ExeOwner;

bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

QString FileSecureStore::filePathFor(const QString &key) const
{
    return QDir(m_folder).filePath(key + QStringLiteral(".secret"));
}

bool FileSecureStore::ensurePrivateFolder(QString *error) const
{
    if (!QDir().mkpath(m_folder))
        return failWith(
            error,
            QCoreApplication::translate("FileSecureStore", "无法创建密钥目录 %1").arg(m_folder));
    // Applied every time, not only on creation: a folder loosened by hand (or made by
    // an older version) is tightened before a secret goes into it.
    if (!QFile::setPermissions(m_folder, kPrivateFolder))
        return failWith(error,
                        QCoreApplication::translate("FileSecureStore", "无法设置密钥目录 %1 的权限")
                            .arg(m_folder));
    return true;
}

bool FileSecureStore::store(const QString &key, const QByteArray &secret, QString *error)
{
    if (!checkKey(key, error) || !ensurePrivateFolder(error))
        return false;
    const QString path = filePathFor(key);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failWith(error, QCoreApplication::translate("FileSecureStore", "无法保存密钥 %1：%2")
                                   .arg(key, file.errorString()));
    // QSaveFile creates its temporary file with the umask's mode (often 0644) or the
    // old file's: narrowed before a single byte of the secret is written.
    if (!file.setPermissions(kPrivateFile)) {
        file.cancelWriting();
        return failWith(
            error,
            QCoreApplication::translate("FileSecureStore", "无法设置密钥文件 %1 的权限").arg(path));
    }
    if (file.write(secret) != secret.size() || !file.commit())
        return failWith(error, QCoreApplication::translate("FileSecureStore", "无法保存密钥 %1：%2")
                                   .arg(key, file.errorString()));
    return true;
}

std::optional<QByteArray> FileSecureStore::load(const QString &key, QString *error) const
{
    if (!checkKey(key, error))
        return std::nullopt;
    QFile file(filePathFor(key));
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(error, QCoreApplication::translate("FileSecureStore", "无法读取密钥 %1：%2")
                            .arg(key, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

bool FileSecureStore::remove(const QString &key, QString *error)
{
    if (!checkKey(key, error))
        return false;
    QFile file(filePathFor(key));
    if (file.exists() && !file.remove())
        return failWith(error, QCoreApplication::translate("FileSecureStore", "无法删除密钥 %1：%2")
                                   .arg(key, file.errorString()));
    return true;
}

} // namespace onsite
