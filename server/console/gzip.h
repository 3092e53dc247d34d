#pragma once

#include <QByteArray>

namespace onsite::console {

// Compresses in the gzip format (RFC 1952, what Content-Encoding: gzip means); zlib's
// plain deflate stream and qCompress are not gzip.
QByteArray gzipCompress(const QByteArray &data);

} // namespace onsite::console
