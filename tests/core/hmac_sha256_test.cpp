#include "hq/hmacsha256.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <random>

namespace {

using onsite::hq::HmacSha256;

// The history's MACs were made with libsodium before; every stored chain must still verify.
QByteArray sodiumHex(const QByteArray &key, const QByteArray &message)
{
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()),
                                size_t(key.size()));
    crypto_auth_hmacsha256_update(&state,
                                  reinterpret_cast<const unsigned char *>(message.constData()),
                                  static_cast<unsigned long long>(message.size()));
    crypto_auth_hmacsha256_final(&state, out);
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

QByteArray randomBytes(std::mt19937 &random, int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(random() & 0xff);
    return bytes;
}

TEST(HmacSha256, MatchesRfc4231)
{
    // RFC 4231, test cases 2 (a short key) and 6 (a key longer than a block).
    EXPECT_EQ(HmacSha256("Jefe").hex("what do ya want for nothing?"),
              QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    EXPECT_EQ(HmacSha256(QByteArray(131, '\xaa'))
                  .hex("Test Using Larger Than Block-Size Key - Hash Key First"),
              QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
}

TEST(HmacSha256, GivesLibsodiumsMacForAnyKeyAndMessage)
{
    ASSERT_GE(sodium_init(), 0);
    std::mt19937 random(20261204);
    for (const int keySize : {0, 1, 31, 32, 63, 64, 65, 200}) {
        const QByteArray key = randomBytes(random, keySize);
        const HmacSha256 mac(key);
        // One object answers many messages: each starts from the key's state, not the last
        // message's.
        for (int round = 0; round < 300; ++round) {
            const QByteArray message = randomBytes(random, int(random() % 700));
            ASSERT_EQ(mac.hex(message), sodiumHex(key, message))
                << keySize << " " << message.size();
        }
        EXPECT_EQ(mac.hex({}), sodiumHex(key, {}));
    }
}

TEST(HmacSha256, DiffersByKey)
{
    EXPECT_NE(HmacSha256(QByteArray(32, 'a')).hex("row"),
              HmacSha256(QByteArray(32, 'b')).hex("row"));
}

} // namespace
