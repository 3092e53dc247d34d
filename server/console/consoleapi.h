#pragma once

#include "consoleauth.h"
#include "consoleclock.h"
#include "auditendpoints.h"
#include "evidenceendpoints.h"
#include "photoendpoint.h"
#include "api/setupcache.h"

#include "api/connectionpool.h"
#include "hq/loginthrottle.h"
#include "hq/resultscache.h"
#include "http/httpmessage.h"

#include <optional>

namespace onsite::console {

// The HQ console's JSON endpoints under /api/v1/hq/ (docs/API.md): sessions first,
// then every page behind the cookie, with who-sees-what decided by ConsoleAccess.
class ConsoleApi
{
public:
    ConsoleApi(hq::ConnectionPool &pool, hq::LoginThrottle &throttle, QString dataFolder, bool tls,
               Clock clock = systemClock());

    http::Response handle(const http::Request &request);
    // The 401/403 for a write whose header already shows it cannot be accepted.
    std::optional<http::Response> screen(const http::Request &header);
    // Computes the current results once, so the first visit of 结果 does not wait for
    // every unit of a large campaign (serve runs it beside the listener).
    void warmUp();

private:
    http::Response route(const http::Request &request);
    http::Response page(const http::Request &request, const ConsoleCaller &caller);
    http::Response followUp(const http::Request &request, const ConsoleCaller &caller, const QString &path);
    http::Response results(const http::Request &request, const ConsoleCaller &caller);
    http::Response unit(const ConsoleCaller &caller, const QString &code);
    http::Response findings(const http::Request &request, const ConsoleCaller &caller);
    http::Response publications(const http::Request &request, const ConsoleCaller &caller);
    http::Response diff(const http::Request &request, const ConsoleCaller &caller, const QString &version);

    hq::ConnectionPool &m_pool;
    hq::SetupCache m_setup;
    hq::ResultsCache m_results;
    ConsoleAuth m_auth;
    PhotoEndpoint m_photos;
    AuditEndpoints m_audit;
    EvidenceEndpoints m_evidence;
    QString m_dataFolder;
    Clock m_clock;
};

// A version number from a query value: empty for none, nothing for a malformed one.
std::optional<std::optional<int>> parseVersion(const QString &text);

} // namespace onsite::console
