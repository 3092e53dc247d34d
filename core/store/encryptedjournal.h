#pragma once

struct sqlite3_file;

namespace onsite {

// A rollback journal held in memory (EncryptedVfs): an encrypted database never gets
// one on disk, since it would hold plain page images. `file` has room for at least a
// sqlite3_file and a pointer; SQLITE_OK or SQLITE_NOMEM.
int openMemoryJournal(sqlite3_file *file);

} // namespace onsite
