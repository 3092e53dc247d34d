#include "sha256.h"

#include <sodium.h>

#include <stdexcept>

namespace onsite {

QByteArray sha256Hex(QByteArrayView bytes)
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(bytes.data()),
                       static_cast<unsigned long long>(bytes.size()));
    return QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex();
}

} // namespace onsite
