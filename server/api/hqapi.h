#pragma once

#include "connectionpool.h"
#include "passwordgate.h"
#include "setupcache.h"
#include "hq/accountstore.h"
#include "hq/loginthrottle.h"
#include "hq/photostore.h"
#include "http/httpmessage.h"

#include "domain/campaignsetup.h"

#include <memory>

namespace onsite::hq {

class Scope;

// The /api/v1 endpoints (docs/ARCHITECTURE.md §Protocol): authentication, scope,
// and the mapping between HTTP and the HQ services.
class HqApi
{
public:
    // `workers`: the server's handler threads; at most half of them check sign-in
    // passwords at once and a quarter more wait for a turn (PasswordGate).
    HqApi(ConnectionPool &pool, QString dataFolder, int workers = 8);

    http::Response handle(const http::Request &request);
    // The sign-in throttle, shared with the browser console's sign-in so that one
    // account and one address have one budget of failed attempts.
    LoginThrottle &loginThrottle() { return m_throttle; }
    // Before a body is read (see http::Screen): refuses a body meant for an endpoint the
    // caller may not use, so no unauthenticated byte is buffered beyond a small sign-in.
    std::optional<http::Response> screen(const http::Request &header);

private:
    struct Caller
    {
        DeviceSession session;
        Person person;
        std::shared_ptr<const CampaignSetup> setup;
    };

    http::Response route(const http::Request &request);
    http::Response login(const http::Request &request);
    http::Response bootstrap(const Caller &caller);
    // compact: protocol 2 (protocol/compactwire.h), the body and the answer compacted.
    http::Response push(const http::Request &request, const Caller &caller, bool compact);
    http::Response pull(const http::Request &request, const Caller &caller, bool compact);
    http::Response photo(const http::Request &request, const Caller &caller, const QString &sha256, bool content);

    // The caller behind the bearer token, or the 401/403 to answer.
    std::variant<Caller, http::Response> authenticate(const http::Request &request);
    std::shared_ptr<const CampaignSetup> setup();

    ConnectionPool &m_pool;
    PhotoStore m_photos;
    LoginThrottle m_throttle;
    PasswordGate m_passwordChecks;
    SetupCache m_setup;
};

} // namespace onsite::hq
