#include "consoleservice.h"

#include <QCoreApplication>
#include <QDir>

namespace onsite::console {

ConsoleService::ConsoleService(hq::ConnectionPool &pool, hq::LoginThrottle &throttle, const QString &dataFolder,
                               const QString &webRoot, bool tls, Clock clock)
    : m_api(pool, throttle, dataFolder, tls, std::move(clock)), m_site(webRoot)
{
}

QString ConsoleService::defaultWebRoot()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/onsite-hq/web"));
}

std::optional<http::Response> ConsoleService::handle(const http::Request &request)
{
    const QString &path = request.path;
    if (path.startsWith(QLatin1String("/api/v1/hq/")) || path == QLatin1String("/api/v1/hq"))
        return m_api.handle(request);
    if (path == QLatin1String("/api") || path.startsWith(QLatin1String("/api/")))
        return std::nullopt;
    return m_site.serve(request);
}

std::optional<http::Response> ConsoleService::screen(const http::Request &header)
{
    const QString &path = header.path;
    if (path == QLatin1String("/api") || path.startsWith(QLatin1String("/api/"))) {
        if (!path.startsWith(QLatin1String("/api/v1/hq/")) || path == QLatin1String("/api/v1/hq/session") ||
            header.method == QLatin1String("GET"))
            return std::nullopt;
        return m_api.screen(header);
    }
    if (header.method != QLatin1String("GET"))
        return m_site.serve(header); // 405 (or 503 without a bundle), without reading a body
    return std::nullopt;
}

} // namespace onsite::console
