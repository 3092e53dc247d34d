#include "filesha256.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace onsite::hq {

QByteArray sha256HexOf(QIODevice &device)
{
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                          &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL could not start a SHA-256");
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 got = device.read(block.data(), block.size());
        if (got < 0)
            return {};
        if (got == 0)
            break;
        if (EVP_DigestUpdate(context.get(), block.constData(), static_cast<size_t>(got)) != 1)
            throw std::runtime_error("OpenSSL could not compute a SHA-256");
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
        throw std::runtime_error("OpenSSL could not compute a SHA-256");
    return QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length))
        .toHex();
}

} // namespace onsite::hq
