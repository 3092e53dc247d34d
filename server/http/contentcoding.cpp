#include "contentcoding.h"

#include "protocol/gzip.h"

namespace onsite::http {

namespace {

// zlib's fastest level: an answer is compressed on every request, and a pull page of
// repetitive JSON shrinks nearly as much as at the default level.
constexpr int kResponseLevel = 1;

bool isCompressible(const QByteArray &mime)
{
    return mime.startsWith("text/") || mime.startsWith("application/javascript") || mime.startsWith("application/json") ||
           mime.startsWith("image/svg+xml") || mime.startsWith("application/manifest+json");
}

} // namespace

bool acceptsGzip(const Request &request)
{
    for (const QByteArray &part : request.header("accept-encoding").split(',')) {
        const QList<QByteArray> pieces = part.split(';');
        if (pieces.front().trimmed().toLower() != "gzip")
            continue;
        // "gzip;q=0" refuses gzip.
        for (int i = 1; i < pieces.size(); ++i) {
            const QByteArray parameter = pieces[i].trimmed();
            if (parameter.startsWith("q=") && parameter.mid(2).toDouble() <= 0)
                return false;
        }
        return true;
    }
    return false;
}

void compressResponse(const Request &request, Response &response)
{
    if (response.body.size() < protocol::kMinGzipBytes || !isCompressible(response.contentType) ||
        response.headers.contains("Content-Encoding"))
        return;
    response.headers.insert("Vary", "Accept-Encoding");
    if (!acceptsGzip(request))
        return;
    QByteArray compressed = protocol::gzipCompress(response.body, kResponseLevel);
    if (compressed.size() >= response.body.size())
        return;
    response.body = std::move(compressed);
    response.headers.insert("Content-Encoding", "gzip");
}

std::optional<Response> decodeRequestBody(Request &request, std::uint64_t maxBytes)
{
    const QByteArray coding = request.header("content-encoding").trimmed().toLower();
    if (coding.isEmpty() || coding == "identity")
        return std::nullopt;
    if (coding != "gzip" && coding != "x-gzip") {
        Response refusal = Response::error(415, QStringLiteral("unsupported_encoding"),
                                           QStringLiteral("不支持的请求体编码“%1”，请使用 gzip 或不压缩")
                                               .arg(QString::fromLatin1(coding.left(40))));
        refusal.headers.insert("Accept-Encoding", "gzip"); // RFC 7694: the codings we take
        return refusal;
    }
    protocol::Inflated inflated = protocol::gzipDecompress(request.body, maxBytes);
    switch (inflated.status) {
    case protocol::InflateStatus::Ok:
        break;
    case protocol::InflateStatus::TooLarge:
        return Response::error(413, QStringLiteral("body_too_large"),
                               QStringLiteral("解压后的请求体超过上限 %1 字节").arg(maxBytes));
    case protocol::InflateStatus::Corrupt:
        return Response::error(400, QStringLiteral("bad_request"), QStringLiteral("gzip 压缩的请求体已损坏或不完整"));
    }
    request.body = std::move(inflated.data);
    request.headers.remove("content-encoding");
    request.headers.insert("content-length", QByteArray::number(request.body.size()));
    return std::nullopt;
}

} // namespace onsite::http
