#include "gzip.h"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace onsite::protocol {

namespace {

constexpr int kGzipWindowBits = 15 + 16; // 15-bit window; +16: gzip header and trailer, not zlib's
constexpr qsizetype kInflateStep = 64 * 1024;

} // namespace

QByteArray gzipCompress(const QByteArray &data, int level)
{
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const auto written = static_cast<qsizetype>(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate did not finish");
    out.truncate(written);
    return out;
}

Inflated gzipDecompress(const QByteArray &data, std::uint64_t maxBytes)
{
    z_stream stream{};
    if (inflateInit2(&stream, kGzipWindowBits) != Z_OK)
        throw std::runtime_error("zlib: inflateInit2 failed");
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    // The buffer grows a step at a time and never beyond maxBytes + 1: filling that last
    // byte proves the content is too large without unpacking any more of it.
    const qsizetype cap = static_cast<qsizetype>(std::min<std::uint64_t>(maxBytes, 1ull << 40)) + 1;
    QByteArray out;
    // A gzip member ends with its content's length (mod 2^32): one buffer of that size
    // instead of doubling and copying through a page of several MB. Only a hint: never
    // past the cap nor past deflate's largest ratio (1032:1), and the loop below still
    // grows the buffer if the hint is short.
    if (data.size() >= 18) {
        const auto *tail = reinterpret_cast<const unsigned char *>(data.constData() + data.size() - 4);
        const qsizetype stated = qsizetype(tail[0]) | qsizetype(tail[1]) << 8 | qsizetype(tail[2]) << 16 |
                                 qsizetype(tail[3]) << 24;
        out.resize(std::min({cap, stated + 1, data.size() * 1032}));
    }
    int result = Z_OK;
    Inflated inflated;
    for (;;) {
        const qsizetype used = static_cast<qsizetype>(stream.total_out);
        if (used == out.size()) {
            if (out.size() >= cap) {
                inflated.status = InflateStatus::TooLarge;
                break;
            }
            out.resize(std::min(cap, std::max(out.size() * 2, kInflateStep)));
        }
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + used);
        stream.avail_out = static_cast<uInt>(out.size() - used);
        result = inflate(&stream, Z_NO_FLUSH);
        if (result == Z_STREAM_END) {
            // One member and nothing after it: trailing bytes are not ours to ignore.
            if (stream.avail_in != 0)
                inflated.status = InflateStatus::Corrupt;
            else if (static_cast<std::uint64_t>(stream.total_out) > maxBytes)
                inflated.status = InflateStatus::TooLarge;
            break;
        }
        // Output room is always given, so anything but progress (Z_BUF_ERROR: the input
        // ran out before the end) means a broken or truncated stream.
        if (result != Z_OK) {
            inflated.status = InflateStatus::Corrupt;
            break;
        }
    }
    const auto total = static_cast<qsizetype>(stream.total_out);
    inflateEnd(&stream);
    if (inflated.status == InflateStatus::Ok) {
        out.truncate(total);
        inflated.data = std::move(out);
    }
    return inflated;
}

} // namespace onsite::protocol
