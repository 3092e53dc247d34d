#pragma once

// How the encrypted VFS seals one page: a database page or a WAL frame's page is
// encrypted with XChaCha20-Poly1305, its nonce and tag kept in the page's reserved
// bytes, and bound (as associated data) to where it belongs. Internal to core/store.
#include "encryptedvfs.h"

#include <sodium.h>
#include <sqlite3.h>

#include <cstddef>
#include <vector>

namespace onsite::pageseal {

constexpr int kPage = EncryptedVfs::kPageSize;
constexpr int kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES; // 24
constexpr int kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;      // 16
constexpr int kSealed = kPage - EncryptedVfs::kReservedBytes;        // bytes of a page that carry data
constexpr int kWalHeader = 32;
constexpr int kFrameHeader = 24;
// A frame's page is bound to its page number and commit size. Not to the salts: once a
// transaction rewrites a frame it already wrote, SQLite writes its later frame headers
// with zero salts and checksums and fills them in at the commit (walRewriteChecksums),
// so the salts are not fixed when the page is sealed. (Sealing over them lost every frame
// of such a transaction at recovery.) A frame of an older WAL still fails SQLite's own
// salt and checksum checks, which run over the plain page.
constexpr int kFrameAad = 8;
constexpr int kLegacyFrameAad = 16; // page number, commit size, salts: WALs written before
constexpr const char *kPageKeyContext = "onsitedb";
static_assert(kNonce + kTag == EncryptedVfs::kReservedBytes);

struct Cipher
{
    unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
    std::vector<unsigned char> scratch = std::vector<unsigned char>(kFrameHeader + kPage);
    std::vector<unsigned char> plain = std::vector<unsigned char>(kPage);
    // The last frame header written, so the frame's page that follows needs no read.
    sqlite3_int64 headerOffset = -1;
    unsigned char header[kFrameHeader] = {};
    ~Cipher() { sodium_memzero(key, sizeof key); }
};

void sealPage(Cipher &c, const unsigned char *in, unsigned char *out, const unsigned char *aad, size_t aadLength);
bool openPage(const Cipher &c, const unsigned char *in, unsigned char *out, const unsigned char *aad, size_t aadLength);
void pageAad(sqlite3_int64 pageIndex, unsigned char aad[9]);
void frameAad(const unsigned char *frameHeader, unsigned char aad[1 + kFrameAad]);
// Opens a WAL frame's page; a WAL left by an older version (salts in the binding) still
// recovers after an upgrade.
bool openFrame(const Cipher &c, const unsigned char *frameHeader, const unsigned char *in, unsigned char *out);
// Page 1 of a database this VFS can carry: 4096-byte pages with at least 40 reserved
// bytes. Anything else would put data where the nonce and tag go.
bool headerFits(const unsigned char *page1);

} // namespace onsite::pageseal
