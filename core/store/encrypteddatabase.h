#pragma once

#include <QByteArray>
#include <QString>

namespace onsite {

// Turns a plain SQLite file into one EncryptedVfs reads, in place and once: the
// content is copied (VACUUM INTO, so every table, index, trigger and user_version)
// to `<path>.encrypting`, that file is synced and renamed over the original, and the
// plain bytes are overwritten with zeros before they are unlinked. A crash before the
// rename leaves the plain file as it was (the half-made copy is discarded next time);
// a crash after it leaves the encrypted file and a `<path>.plain` to be wiped, which
// the next call does.
class EncryptedDatabase
{
public:
    // True when a plain file was converted. Throws SqlError when the file cannot be
    // read or the copy cannot be written; the original is then unchanged. Nothing else
    // may have the file open.
    static bool encryptInPlace(const QString &path, const QByteArray &key);

    // Overwrites a file with zeros, syncs and removes it (a best effort on flash, where
    // the controller may keep old blocks; the file system no longer points at them).
    static void wipe(const QString &path);
};

} // namespace onsite
