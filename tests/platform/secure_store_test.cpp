// Secret storage: the desktop file store (private folder and file modes, atomic
// replacement) and the in-memory fake, held to the same key rules.
#include "platform/fakesecurestore.h"
#include "platform/filesecurestore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace onsite::platform;

namespace {

#ifdef Q_OS_UNIX
int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}
#endif

} // namespace

TEST(PlatformSecureStore, FileStoreRoundTripReplaceAndRemove)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    FileSecureStore store(dir.filePath(QStringLiteral("data/secrets")));
    QString error;

    EXPECT_FALSE(store.load(QStringLiteral("device-token"), &error).has_value());
    EXPECT_TRUE(error.isEmpty()) << "nothing stored is not an error";

    ASSERT_TRUE(store.store(QStringLiteral("device-token"), "tok_3f9a\n\0binary", &error)) << error.toStdString();
    std::optional<QByteArray> loaded = store.load(QStringLiteral("device-token"), &error);
    ASSERT_TRUE(loaded.has_value()) << error.toStdString();
    EXPECT_EQ(*loaded, QByteArray("tok_3f9a\n\0binary"));

    ASSERT_TRUE(store.store(QStringLiteral("device-token"), "tok_new", &error));
    EXPECT_EQ(store.load(QStringLiteral("device-token"), &error).value_or("?"), QByteArray("tok_new"));
    // Only the secret's own file: no temporary left behind by the atomic write.
    EXPECT_EQ(QDir(store.folder()).entryList(QDir::Files | QDir::Hidden),
              QStringList{QStringLiteral("device-token.secret")});

    ASSERT_TRUE(store.remove(QStringLiteral("device-token"), &error)) << error.toStdString();
    EXPECT_FALSE(store.load(QStringLiteral("device-token"), &error).has_value());
    EXPECT_FALSE(QFile::exists(store.filePathFor(QStringLiteral("device-token"))));
    EXPECT_TRUE(store.remove(QStringLiteral("device-token"), &error)) << "removing twice should succeed";
}

#ifdef Q_OS_UNIX
TEST(PlatformSecureStore, FileStoreKeepsFolderAndFilePrivate)
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("secrets"));
    // Made loose beforehand, as by hand or an older version: tightened on the next store.
    ASSERT_TRUE(QDir().mkpath(folder));
    ASSERT_EQ(::chmod(QFile::encodeName(folder).constData(), 0755), 0);

    FileSecureStore store(folder);
    QString error;
    ASSERT_TRUE(store.store(QStringLiteral("device-token"), "secret", &error)) << error.toStdString();
    EXPECT_EQ(modeOf(folder), 0700);
    const QString file = store.filePathFor(QStringLiteral("device-token"));
    EXPECT_EQ(modeOf(file), 0600);

    // Replacing keeps the mode too, even if the old file had been opened up.
    ASSERT_EQ(::chmod(QFile::encodeName(file).constData(), 0644), 0);
    ASSERT_TRUE(store.store(QStringLiteral("device-token"), "secret 2", &error));
    EXPECT_EQ(modeOf(file), 0600);
}
#endif

TEST(PlatformSecureStore, KeysThatCouldEscapeTheFolderAreRefused)
{
    QTemporaryDir dir;
    FileSecureStore fileStore(dir.filePath(QStringLiteral("secrets")));
    FakeSecureStore fakeStore;
    for (SecureStore *store : {static_cast<SecureStore *>(&fileStore), static_cast<SecureStore *>(&fakeStore)}) {
        for (const QString &key : {QStringLiteral("../token"), QStringLiteral(".hidden"), QStringLiteral("a/b"),
                                   QString(), QStringLiteral("令牌")}) {
            QString error;
            EXPECT_FALSE(store->store(key, "x", &error)) << key.toStdString();
            EXPECT_TRUE(error.contains(QStringLiteral("无效"))) << error.toStdString();
        }
    }
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("token.secret"))));
    EXPECT_EQ(fakeStore.size(), 0);
    EXPECT_TRUE(SecureStore::isValidKey(QStringLiteral("hq.device_token-2")));
}

TEST(PlatformSecureStore, FakeRoundTripAndFailure)
{
    FakeSecureStore store;
    QString error;
    ASSERT_TRUE(store.store(QStringLiteral("device-token"), "abc", &error));
    EXPECT_EQ(store.load(QStringLiteral("device-token"), &error).value_or("?"), QByteArray("abc"));

    store.setFailure(QStringLiteral("钥匙串已锁定"));
    EXPECT_FALSE(store.load(QStringLiteral("device-token"), &error).has_value());
    EXPECT_EQ(error, QStringLiteral("钥匙串已锁定"));
    EXPECT_FALSE(store.remove(QStringLiteral("device-token"), nullptr));

    store.setFailure({});
    ASSERT_TRUE(store.remove(QStringLiteral("device-token"), &error));
    EXPECT_FALSE(store.load(QStringLiteral("device-token"), &error).has_value());
}
