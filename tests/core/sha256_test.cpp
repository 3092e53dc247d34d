#include "system/sha256.h"

#include <QCryptographicHash>

#include <gtest/gtest.h>

#include <random>

namespace {

TEST(Sha256Hex, MatchesTheStandardVectors)
{
    EXPECT_EQ(onsite::sha256Hex({}),
              QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    EXPECT_EQ(onsite::sha256Hex("abc"),
              QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

TEST(Sha256Hex, GivesWhatQtGivesForAnyBytes)
{
    // Stored push digests were made with Qt's SHA-256: a resent push must still match them.
    std::mt19937 random(20261204);
    for (int round = 0; round < 2000; ++round) {
        QByteArray bytes(int(random() % 1500), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random() & 0xff);
        ASSERT_EQ(onsite::sha256Hex(bytes),
                  QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())
            << bytes.size();
    }
}

} // namespace
