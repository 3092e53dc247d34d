#include "hmacsha256.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace onsite::hq {

namespace {

constexpr std::size_t kBlockBytes = 64;
constexpr int kDigestBytes = 32;

void check(int ok)
{
    if (ok != 1)
        throw std::runtime_error("OpenSSL could not compute an HMAC-SHA-256");
}

} // namespace

void HmacSha256::ContextFree::operator()(evp_md_ctx_st *context) const
{
    EVP_MD_CTX_free(context);
}

HmacSha256::HmacSha256(QByteArrayView key)
    : m_inner(EVP_MD_CTX_new()), m_outer(EVP_MD_CTX_new()), m_work(EVP_MD_CTX_new())
{
    if (!m_inner || !m_outer || !m_work)
        throw std::runtime_error("OpenSSL could not allocate a digest context");
    // RFC 2104: a key longer than a block is hashed first, a shorter one padded with zeros.
    std::array<unsigned char, kBlockBytes> block{};
    if (std::size_t(key.size()) > kBlockBytes) {
        unsigned int length = 0;
        check(EVP_Digest(key.data(), std::size_t(key.size()), block.data(), &length, EVP_sha256(),
                         nullptr));
    } else {
        std::copy(key.begin(), key.end(), block.begin());
    }
    std::array<unsigned char, kBlockBytes> pad{};
    for (std::size_t i = 0; i < kBlockBytes; ++i)
        pad[i] = block[i] ^ 0x36;
    check(EVP_DigestInit_ex(m_inner.get(), EVP_sha256(), nullptr));
    check(EVP_DigestUpdate(m_inner.get(), pad.data(), pad.size()));
    for (std::size_t i = 0; i < kBlockBytes; ++i)
        pad[i] = block[i] ^ 0x5c;
    check(EVP_DigestInit_ex(m_outer.get(), EVP_sha256(), nullptr));
    check(EVP_DigestUpdate(m_outer.get(), pad.data(), pad.size()));
}

HmacSha256::~HmacSha256() = default;

QByteArray HmacSha256::hex(QByteArrayView message) const
{
    unsigned char inner[kDigestBytes];
    unsigned char outer[kDigestBytes];
    unsigned int length = 0;
    check(EVP_MD_CTX_copy_ex(m_work.get(), m_inner.get()));
    check(EVP_DigestUpdate(m_work.get(), message.data(), std::size_t(message.size())));
    check(EVP_DigestFinal_ex(m_work.get(), inner, &length));
    check(EVP_MD_CTX_copy_ex(m_work.get(), m_outer.get()));
    check(EVP_DigestUpdate(m_work.get(), inner, sizeof inner));
    check(EVP_DigestFinal_ex(m_work.get(), outer, &length));
    return QByteArray(reinterpret_cast<const char *>(outer), kDigestBytes).toHex();
}

} // namespace onsite::hq
