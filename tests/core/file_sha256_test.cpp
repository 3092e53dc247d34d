#include "hq/filesha256.h"

#include <gtest/gtest.h>

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>

#include <random>

namespace {

using onsite::hq::sha256HexOf;

TEST(FileSha256, KnownVectors)
{
    QByteArray abc("abc");
    QBuffer small(&abc);
    ASSERT_TRUE(small.open(QIODevice::ReadOnly));
    EXPECT_EQ(sha256HexOf(small),
              QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

    QByteArray nothing;
    QBuffer empty(&nothing);
    ASSERT_TRUE(empty.open(QIODevice::ReadOnly));
    EXPECT_EQ(sha256HexOf(empty),
              QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

// Photos span several of the hasher's read blocks; each must be counted once, in order.
TEST(FileSha256, LongerThanOneReadBlockAgreesWithQt)
{
    std::mt19937 random(7);
    QByteArray photo(3 * 1024 * 1024 + 12345, Qt::Uninitialized);
    for (char &byte : photo)
        byte = char(random() & 0xff);
    QBuffer device(&photo);
    ASSERT_TRUE(device.open(QIODevice::ReadOnly));
    EXPECT_EQ(sha256HexOf(device),
              QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
}

TEST(FileSha256, UnreadableDeviceGivesNoHash)
{
    QFile closed(QStringLiteral("/nonexistent/photo.part"));
    EXPECT_TRUE(sha256HexOf(closed).isEmpty());
}

} // namespace
