#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;

namespace onsite {

// A SQLite VFS that keeps every database page encrypted and authenticated on disk
// (XChaCha20-Poly1305 from libsodium), for the device's database. It wraps the
// platform's default VFS and is chosen per connection (SqliteConnection with a key),
// so HQ's databases never pass through it.
//
// Layout: pages are 4096 bytes and SQLite is told to leave the last 40 bytes of each
// page unused (header byte 20); there the VFS puts a fresh random 24-byte nonce and
// the 16-byte tag of every write. The page number is bound in as associated data, so
// a page moved elsewhere fails to decrypt. In the WAL, frame headers stay as SQLite
// writes them (page number, salts, checksums: no content) and each frame's page is
// encrypted with the frame header's first 16 bytes as associated data. The -shm index
// holds page numbers only. Temporary files are kept in memory (temp_store=MEMORY), and
// so are rollback journals, which would hold plain page images: the database runs in
// WAL mode, and only its switch to WAL and VACUUM INTO write under a journal.
//
// A page that does not authenticate reads as SQLITE_IOERR_DATA, except while SQLite
// recovers the WAL after a crash: there a frame that fails (torn by the crash, or
// altered) reads as noise, so SQLite's own checksum ends the log before it, exactly
// as it treats a torn frame without encryption.
class EncryptedVfs
{
public:
    static constexpr const char *kName = "onsite-aead";
    static constexpr int kKeyBytes = 32;
    static constexpr int kPageSize = 4096;
    static constexpr int kReservedBytes = 40; // 24-byte nonce + 16-byte tag
    static constexpr const char *kKeyParameter = "onsite_key";

    // 32 random bytes from the system's generator (libsodium): a new device key.
    static QByteArray newKey();

    // Registers the VFS (not as the default) once per process. Thread-safe.
    static void ensureRegistered();

    // A URI filename that opens `path` through this VFS with `key` (needs SQLITE_OPEN_URI).
    static QByteArray uriFor(const QString &path, const QByteArray &key);

    enum class FileState {
        Missing,      // no file, or an empty one: a new database will be created
        Plaintext,    // an ordinary SQLite database
        Readable,     // encrypted, and `key` authenticates its first page
        WrongKey,     // encrypted (or damaged): `key` does not authenticate its first page
    };
    // The name to open `path` with (a URI through this VFS), after probing it: throws
    // SqlError with a readable message for a wrong key, a damaged first page or a plain
    // database (which must be converted first, EncryptedDatabase::encrypt).
    static QByteArray openName(const QString &path, const QByteArray &key);
    // Settings an encrypted connection needs before its first statement: 4096-byte pages
    // with room for nonce and tag (effective while the database is empty), temporary
    // tables and sorts in memory.
    static void prepare(sqlite3 *db);

    // Looks at the first page (or, for a database whose pages are all still in the WAL,
    // the first WAL frame) without opening the database.
    static FileState probe(const QString &path, const QByteArray &key);
};

} // namespace onsite
