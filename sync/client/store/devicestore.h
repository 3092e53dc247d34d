#pragma once

#include "store/securestore.h"
#include "store/sqliteconnection.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace onsite::sync {

// The device's data folder: `device.sqlite` (core schema + device tables) and the
// content-addressed `photos/` folder, both encrypted at rest with the device key
// (EncryptedVfs, EncryptedFile). The key and the sign-in token live in a SecureStore,
// never in the folder's database. The folder and the database are owner-only.
class DeviceStore
{
public:
    static constexpr const char *kDatabaseName = "device.sqlite";
    static constexpr const char *kKeyName = "device-key";     // 32 random bytes, made on first run
    static constexpr const char *kTokenName = "device-token"; // HQ's sign-in token

    // Opens with the file secure store in `<folder>/secrets` (the desktop app and
    // onsite-field; AppPaths::secretsFolder() is the same folder).
    explicit DeviceStore(const QString &folder);
    // Opens with `secrets` (a platform keystore, a fake in tests); it must outlive the store.
    DeviceStore(const QString &folder, SecureStore &secrets);
    ~DeviceStore();
    DeviceStore(const DeviceStore &) = delete;
    DeviceStore &operator=(const DeviceStore &) = delete;

    SqlConnection &db() { return *m_connection; }
    const QString &folder() const { return m_folder; }
    QString photosFolder() const;
    QString databasePath() const;
    static QString secretsFolderFor(const QString &folder);

    // The sign-in token; empty when signed out. The setters throw std::runtime_error
    // with a translated message when the secure store refuses.
    QString token() const;
    bool hasToken() const noexcept; // false also when the store cannot be read
    void setToken(const QString &token);
    void clearToken();

private:
    void open();
    QByteArray loadOrCreateKey();
    void moveTokenOutOfTheDatabase();
    void encryptPlainPhotos();

    QString m_folder;
    std::unique_ptr<SecureStore> m_ownSecrets;
    SecureStore *m_secrets = nullptr;
    QByteArray m_key;
    std::unique_ptr<SqliteConnection> m_connection;
};

} // namespace onsite::sync
