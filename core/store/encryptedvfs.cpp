#include "encryptedvfs.h"

#include "encryptedjournal.h"
#include "pageseal.h"
#include "sqlconnection.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <sodium.h>
#include <sqlite3.h>

#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace onsite {

namespace {

using namespace pageseal;

enum class Kind { Plain, Database, Wal };

// The file object SQLite allocates (szOsFile bytes): ours first, the wrapped file after.
struct File
{
    sqlite3_file base;
    Kind kind;
    Cipher *cipher;
    sqlite3_file *real() { return reinterpret_cast<sqlite3_file *>(this + 1); }
};

sqlite3_vfs *g_root = nullptr;

// --- io methods ---

File *self(sqlite3_file *f) { return reinterpret_cast<File *>(f); }

int xClose(sqlite3_file *f)
{
    File *file = self(f);
    const int rc = file->real()->pMethods ? file->real()->pMethods->xClose(file->real()) : SQLITE_OK;
    delete file->cipher;
    file->cipher = nullptr;
    return rc;
}

int readDatabase(File *file, void *buffer, int amount, sqlite3_int64 offset)
{
    Cipher &c = *file->cipher;
    const sqlite3_int64 index = offset / kPage;
    const int within = static_cast<int>(offset % kPage);
    if (within + amount > kPage)
        return SQLITE_IOERR_READ;
    sqlite3_file *real = file->real();
    const int rc = real->pMethods->xRead(real, c.scratch.data(), kPage, index * kPage);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        sqlite3_int64 size = 0;
        real->pMethods->xFileSize(real, &size);
        if (size <= index * kPage) { // past the end: SQLite expects zeros and this code
            std::memset(buffer, 0, amount);
            return SQLITE_IOERR_SHORT_READ;
        }
        return SQLITE_IOERR_DATA; // part of a page: cut short, not written by us
    }
    if (rc != SQLITE_OK)
        return rc;
    unsigned char aad[9];
    pageAad(index, aad);
    if (!openPage(c, c.scratch.data(), c.plain.data(), aad, sizeof aad))
        return SQLITE_IOERR_DATA;
    if (index == 0 && !headerFits(c.plain.data()))
        return SQLITE_IOERR_DATA;
    std::memcpy(buffer, c.plain.data() + within, amount);
    return SQLITE_OK;
}

int writeDatabase(File *file, const void *buffer, int amount, sqlite3_int64 offset)
{
    if (amount != kPage || offset % kPage != 0)
        return SQLITE_IOERR_WRITE;
    const auto *in = static_cast<const unsigned char *>(buffer);
    const sqlite3_int64 index = offset / kPage;
    if (index == 0 && !headerFits(in))
        return SQLITE_IOERR_WRITE; // SQLite was not told to reserve room: refuse to corrupt
    Cipher &c = *file->cipher;
    unsigned char aad[9];
    pageAad(index, aad);
    sealPage(c, in, c.scratch.data(), aad, sizeof aad);
    sqlite3_file *real = file->real();
    return real->pMethods->xWrite(real, c.scratch.data(), kPage, offset);
}

// Where `offset` falls in a WAL of 4096-byte pages: -1 in the WAL header, else the
// position inside its frame (0 = frame header, 24 = page).
sqlite3_int64 withinFrame(sqlite3_int64 offset)
{
    if (offset < kWalHeader)
        return -1;
    return (offset - kWalHeader) % (kFrameHeader + kPage);
}

int frameHeaderFor(File *file, sqlite3_int64 pageOffset, unsigned char *header)
{
    Cipher &c = *file->cipher;
    if (c.headerOffset == pageOffset - kFrameHeader) {
        std::memcpy(header, c.header, kFrameHeader);
        return SQLITE_OK;
    }
    return file->real()->pMethods->xRead(file->real(), header, kFrameHeader, pageOffset - kFrameHeader);
}

int readWal(File *file, void *buffer, int amount, sqlite3_int64 offset)
{
    sqlite3_file *real = file->real();
    const sqlite3_int64 at = withinFrame(offset);
    const bool wholeFrame = at == 0 && amount == kFrameHeader + kPage;
    const bool pageOnly = at == kFrameHeader && amount == kPage;
    if (!wholeFrame && !pageOnly) // the WAL header or a frame header: no content
        return real->pMethods->xRead(real, buffer, amount, offset);
    Cipher &c = *file->cipher;
    auto *out = static_cast<unsigned char *>(buffer);
    unsigned char header[kFrameHeader];
    unsigned char *page = out;
    if (wholeFrame) {
        const int rc = real->pMethods->xRead(real, out, amount, offset);
        if (rc != SQLITE_OK)
            return rc; // a short read ends recovery on its own
        std::memcpy(header, out, kFrameHeader);
        page = out + kFrameHeader;
    } else {
        int rc = frameHeaderFor(file, offset, header);
        if (rc == SQLITE_OK)
            rc = real->pMethods->xRead(real, out, amount, offset);
        if (rc != SQLITE_OK)
            return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_DATA : rc;
    }
    if (openFrame(c, header, page, c.plain.data())) {
        std::memcpy(page, c.plain.data(), kPage);
        return SQLITE_OK;
    }
    if (!wholeFrame)
        return SQLITE_IOERR_DATA;
    // Recovery reads whole frames: noise makes SQLite's checksum end the log here.
    randombytes_buf(page, kPage);
    return SQLITE_OK;
}

int writeWal(File *file, const void *buffer, int amount, sqlite3_int64 offset)
{
    sqlite3_file *real = file->real();
    Cipher &c = *file->cipher;
    const sqlite3_int64 at = withinFrame(offset);
    if (at == -1 || (at == 0 && amount == kFrameHeader)) {
        if (at == 0) {
            std::memcpy(c.header, buffer, kFrameHeader);
            c.headerOffset = offset;
        } else if (offset == 0 && amount >= 12) {
            const auto *h = static_cast<const unsigned char *>(buffer);
            const int pageSize = (h[8] << 24) | (h[9] << 16) | (h[10] << 8) | h[11];
            if (pageSize != kPage)
                return SQLITE_IOERR_WRITE;
        }
        return real->pMethods->xWrite(real, buffer, amount, offset);
    }
    if (at != kFrameHeader || amount != kPage)
        return SQLITE_IOERR_WRITE; // a frame split across writes: never done with powersafe overwrite
    unsigned char header[kFrameHeader];
    if (int rc = frameHeaderFor(file, offset, header); rc != SQLITE_OK)
        return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_WRITE : rc;
    unsigned char aad[1 + kFrameAad];
    frameAad(header, aad);
    sealPage(c, static_cast<const unsigned char *>(buffer), c.scratch.data(), aad, sizeof aad);
    return real->pMethods->xWrite(real, c.scratch.data(), kPage, offset);
}

int xRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
    File *file = self(f);
    switch (file->kind) {
    case Kind::Database:
        return readDatabase(file, buffer, amount, offset);
    case Kind::Wal:
        return readWal(file, buffer, amount, offset);
    case Kind::Plain:
        break;
    }
    return file->real()->pMethods->xRead(file->real(), buffer, amount, offset);
}

int xWrite(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
    File *file = self(f);
    switch (file->kind) {
    case Kind::Database:
        return writeDatabase(file, buffer, amount, offset);
    case Kind::Wal:
        return writeWal(file, buffer, amount, offset);
    case Kind::Plain:
        break;
    }
    return file->real()->pMethods->xWrite(file->real(), buffer, amount, offset);
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    File *file = self(f);
    if (file->cipher)
        file->cipher->headerOffset = -1;
    return file->real()->pMethods->xTruncate(file->real(), size);
}

int xSync(sqlite3_file *f, int flags) { return self(f)->real()->pMethods->xSync(self(f)->real(), flags); }
int xFileSize(sqlite3_file *f, sqlite3_int64 *size) { return self(f)->real()->pMethods->xFileSize(self(f)->real(), size); }
int xLock(sqlite3_file *f, int level) { return self(f)->real()->pMethods->xLock(self(f)->real(), level); }
int xUnlock(sqlite3_file *f, int level) { return self(f)->real()->pMethods->xUnlock(self(f)->real(), level); }
int xCheckReservedLock(sqlite3_file *f, int *out)
{
    return self(f)->real()->pMethods->xCheckReservedLock(self(f)->real(), out);
}
int xFileControl(sqlite3_file *f, int op, void *arg)
{
    if (op == SQLITE_FCNTL_VFSNAME) { // how `PRAGMA vfs_list`-style tools name the stack
        auto **name = static_cast<char **>(arg);
        const int rc = self(f)->real()->pMethods->xFileControl(self(f)->real(), op, arg);
        char *ours = sqlite3_mprintf("%s/%z", EncryptedVfs::kName, rc == SQLITE_OK ? *name : nullptr);
        *name = ours;
        return SQLITE_OK;
    }
    return self(f)->real()->pMethods->xFileControl(self(f)->real(), op, arg);
}
int xSectorSize(sqlite3_file *f) { return self(f)->real()->pMethods->xSectorSize(self(f)->real()); }
int xDeviceCharacteristics(sqlite3_file *f)
{
    return self(f)->real()->pMethods->xDeviceCharacteristics(self(f)->real());
}
int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return self(f)->real()->pMethods->xShmMap(self(f)->real(), region, size, extend, out);
}
int xShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return self(f)->real()->pMethods->xShmLock(self(f)->real(), offset, n, flags);
}
void xShmBarrier(sqlite3_file *f) { self(f)->real()->pMethods->xShmBarrier(self(f)->real()); }
int xShmUnmap(sqlite3_file *f, int deleteFlag) { return self(f)->real()->pMethods->xShmUnmap(self(f)->real(), deleteFlag); }

// Version 2: shared memory for WAL, but no xFetch, so SQLite never maps the
// (encrypted) file into memory and reads it directly.
const sqlite3_io_methods kMethods = {
    2,          xClose,       xRead,      xWrite,     xTruncate,  xSync,         xFileSize,
    xLock,      xUnlock,      xCheckReservedLock,     xFileControl,            xSectorSize,
    xDeviceCharacteristics,   xShmMap,    xShmLock,   xShmBarrier, xShmUnmap,    nullptr,
    nullptr,
};

bool keyFromUri(const char *name, unsigned char *key)
{
    const char *hex = name ? sqlite3_uri_parameter(name, EncryptedVfs::kKeyParameter) : nullptr;
    unsigned char master[EncryptedVfs::kKeyBytes];
    size_t length = 0;
    if (!hex || sodium_hex2bin(master, sizeof master, hex, std::strlen(hex), nullptr, &length, nullptr) != 0
        || length != sizeof master)
        return false;
    crypto_kdf_derive_from_key(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, 1, kPageKeyContext, master);
    sodium_memzero(master, sizeof master);
    return true;
}

// The journal of an encrypted database never reaches the disk, so deleting it finds nothing.
int xDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    const int rc = g_root->xDelete(g_root, name, syncDir);
    return rc == SQLITE_IOERR_DELETE_NOENT ? SQLITE_OK : rc;
}

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    File *file = self(f);
    file->base.pMethods = nullptr;
    file->cipher = nullptr;
    file->kind = Kind::Plain;
    if (flags & SQLITE_OPEN_MAIN_DB)
        file->kind = Kind::Database;
    else if (flags & SQLITE_OPEN_WAL)
        file->kind = Kind::Wal;
    else if (flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL))
        return openMemoryJournal(&file->base);

    if (file->kind != Kind::Plain) {
        file->cipher = new (std::nothrow) Cipher;
        if (!file->cipher)
            return SQLITE_NOMEM;
        if (!keyFromUri(name, file->cipher->key)) {
            delete file->cipher;
            file->cipher = nullptr;
            return SQLITE_CANTOPEN;
        }
    }
    const int rc = g_root->xOpen(g_root, name, file->real(), flags, outFlags);
    if (rc != SQLITE_OK) {
        delete file->cipher;
        file->cipher = nullptr;
        return rc;
    }
    file->base.pMethods = &kMethods;
    return SQLITE_OK;
}

sqlite3_vfs g_vfs;

// --- probing a file without SQLite ---

QByteArray readAt(QFile &file, qint64 offset, qint64 length)
{
    if (!file.seek(offset))
        return {};
    return file.read(length);
}

} // namespace

void EncryptedVfs::ensureRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            throw std::runtime_error("libsodium cannot be initialised");
        g_root = sqlite3_vfs_find(nullptr);
        g_vfs = *g_root;
        g_vfs.iVersion = std::min(g_root->iVersion, 3);
        g_vfs.szOsFile = static_cast<int>(sizeof(File)) + g_root->szOsFile;
        g_vfs.pNext = nullptr;
        g_vfs.zName = kName;
        g_vfs.pAppData = nullptr;
        g_vfs.xOpen = xOpen;
        g_vfs.xDelete = xDelete;
        sqlite3_vfs_register(&g_vfs, 0);
    });
}

QByteArray EncryptedVfs::newKey()
{
    ensureRegistered(); // sodium_init
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    randombytes_buf(key.data(), kKeyBytes);
    return key;
}

QByteArray EncryptedVfs::uriFor(const QString &path, const QByteArray &key)
{
    const QByteArray absolute = QFileInfo(path).absoluteFilePath().toUtf8();
    return "file:" + QUrl::toPercentEncoding(QString::fromUtf8(absolute), "/") + "?vfs=" + kName + "&"
           + kKeyParameter + "=" + key.toHex();
}

QByteArray EncryptedVfs::openName(const QString &path, const QByteArray &key)
{
    if (key.size() != kKeyBytes)
        throw SqlError(QStringLiteral("cannot open database %1: an encryption key has %2 bytes, not %3")
                           .arg(path)
                           .arg(kKeyBytes)
                           .arg(key.size())
                           .toStdString());
    switch (probe(path, key)) {
    case FileState::Plaintext:
        throw SqlError(QStringLiteral("cannot open database %1 encrypted: it is a plain SQLite file").arg(path).toStdString());
    case FileState::WrongKey:
        throw SqlError(
            QStringLiteral("cannot open database %1: the key does not decrypt it (wrong key, or the file is damaged)")
                .arg(path)
                .toStdString());
    case FileState::Missing:
    case FileState::Readable:
        break;
    }
    return uriFor(path, key);
}

void EncryptedVfs::prepare(sqlite3 *db)
{
    int reserve = kReservedBytes;
    sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    char *error = nullptr;
    auto run = [&](const char *sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, &error) == SQLITE_OK)
            return;
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw SqlError("cannot prepare an encrypted connection: " + message);
    };
    run("PRAGMA page_size = 4096; PRAGMA temp_store = MEMORY;");
    // A database not yet in WAL mode (new, or just converted) switches by writing page 1
    // under a rollback journal: kept in memory, because the VFS opens none on disk.
    sqlite3_stmt *statement = nullptr;
    bool wal = false;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW)
        wal = sqlite3_stricmp(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)), "wal") == 0;
    sqlite3_finalize(statement);
    if (!wal)
        run("PRAGMA journal_mode = MEMORY;");
}

EncryptedVfs::FileState EncryptedVfs::probe(const QString &path, const QByteArray &key)
{
    ensureRegistered();
    if (key.size() != kKeyBytes)
        return FileState::WrongKey;
    Cipher c;
    crypto_kdf_derive_from_key(c.key, sizeof c.key, 1, kPageKeyContext,
                               reinterpret_cast<const unsigned char *>(key.constData()));
    QFile db(path);
    if (db.exists() && db.size() > 0) {
        if (!db.open(QIODevice::ReadOnly))
            return FileState::WrongKey;
        const QByteArray page = readAt(db, 0, kPage);
        if (page.startsWith(QByteArrayLiteral("SQLite format 3\0")))
            return FileState::Plaintext;
        if (page.size() < kPage)
            return FileState::WrongKey;
        unsigned char aad[9];
        pageAad(0, aad);
        const bool ok = openPage(c, reinterpret_cast<const unsigned char *>(page.constData()), c.plain.data(), aad,
                                 sizeof aad)
                        && headerFits(c.plain.data());
        return ok ? FileState::Readable : FileState::WrongKey;
    }
    // No page in the file yet: a first frame in the WAL may still hold the only copy.
    QFile wal(path + QStringLiteral("-wal"));
    if (!wal.exists() || wal.size() < kWalHeader + kFrameHeader + kPage || !wal.open(QIODevice::ReadOnly))
        return FileState::Missing;
    const QByteArray head = readAt(wal, 0, kWalHeader);
    const QByteArray frame = readAt(wal, kWalHeader, kFrameHeader + kPage);
    if (head.size() < kWalHeader || frame.size() < kFrameHeader + kPage
        || frame.mid(8, 8) != head.mid(16, 8)) // salts differ: not a frame of this WAL
        return FileState::Missing;
    const auto *bytes = reinterpret_cast<const unsigned char *>(frame.constData());
    const bool ok = openFrame(c, bytes, bytes + kFrameHeader, c.plain.data());
    return ok ? FileState::Readable : FileState::WrongKey;
}

} // namespace onsite
