// The device folder at rest: the key and the token in the secure store, the database
// and the photos encrypted, a device from before encryption upgraded once.
#include "client/photos/photofiles.h"
#include "client/rules/fieldrecorder.h"
#include "client/store/devicemigrations.h"
#include "client/store/devicestore.h"
#include "client/store/syncstate.h"
#include "store/encryptedfile.h"
#include "store/encryptedvfs.h"
#include "store/fakesecurestore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "sync/synctestsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using namespace onsite;
using namespace onsite::sync;

namespace {

const QByteArray kToken = "tok-7f3a9c1e55d24b0e8a6f0c2d9b4e1a37";

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray everythingIn(const DeviceStore &store)
{
    QByteArray all;
    for (const char *suffix : {"", "-wal", "-shm"})
        all += bytesOf(store.databasePath() + QLatin1String(suffix));
    return all;
}

QByteArray jpegWith(const QByteArray &marker)
{
    return QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + marker + QByteArray(150 * 1024, 'q') + marker;
}

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

TEST(DeviceAtRest, TheTokenLivesInTheSecureStoreNeverInTheDatabase)
{
    QTemporaryDir dir;
    FakeSecureStore secrets;
    DeviceStore store(dir.path(), secrets);
    EXPECT_TRUE(store.token().isEmpty());
    store.setToken(QString::fromLatin1(kToken));
    EXPECT_EQ(store.token(), QString::fromLatin1(kToken));
    EXPECT_EQ(secrets.load(QLatin1String(DeviceStore::kTokenName), nullptr), kToken);
    EXPECT_EQ(SyncState(store.db()).value(QStringLiteral("token")), QString());
    EXPECT_FALSE(everythingIn(store).contains(kToken));
    EXPECT_EQ(secrets.load(QLatin1String(DeviceStore::kKeyName), nullptr)->size(), EncryptedVfs::kKeyBytes);

    store.clearToken();
    EXPECT_TRUE(store.token().isEmpty());
    secrets.setFailure(QStringLiteral("钥匙串已锁定"));
    EXPECT_THROW(store.setToken(QStringLiteral("x")), std::runtime_error);
}

TEST(DeviceAtRest, TheDesktopStoreKeepsKeyAndTokenInThePrivateSecretsFolder)
{
    QTemporaryDir dir;
    {
        DeviceStore store(dir.path());
        store.setToken(QString::fromLatin1(kToken));
        EXPECT_FALSE(everythingIn(store).contains(kToken));
    }
    const QString secrets = DeviceStore::secretsFolderFor(dir.path());
    EXPECT_EQ(bytesOf(QDir(secrets).filePath(QStringLiteral("device-token.secret"))), kToken);
    EXPECT_EQ(QFile(secrets).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther), 0);
    DeviceStore reopened(dir.path()); // onsite-field and the app open the same folder alike
    EXPECT_EQ(reopened.token(), QString::fromLatin1(kToken));
}

TEST(DeviceAtRest, AnEncryptedDatabaseWithoutItsKeyIsRefusedNotReplaced)
{
    QTemporaryDir dir;
    FakeSecureStore secrets;
    {
        DeviceStore store(dir.path(), secrets);
        SyncState(store.db()).setAccount(QStringLiteral("g1.zhang"));
    }
    const QByteArray before = bytesOf(QDir(dir.path()).filePath(QLatin1String(DeviceStore::kDatabaseName)));

    FakeSecureStore empty; // a keystore wiped, or the folder moved to another device
    try {
        DeviceStore lost(dir.path(), empty);
        FAIL() << "opened without its key";
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string(e.what()).find("密钥"), std::string::npos) << e.what();
    }
    EXPECT_EQ(empty.size(), 0) << "a new key was made for data it cannot read";

    FakeSecureStore wrong;
    wrong.store(QLatin1String(DeviceStore::kKeyName), QByteArray(32, 'w'), nullptr);
    EXPECT_THROW(DeviceStore(dir.path(), wrong), std::exception);
    EXPECT_EQ(bytesOf(QDir(dir.path()).filePath(QLatin1String(DeviceStore::kDatabaseName))), before);

    DeviceStore right(dir.path(), secrets);
    EXPECT_EQ(SyncState(right.db()).account(), QStringLiteral("g1.zhang"));
}

TEST(DeviceAtRest, ADeviceFromBeforeEncryptionIsUpgradedOnceWithNothingLost)
{
    QTemporaryDir dir;
    const QString database = QDir(dir.path()).filePath(QLatin1String(DeviceStore::kDatabaseName));
    const QByteArray photo = jpegWith("PLAIN-PHOTO-MARKER");
    const QString sha = sha256Of(photo);
    {
        // The folder as the previous version left it: plain SQLite, the token in
        // sync_state, photos copied in as they were.
        SqliteConnection plain(database);
        plain.executeScript(QStringLiteral("PRAGMA foreign_keys = OFF"));
        migrateSchema(plain);
        migrateSchema(plain, deviceMigrationSet());
        SyncState state(plain);
        state.setAccount(QStringLiteral("g1.li"));
        state.setValue(QStringLiteral("token"), QString::fromLatin1(kToken));
        state.setCursor(4242);
        QDir().mkpath(QDir(dir.path()).filePath(QStringLiteral("photos")));
        QFile file(QDir(dir.path()).filePath(QStringLiteral("photos/") + sha));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(photo);
    }
    ASSERT_TRUE(bytesOf(database).contains(kToken));

    FakeSecureStore secrets;
    {
        DeviceStore store(dir.path(), secrets);
        SyncState state(store.db());
        EXPECT_EQ(state.account(), QStringLiteral("g1.li"));
        EXPECT_EQ(state.cursor(), 4242);
        EXPECT_EQ(state.value(QStringLiteral("token")), QString()) << "the clear-text row is gone";
        EXPECT_EQ(store.token(), QString::fromLatin1(kToken));
        EXPECT_FALSE(everythingIn(store).contains(kToken));
        EXPECT_FALSE(everythingIn(store).contains("g1.li"));
        const QString photoPath = PhotoFiles(store.photosFolder()).pathFor(sha);
        EXPECT_TRUE(EncryptedFile::isEncrypted(bytesOf(photoPath)));
        EXPECT_FALSE(bytesOf(photoPath).contains("PLAIN-PHOTO-MARKER"));
        QString error;
        EXPECT_EQ(PhotoFiles(store.photosFolder()).read(sha, &error), photo) << error.toStdString();
    }
    EXPECT_EQ(QDir(dir.path()).entryList({QStringLiteral("*.plain"), QStringLiteral("*.encrypting")}, QDir::Files),
              QStringList());
    DeviceStore again(dir.path(), secrets); // the second open converts nothing
    EXPECT_EQ(SyncState(again.db()).cursor(), 4242);
    EXPECT_EQ(again.token(), QString::fromLatin1(kToken));
}

TEST(DeviceAtRest, APhotoIsStoredEncryptedAndReadBackAsTheOriginalBytes)
{
    test::TestDevice device(QStringLiteral("g1.li"));
    const QByteArray original = jpegWith("PHOTO-CONTENT-MARKER");
    const QString source = device.dir.filePath(QStringLiteral("IMG_0002.jpg"));
    {
        QFile file(source);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(original);
    }
    const PhotoEvidence photo =
        FieldRecorder(device.db(), device.store->photosFolder()).recordPhoto(source, QStringLiteral("DC"));
    EXPECT_EQ(photo.sha256, sha256Of(original)) << "HQ's content hash is of the original bytes";
    EXPECT_EQ(photo.sizeBytes, original.size());

    const PhotoFiles files(device.store->photosFolder());
    const QByteArray onDisk = bytesOf(files.pathFor(photo.sha256));
    EXPECT_FALSE(onDisk.contains("PHOTO-CONTENT-MARKER"));
    EXPECT_FALSE(onDisk.contains(QByteArray("\xFF\xD8\xFF\xE0", 4)));
    QString error;
    EXPECT_EQ(files.read(photo.sha256, &error), original) << error.toStdString();

    // What the uploader reads, chunk by chunk and resuming part-way: the original bytes.
    const std::unique_ptr<QIODevice> upload = files.openForReading(photo.sha256);
    ASSERT_TRUE(upload && upload->isOpen());
    EXPECT_EQ(upload->size(), original.size());
    ASSERT_TRUE(upload->seek(100000));
    EXPECT_EQ(upload->read(64 * 1024), original.mid(100000, 64 * 1024));
    ASSERT_TRUE(upload->seek(0));
    EXPECT_EQ(upload->readAll(), original);

    // Recording the same photo again keeps the one encrypted copy.
    FieldRecorder(device.db(), device.store->photosFolder()).recordPhoto(source, QStringLiteral("DC"));
    EXPECT_EQ(bytesOf(files.pathFor(photo.sha256)), onDisk);

    // One flipped byte: the photo no longer reads (shown nowhere, uploaded nowhere).
    QByteArray altered = onDisk;
    altered[onDisk.size() / 2] = static_cast<char>(altered[onDisk.size() / 2] ^ 0x04);
    {
        QFile file(files.pathFor(photo.sha256));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(altered);
    }
    error.clear();
    EXPECT_TRUE(files.read(photo.sha256, &error).isEmpty());
    EXPECT_FALSE(error.isEmpty());
    const std::unique_ptr<QIODevice> broken = files.openForReading(photo.sha256);
    ASSERT_TRUE(broken);
    EXPECT_NE(broken->readAll().size(), original.size());
}
