// protocol::gzipDecompress sizes its buffer from the length a gzip member states in its
// trailer. That number comes from the other side: a wrong one must neither pass nor make
// the buffer grow past the caller's limit.
#include "protocol/gzip.h"

#include <QRandomGenerator>

#include <gtest/gtest.h>

using namespace onsite::protocol;

namespace {

QByteArray sample(qsizetype size)
{
    QByteArray text;
    QRandomGenerator random(5);
    while (text.size() < size)
        text +=
            "{\"unit\":\"DC" + QByteArray::number(random.bounded(1000)) + "\",\"input\":\"较好\"},";
    text.truncate(size);
    return text;
}

// The trailer's last four bytes: the content's length, little-endian.
QByteArray withStatedLength(QByteArray packed, quint32 length)
{
    for (int i = 0; i < 4; ++i)
        packed[packed.size() - 4 + i] = char((length >> (8 * i)) & 0xff);
    return packed;
}

} // namespace

TEST(Gzip, ContentOfEverySizeComesBackWhole)
{
    for (const qsizetype size :
         {qsizetype(0), qsizetype(1), qsizetype(4095), qsizetype(70000), qsizetype(3000000)}) {
        const QByteArray text = sample(size);
        const Inflated inflated = gzipDecompress(gzipCompress(text), 1u << 30);
        ASSERT_EQ(inflated.status, InflateStatus::Ok) << size;
        EXPECT_EQ(inflated.data, text) << size;
    }
}

TEST(Gzip, AWrongStatedLengthIsRefusedAndTheLimitHolds)
{
    const QByteArray text = sample(200000);
    const QByteArray packed = gzipCompress(text);
    for (const quint32 stated :
         {quint32(0), quint32(1), quint32(199999), quint32(200001), quint32(0xffffffff)}) {
        const Inflated inflated = gzipDecompress(withStatedLength(packed, stated), 1u << 30);
        EXPECT_EQ(inflated.status, InflateStatus::Corrupt) << stated; // zlib checks the trailer
    }
    // A stated length far past the limit: refused as too large, the buffer capped there.
    const Inflated capped = gzipDecompress(withStatedLength(packed, 0xffffffff), 1000);
    EXPECT_EQ(capped.status, InflateStatus::TooLarge);
    EXPECT_LE(capped.data.size(), 1001);
    // The true length just past the limit is refused too.
    EXPECT_EQ(gzipDecompress(packed, 199999).status, InflateStatus::TooLarge);
    EXPECT_EQ(gzipDecompress(packed, 200000).status, InflateStatus::Ok);
}
