#pragma once

#include "consoleapi.h"
#include "staticsite.h"

#include <memory>

namespace onsite::console {

// The HQ console on the service's listener: /api/v1/hq/… to the console API, any
// other path outside /api to the web bundle; the rest (the tablets' sync API) is
// not the console's, and handle() leaves it to the caller.
class ConsoleService
{
public:
    ConsoleService(hq::ConnectionPool &pool, hq::LoginThrottle &throttle, const QString &dataFolder,
                   const QString &webRoot, bool tls, Clock clock = systemClock());

    // The answer, or nothing when the path belongs to the sync API.
    std::optional<http::Response> handle(const http::Request &request);
    // Before a body is read (http::Screen): a body sent to the console without a valid
    // session and CSRF token (sign-in aside), or to a static path, is refused at the
    // header. Nothing for paths that are not the console's.
    std::optional<http::Response> screen(const http::Request &header);

    void warmUp() { m_api.warmUp(); }
    const StaticSite &site() const { return m_site; }
    // <directory of the executable>/../share/onsite-hq/web: where the build tree and
    // an installed tree (bin/ beside share/) both keep the bundle.
    static QString defaultWebRoot();

private:
    ConsoleApi m_api;
    StaticSite m_site;
};

} // namespace onsite::console
