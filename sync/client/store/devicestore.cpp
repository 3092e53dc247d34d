#include "client/store/devicestore.h"

#include "client/photos/photofiles.h"
#include "client/store/devicemigrations.h"
#include "client/store/syncstate.h"
#include "store/encrypteddatabase.h"
#include "store/encryptedfile.h"
#include "store/encryptedvfs.h"
#include "store/filesecurestore.h"
#include "store/migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <stdexcept>

namespace onsite::sync {

namespace {

constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

void ensureFolder(const QString &path)
{
    if (!QDir().mkpath(path))
        throw std::runtime_error(QCoreApplication::translate("DeviceStore", "无法创建数据目录 %1")
                                     .arg(path)
                                     .toStdString());
}

// SQLite gives the -wal and -shm files the mode of the database file, so creating the
// file owner-only first keeps the token out of reach of other users from the start.
void createOwnerOnly(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly))
            throw std::runtime_error(QCoreApplication::translate("DeviceStore", "无法创建 %1：%2")
                                         .arg(path, file.errorString())
                                         .toStdString());
        file.close();
    }
    file.setPermissions(kOwnerOnly);
}

} // namespace

DeviceStore::DeviceStore(const QString &folder)
    : m_folder(QDir(folder).absolutePath()), m_ownSecrets(std::make_unique<FileSecureStore>(secretsFolderFor(m_folder)))
{
    m_secrets = m_ownSecrets.get();
    open();
}

DeviceStore::DeviceStore(const QString &folder, SecureStore &secrets)
    : m_folder(QDir(folder).absolutePath()), m_secrets(&secrets)
{
    open();
}

DeviceStore::~DeviceStore()
{
    m_connection.reset();
    if (!m_key.isEmpty())
        PhotoFiles::forgetKey(photosFolder());
}

void DeviceStore::open()
{
    // Only a folder made here is closed to others: an existing one may be shared on purpose.
    if (!QFileInfo::exists(m_folder)) {
        ensureFolder(m_folder);
        QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    ensureFolder(photosFolder());
    m_key = loadOrCreateKey();
    // A device from before encryption: its plain database is converted once, in place.
    EncryptedDatabase::encryptInPlace(databasePath(), m_key);
    createOwnerOnly(databasePath());
    m_connection = std::make_unique<SqliteConnection>(databasePath(), m_key);
    // The device holds a scope-cut replica: a person's home unit, a finding's photo or
    // an author from another group may legitimately point outside the local copy, and
    // a pulled page must never be refused for that. The server enforces references.
    m_connection->executeScript(QStringLiteral("PRAGMA foreign_keys = OFF"));
    migrateSchema(*m_connection);
    migrateSchema(*m_connection, deviceMigrationSet());
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString side = databasePath() + QLatin1String(suffix);
        if (QFile::exists(side))
            QFile::setPermissions(side, kOwnerOnly);
    }
    PhotoFiles::rememberKey(photosFolder(), m_key);
    moveTokenOutOfTheDatabase();
    encryptPlainPhotos();
}

QByteArray DeviceStore::loadOrCreateKey()
{
    QString error;
    const std::optional<QByteArray> stored = m_secrets->load(QLatin1String(kKeyName), &error);
    if (!error.isEmpty())
        throw std::runtime_error(
            QCoreApplication::translate("DeviceStore", "无法读取本机数据的密钥：%1").arg(error).toStdString());
    if (stored) {
        if (stored->size() != EncryptedVfs::kKeyBytes)
            throw std::runtime_error(QCoreApplication::translate("DeviceStore", "本机数据的密钥已损坏（长度不对）")
                                         .toStdString());
        return *stored;
    }
    // No key but encrypted data: the key was lost, and a new one would not read it.
    const auto state = EncryptedVfs::probe(databasePath(), QByteArray(EncryptedVfs::kKeyBytes, '\0'));
    if (state != EncryptedVfs::FileState::Missing && state != EncryptedVfs::FileState::Plaintext)
        throw std::runtime_error(QCoreApplication::translate(
                                     "DeviceStore", "找不到本机数据 %1 的密钥，数据无法读取（密钥应在 %2）")
                                     .arg(databasePath(), secretsFolderFor(m_folder))
                                     .toStdString());
    const QByteArray key = EncryptedVfs::newKey();
    if (!m_secrets->store(QLatin1String(kKeyName), key, &error))
        throw std::runtime_error(
            QCoreApplication::translate("DeviceStore", "无法保存本机数据的密钥：%1").arg(error).toStdString());
    return key;
}

void DeviceStore::moveTokenOutOfTheDatabase()
{
    // Versions before the secure store kept the token in sync_state, in clear.
    SyncState state(*m_connection);
    const QString legacy = state.value(QStringLiteral("token"));
    if (legacy.isEmpty())
        return;
    if (token().isEmpty())
        setToken(legacy);
    state.remove(QStringLiteral("token"));
}

void DeviceStore::encryptPlainPhotos()
{
    SyncState state(*m_connection);
    if (state.value(QStringLiteral("photos_encrypted")) == QLatin1String("1"))
        return;
    const QDir photos(photosFolder());
    for (const QString &name : photos.entryList(QDir::Files)) {
        QString error;
        if (!EncryptedFile::encryptInPlace(photos.filePath(name), m_key, &error))
            throw std::runtime_error(QCoreApplication::translate("DeviceStore", "无法加密照片 %1：%2")
                                         .arg(name, error)
                                         .toStdString());
    }
    state.setValue(QStringLiteral("photos_encrypted"), QStringLiteral("1"));
}

QString DeviceStore::token() const
{
    QString error;
    const std::optional<QByteArray> stored = m_secrets->load(QLatin1String(kTokenName), &error);
    if (!error.isEmpty())
        throw std::runtime_error(
            QCoreApplication::translate("DeviceStore", "无法读取登录凭据：%1").arg(error).toStdString());
    return stored ? QString::fromUtf8(*stored) : QString();
}

bool DeviceStore::hasToken() const noexcept
{
    try {
        return !token().isEmpty();
    } catch (...) {
        return false;
    }
}

void DeviceStore::setToken(const QString &token)
{
    QString error;
    if (!m_secrets->store(QLatin1String(kTokenName), token.toUtf8(), &error))
        throw std::runtime_error(
            QCoreApplication::translate("DeviceStore", "无法保存登录凭据：%1").arg(error).toStdString());
}

void DeviceStore::clearToken()
{
    QString error;
    if (!m_secrets->remove(QLatin1String(kTokenName), &error))
        throw std::runtime_error(
            QCoreApplication::translate("DeviceStore", "无法删除登录凭据：%1").arg(error).toStdString());
}

QString DeviceStore::secretsFolderFor(const QString &folder) { return QDir(folder).filePath(QStringLiteral("secrets")); }

QString DeviceStore::photosFolder() const { return QDir(m_folder).filePath(QStringLiteral("photos")); }

QString DeviceStore::databasePath() const { return QDir(m_folder).filePath(QLatin1String(kDatabaseName)); }

} // namespace onsite::sync
