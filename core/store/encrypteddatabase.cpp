#include "encrypteddatabase.h"

#include "encryptedvfs.h"
#include "sqlconnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace onsite {

namespace {

[[noreturn]] void fail(const QString &path, const QString &what)
{
    throw SqlError(QStringLiteral("cannot encrypt %1: %2").arg(path, what).toStdString());
}

void syncFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

// Copies the plain database into `target` through the encrypting VFS.
void copyEncrypted(const QString &path, const QString &target, const QByteArray &key)
{
    sqlite3 *db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(QFile::encodeName(QFileInfo(path).absoluteFilePath()).constData(), &db, flags, nullptr)
        != SQLITE_OK) {
        const QString message = QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        fail(path, message);
    }
    sqlite3_busy_timeout(db, 10000);
    // VACUUM INTO gives the copy the reserve the source asks for: room for nonce and tag.
    int reserve = EncryptedVfs::kReservedBytes;
    sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    sqlite3_stmt *statement = nullptr;
    const QByteArray uri = EncryptedVfs::uriFor(target, key);
    int rc = sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &statement, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(statement, 1, uri.constData(), static_cast<int>(uri.size()), SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    const QString message = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    // The last connection to close checkpoints and removes the plain WAL.
    sqlite3_close(db);
    if (rc != SQLITE_OK)
        fail(path, message);
}

} // namespace

void EncryptedDatabase::wipe(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return;
    if (file.open(QIODevice::ReadWrite)) {
        const QByteArray zeros(64 * 1024, '\0');
        for (qint64 left = file.size(); left > 0; left -= zeros.size())
            file.write(zeros.constData(), std::min<qint64>(left, zeros.size()));
        file.flush();
        ::fsync(file.handle());
        file.close();
    }
    QFile::remove(path);
}

bool EncryptedDatabase::encryptInPlace(const QString &path, const QByteArray &key)
{
    const QString leftover = path + QStringLiteral(".plain");
    wipe(leftover); // a conversion that stopped after its rename
    if (EncryptedVfs::probe(path, key) != EncryptedVfs::FileState::Plaintext)
        return false;
    EncryptedVfs::ensureRegistered();
    const QString target = path + QStringLiteral(".encrypting");
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(target + QLatin1String(suffix));

    copyEncrypted(path, target, key);
    if (QFileInfo(path + QStringLiteral("-wal")).size() > 0) {
        QFile::remove(target);
        fail(path, QStringLiteral("another program still has it open"));
    }
    syncFile(target);
    if (EncryptedVfs::probe(target, key) != EncryptedVfs::FileState::Readable) {
        QFile::remove(target);
        fail(path, QStringLiteral("the encrypted copy does not read back"));
    }
    QFile::setPermissions(target, QFile(path).permissions());
    QFile::remove(path + QStringLiteral("-shm")); // the plain file's index, not the copy's
    // A second name keeps the plain bytes reachable after the rename, to be zeroed.
    const QByteArray plainName = QFile::encodeName(path);
    if (::link(plainName.constData(), QFile::encodeName(leftover).constData()) != 0)
        QFile::copy(path, leftover);
    if (std::rename(QFile::encodeName(target).constData(), plainName.constData()) != 0) {
        QFile::remove(leftover);
        QFile::remove(target);
        fail(path, QStringLiteral("cannot replace it with the encrypted copy"));
    }
    syncFile(QFileInfo(path).absolutePath());
    wipe(leftover);
    return true;
}

} // namespace onsite
