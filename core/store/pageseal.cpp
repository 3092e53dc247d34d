#include "pageseal.h"

#include <cstring>

namespace onsite::pageseal {

void sealPage(Cipher &c, const unsigned char *in, unsigned char *out, const unsigned char *aad, size_t aadLength)
{
    unsigned char *nonce = out + kSealed;
    unsigned char *tag = nonce + kNonce;
    randombytes_buf(nonce, kNonce);
    unsigned long long tagLength = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, tag, &tagLength, in, kSealed, aad, aadLength, nullptr,
                                                        nonce, c.key);
}

bool openPage(const Cipher &c, const unsigned char *in, unsigned char *out, const unsigned char *aad, size_t aadLength)
{
    const unsigned char *nonce = in + kSealed;
    const unsigned char *tag = nonce + kNonce;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, nullptr, in, kSealed, tag, aad, aadLength, nonce,
                                                            c.key) != 0)
        return false;
    std::memset(out + kSealed, 0, EncryptedVfs::kReservedBytes);
    return true;
}

void pageAad(sqlite3_int64 pageIndex, unsigned char aad[9])
{
    aad[0] = 'D';
    for (int i = 0; i < 8; ++i)
        aad[1 + i] = static_cast<unsigned char>(static_cast<sqlite3_uint64>(pageIndex) >> (8 * i));
}

void frameAad(const unsigned char *frameHeader, unsigned char aad[1 + kFrameAad])
{
    aad[0] = 'W';
    std::memcpy(aad + 1, frameHeader, kFrameAad);
}

bool openFrame(const Cipher &c, const unsigned char *frameHeader, const unsigned char *in, unsigned char *out)
{
    unsigned char aad[1 + kLegacyFrameAad];
    frameAad(frameHeader, aad);
    if (openPage(c, in, out, aad, 1 + kFrameAad))
        return true;
    std::memcpy(aad + 1, frameHeader, kLegacyFrameAad);
    return openPage(c, in, out, aad, sizeof aad);
}

bool headerFits(const unsigned char *page1)
{
    const int pageSize = (page1[16] << 8) | page1[17];
    return std::memcmp(page1, "SQLite format 3", 16) == 0 && pageSize == kPage
           && page1[20] >= EncryptedVfs::kReservedBytes;
}

} // namespace onsite::pageseal
