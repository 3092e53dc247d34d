#pragma once

#include "httpmessage.h"

#include <QByteArray>

#include <cstdint>

namespace onsite::http {

// Content-Encoding on HQ's HTTP layer; the gzip itself is protocol::gzipCompress and
// gzipDecompress (sync/protocol/gzip.h), shared with the device client.

// Whether the request's Accept-Encoding allows gzip ("gzip;q=0" refuses it).
bool acceptsGzip(const Request &request);

// Compresses a response body in place when the client accepts gzip, the body is text of
// a compressible type, large enough to gain, and not encoded already. Adds
// "Vary: Accept-Encoding" to the compressible responses either way. Fast level: an
// answer is compressed once, on the request's own time.
void compressResponse(const Request &request, Response &response);

// Decodes the request body by its Content-Encoding (gzip or identity). Returns the
// refusal to send instead: 415 for an unknown coding, 413 past `maxBytes` decoded,
// 400 for a broken gzip stream.
std::optional<Response> decodeRequestBody(Request &request, std::uint64_t maxBytes);

} // namespace onsite::http
