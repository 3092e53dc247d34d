#include "encryptedjournal.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <vector>

namespace onsite {

namespace {

// A rollback journal holds plain page images, so an encrypted database never gets one
// on disk. It runs in WAL mode, where none is written; the few rollback-mode writes
// (the switch to WAL of a new database, VACUUM INTO the converted copy) journal in
// memory, as journal_mode=MEMORY would: a crash there loses only a copy being made.

struct MemoryJournal
{
    sqlite3_file base;
    std::vector<unsigned char> *bytes;
};

std::vector<unsigned char> &journalBytes(sqlite3_file *f) { return *reinterpret_cast<MemoryJournal *>(f)->bytes; }

int mjClose(sqlite3_file *f)
{
    delete reinterpret_cast<MemoryJournal *>(f)->bytes;
    reinterpret_cast<MemoryJournal *>(f)->bytes = nullptr;
    return SQLITE_OK;
}
int mjRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
    const auto &bytes = journalBytes(f);
    const sqlite3_int64 available = std::max<sqlite3_int64>(0, static_cast<sqlite3_int64>(bytes.size()) - offset);
    const int n = static_cast<int>(std::min<sqlite3_int64>(amount, available));
    if (n > 0)
        std::memcpy(buffer, bytes.data() + offset, n);
    if (n == amount)
        return SQLITE_OK;
    std::memset(static_cast<char *>(buffer) + n, 0, amount - n);
    return SQLITE_IOERR_SHORT_READ;
}
int mjWrite(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
    auto &bytes = journalBytes(f);
    try {
        if (static_cast<sqlite3_int64>(bytes.size()) < offset + amount)
            bytes.resize(offset + amount);
    } catch (const std::bad_alloc &) {
        return SQLITE_IOERR_NOMEM;
    }
    std::memcpy(bytes.data() + offset, buffer, amount);
    return SQLITE_OK;
}
int mjTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    auto &bytes = journalBytes(f);
    if (size < static_cast<sqlite3_int64>(bytes.size()))
        bytes.resize(size);
    return SQLITE_OK;
}
int mjSync(sqlite3_file *, int) { return SQLITE_OK; }
int mjFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    *size = static_cast<sqlite3_int64>(journalBytes(f).size());
    return SQLITE_OK;
}
int mjLock(sqlite3_file *, int) { return SQLITE_OK; }
int mjCheckReservedLock(sqlite3_file *, int *out)
{
    *out = 0;
    return SQLITE_OK;
}
int mjFileControl(sqlite3_file *, int, void *) { return SQLITE_NOTFOUND; }
int mjSectorSize(sqlite3_file *) { return 4096; }
int mjDeviceCharacteristics(sqlite3_file *) { return SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

const sqlite3_io_methods kJournalMethods = {
    1,       mjClose,       mjRead,       mjWrite,       mjTruncate, mjSync,  mjFileSize, mjLock,
    mjLock,  mjCheckReservedLock,         mjFileControl, mjSectorSize, mjDeviceCharacteristics,
    nullptr, nullptr,       nullptr,      nullptr,       nullptr,    nullptr,
};

} // namespace

int openMemoryJournal(sqlite3_file *file)
{
    auto *journal = reinterpret_cast<MemoryJournal *>(file);
    journal->bytes = new (std::nothrow) std::vector<unsigned char>;
    if (!journal->bytes)
        return SQLITE_NOMEM;
    journal->base.pMethods = &kJournalMethods;
    return SQLITE_OK;
}

} // namespace onsite
