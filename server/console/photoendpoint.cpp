#include "photoendpoint.h"

#include "consolehttp.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSaveFile>

namespace onsite::console {

using http::Response;

PhotoEndpoint::PhotoEndpoint(QString dataFolder) : m_dataFolder(dataFolder), m_photos(std::move(dataFolder)) {}

Response PhotoEndpoint::serve(SqlConnection &db, const ConsoleAccess &access, const http::Request &request,
                              const QString &sha256)
{
    if (!hq::PhotoStore::isSha256(sha256))
        return badRequest(QStringLiteral("照片编号应为 64 位小写十六进制 SHA-256"));
    const QStringList units = hq::PhotoStore::recordUnits(db, sha256);
    const bool visible = std::any_of(units.begin(), units.end(), [&](const QString &unit) { return access.canSee(unit); });
    return serveContent(request, sha256, visible);
}

Response PhotoEndpoint::serveContent(const http::Request &request, const QString &sha256, bool visible)
{
    if (!hq::PhotoStore::isSha256(sha256))
        return badRequest(QStringLiteral("文件编号应为 64 位小写十六进制 SHA-256"));
    const QString size = request.query.value(QStringLiteral("size"));
    if (!size.isEmpty() && size != QLatin1String("thumb"))
        return badRequest(QStringLiteral("size 只能为 thumb"));
    const bool thumb = !size.isEmpty();
    // The same answer for "no such photo" and "not yours": a leader learns nothing
    // about other groups' photos.
    const auto original = visible ? m_photos.read(sha256) : std::nullopt;
    if (!original)
        return notFound(QStringLiteral("没有这张照片，或无权查看"));

    const QByteArray etag = '"' + sha256.toLatin1() + (thumb ? "-thumb\"" : "\"");
    Response response;
    if (request.header("if-none-match") == etag) {
        response.status = 304;
    } else if (thumb) {
        const auto bytes = thumbnail(sha256, *original);
        if (!bytes)
            return Response::error(415, QStringLiteral("unsupported_type"), QStringLiteral("无法为这张照片生成缩略图"));
        response = Response::bytes(*bytes, "image/jpeg");
    } else {
        QByteArray type = hq::PhotoStore::sniffImageType(original->left(16));
        if (type.isEmpty() && original->startsWith("%PDF-"))
            type = "application/pdf"; // follow-up evidence may be a PDF
        response = Response::bytes(*original, type);
    }
    response.headers.insert("ETag", etag);
    response.headers.insert("Cache-Control", "private, max-age=31536000, immutable");
    response.headers.insert("X-Content-Type-Options", "nosniff");
    return response;
}

std::optional<QByteArray> PhotoEndpoint::thumbnail(const QString &sha256, const QByteArray &original)
{
    const QString path = QDir(m_dataFolder).filePath(QStringLiteral("thumbs/%1/%2.jpg").arg(sha256.left(2), sha256));
    QFile cached(path);
    if (cached.open(QIODevice::ReadOnly))
        return cached.readAll();

    QImage image;
    if (!image.loadFromData(original))
        return std::nullopt;
    if (image.width() > kThumbWidth)
        image = image.scaledToWidth(kThumbWidth, Qt::SmoothTransformation);
    if (image.hasAlphaChannel()) { // JPEG has no alpha: lay a PNG's transparency on white
        QImage opaque(image.size(), QImage::Format_RGB32);
        opaque.fill(Qt::white);
        QPainter painter(&opaque);
        painter.drawImage(0, 0, image);
        painter.end();
        image = opaque;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "JPEG", 80))
        return std::nullopt;

    // Best effort: a thumbnail that cannot be kept is made again next time.
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(bytes);
        file.commit();
    }
    return bytes;
}

} // namespace onsite::console
