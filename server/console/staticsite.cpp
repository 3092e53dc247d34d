#include "staticsite.h"

#include "consolehttp.h"
#include "http/contentcoding.h"
#include "protocol/gzip.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace onsite::console {

using http::Response;

namespace {

constexpr qint64 kMaxFileBytes = 32 * 1024 * 1024; // a console bundle's files are far smaller
constexpr qint64 kMinGzipBytes = 512;

bool isCompressible(const QByteArray &mime)
{
    return mime.startsWith("text/") || mime.startsWith("application/javascript") || mime.startsWith("application/json") ||
           mime.startsWith("image/svg+xml") || mime.startsWith("application/manifest+json");
}

bool ifNoneMatch(const http::Request &request, const QByteArray &etag)
{
    for (const QByteArray &candidate : request.header("if-none-match").split(',')) {
        const QByteArray tag = candidate.trimmed();
        if (tag.isEmpty()) // no header at all splits into one empty tag: it matches nothing
            continue;
        if (tag == etag || tag == "*" || (tag.startsWith("W/") && tag.mid(2) == etag))
            return true;
    }
    return false;
}

} // namespace

StaticSite::StaticSite(QString webRoot) : m_root(std::move(webRoot))
{
    m_canonicalRoot = QFileInfo(m_root).canonicalFilePath();
}

bool StaticSite::hasBundle() const
{
    return !m_canonicalRoot.isEmpty() && QFileInfo(QDir(m_canonicalRoot).filePath(QStringLiteral("index.html"))).isFile();
}

QByteArray StaticSite::mimeTypeFor(const QString &fileName)
{
    static const QHash<QString, QByteArray> types = {
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "application/javascript; charset=utf-8"},
        {QStringLiteral("mjs"), "application/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("json"), "application/json; charset=utf-8"},
        {QStringLiteral("map"), "application/json; charset=utf-8"},
        {QStringLiteral("webmanifest"), "application/manifest+json; charset=utf-8"},
        {QStringLiteral("txt"), "text/plain; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("jpg"), "image/jpeg"},
        {QStringLiteral("jpeg"), "image/jpeg"},
        {QStringLiteral("gif"), "image/gif"},
        {QStringLiteral("webp"), "image/webp"},
        {QStringLiteral("ico"), "image/x-icon"},
        {QStringLiteral("woff"), "font/woff"},
        {QStringLiteral("woff2"), "font/woff2"},
        {QStringLiteral("ttf"), "font/ttf"},
        {QStringLiteral("wasm"), "application/wasm"},
    };
    return types.value(QFileInfo(fileName).suffix().toLower(), "application/octet-stream");
}

void StaticSite::addSecurityHeaders(Response &response)
{
    // Element Plus sets inline styles, hence 'unsafe-inline' for styles only; scripts
    // come from the bundle alone.
    response.headers.insert("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                            "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                            "form-action 'self'; frame-ancestors 'none'");
    response.headers.insert("X-Content-Type-Options", "nosniff");
    response.headers.insert("X-Frame-Options", "DENY");
    response.headers.insert("Referrer-Policy", "same-origin");
}

QString StaticSite::resolve(const QString &path) const
{
    if (!path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) || path.contains(QChar(0)))
        return {};
    const QStringList segments = path.mid(1).split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment == QLatin1String("..") || segment == QLatin1String(".") || segment.startsWith(QLatin1Char('.')))
            return {}; // no parent walks, no hidden files
    }
    const QString relative = segments.join(QLatin1Char('/'));
    const QFileInfo info(QDir(m_canonicalRoot).filePath(relative.isEmpty() ? QStringLiteral("index.html") : relative));
    if (!info.isFile())
        return {};
    // A symbolic link inside the root must not lead out of it.
    const QString canonical = info.canonicalFilePath();
    if (!canonical.startsWith(m_canonicalRoot + QLatin1Char('/')))
        return {};
    return canonical;
}

std::optional<StaticSite::CachedFile> StaticSite::load(const QString &filePath)
{
    const QFileInfo info(filePath);
    std::lock_guard lock(m_mutex);
    auto it = m_cache.find(filePath);
    if (it != m_cache.end() && it->modified == info.lastModified() && it->size == info.size())
        return *it;
    if (info.size() > kMaxFileBytes)
        return std::nullopt;
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    CachedFile cached;
    cached.modified = info.lastModified();
    cached.size = info.size();
    cached.bytes = file.readAll();
    cached.etag = '"' + QCryptographicHash::hash(cached.bytes, QCryptographicHash::Sha256).toHex().left(32) + '"';
    if (cached.bytes.size() >= kMinGzipBytes && isCompressible(mimeTypeFor(filePath))) {
        QByteArray gzipped = protocol::gzipCompress(cached.bytes, 9);
        if (gzipped.size() < cached.bytes.size())
            cached.gzipped = std::move(gzipped);
    }
    return *m_cache.insert(filePath, std::move(cached));
}

Response StaticSite::missingBundle() const
{
    Response response = Response::bytes(
        QStringLiteral("考评办控制台尚未构建：请先构建网页控制台（cmake --build 构建目录 --target onsite_web，"
                       "或在 web/ 中运行 npm ci && npm run build），或用 onsite-hq serve --web-root 指定其所在目录。\n"
                       "The HQ web console has not been built: build it first (cmake --build BUILD_DIR --target "
                       "onsite_web, or npm ci && npm run build in web/), or point onsite-hq serve --web-root at it.\n"
                       "Looked in: %1\n")
            .arg(m_root)
            .toUtf8(),
        "text/plain; charset=utf-8");
    response.status = 503;
    response.headers.insert("Cache-Control", "no-store");
    addSecurityHeaders(response);
    return response;
}

Response StaticSite::serve(const http::Request &request)
{
    if (request.method != QLatin1String("GET")) {
        Response refusal = methodNotAllowed(QStringLiteral("GET"));
        addSecurityHeaders(refusal);
        return refusal;
    }
    if (!hasBundle())
        return missingBundle();

    QString filePath = resolve(request.path);
    bool fallback = false;
    if (filePath.isEmpty()) {
        // The console's own routes (/results, /units/DC) have no extension: the page
        // decides what to show. Anything else missing is a real 404.
        const QString last = request.path.section(QLatin1Char('/'), -1);
        const bool traversal = request.path.contains(QLatin1String("/..")) || request.path.contains(QLatin1Char('\\'));
        if (last.contains(QLatin1Char('.')) || traversal) {
            Response missing = notFound(QStringLiteral("没有这个文件：%1").arg(request.path));
            addSecurityHeaders(missing);
            return missing;
        }
        filePath = resolve(QStringLiteral("/index.html"));
        fallback = true;
    }
    const std::optional<CachedFile> file = load(filePath);
    if (!file) {
        Response missing = notFound(QStringLiteral("无法读取文件：%1").arg(request.path));
        addSecurityHeaders(missing);
        return missing;
    }

    const bool immutable = !fallback && request.path.startsWith(QLatin1String("/assets/"));
    const bool gzip = !file->gzipped.isEmpty() && http::acceptsGzip(request);
    // The compressed body is another representation, so it has its own tag.
    const QByteArray etag = gzip ? file->etag.chopped(1) + "-gz\"" : file->etag;
    Response response;
    if (ifNoneMatch(request, etag)) {
        response.status = 304;
        response.contentType = mimeTypeFor(filePath);
    } else {
        response = Response::bytes(gzip ? file->gzipped : file->bytes, mimeTypeFor(filePath));
        if (gzip)
            response.headers.insert("Content-Encoding", "gzip");
    }
    response.headers.insert("ETag", etag);
    response.headers.insert("Vary", "Accept-Encoding");
    response.headers.insert("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    addSecurityHeaders(response);
    return response;
}

} // namespace onsite::console
