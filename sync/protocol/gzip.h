#pragma once

#include <QByteArray>

#include <cstdint>

namespace onsite::protocol {

// gzip (RFC 1952), what "Content-Encoding: gzip" means on the wire in both directions:
// HQ's answers, a device's push bodies, the console's files. zlib's plain deflate stream
// and qCompress are not gzip. One helper for HQ, the device client and the benchmarks.

// `level`: zlib's 1 (fast) … 9 (small); -1 its default (6).
QByteArray gzipCompress(const QByteArray &data, int level = -1);

enum class InflateStatus {
    Ok,
    TooLarge, // the content would exceed the limit: inflating stopped there
    Corrupt,  // not gzip, truncated, a bad checksum, or bytes after the end
};

struct Inflated
{
    InflateStatus status = InflateStatus::Ok;
    QByteArray data; // the whole content when Ok, otherwise empty
};

// Inflates one gzip member. The limit is checked while inflating, on the output produced
// so far: a small "gzip bomb" that would unpack to gigabytes costs at most `maxBytes`
// plus one byte of memory before TooLarge.
Inflated gzipDecompress(const QByteArray &data, std::uint64_t maxBytes);

// Below this a body is sent as it is: the gzip framing (18 bytes) and the short
// window eat the gain.
constexpr qsizetype kMinGzipBytes = 512;

} // namespace onsite::protocol
