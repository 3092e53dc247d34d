#pragma once

#include "consoleclock.h"
#include "consolesessions.h"
#include "api/setupcache.h"

#include "api/connectionpool.h"
#include "hq/loginthrottle.h"
#include "http/httpmessage.h"
#include "policy/consoleaccess.h"

#include <memory>
#include <variant>

namespace onsite::console {

// A signed-in browser, with what its person may see.
struct ConsoleCaller
{
    QString sessionId;
    ConsoleSession session;
    std::shared_ptr<const CampaignSetup> setup;
    ConsoleAccess access;

    const Person &person() const { return access.person(); }
};

// Sign-in, sign-out and the session behind the cookie (docs/API.md §Sessions).
// The login throttle is the sync API's own instance, so the browser is no second
// door for guessing a password.
class ConsoleAuth
{
public:
    static constexpr const char *kCookieName = "onsite_session";

    ConsoleAuth(hq::ConnectionPool &pool, hq::SetupCache &setup, hq::LoginThrottle &throttle, Clock clock,
                bool secureCookies);

    http::Response signIn(const http::Request &request);
    http::Response current(const http::Request &request);
    http::Response signOut(const http::Request &request);

    // The caller behind the cookie, or the 401 to answer; a write (POST, PUT, PATCH,
    // DELETE) must also carry the session's CSRF token, else 403 csrf_failed.
    std::variant<ConsoleCaller, http::Response> authenticate(const http::Request &request);

    QDateTime now() const { return m_clock(); }

private:
    QJsonObject sessionJson(const Person &person, const ConsoleSession &session) const;
    QByteArray cookie(const QString &value, bool clear) const;

    hq::ConnectionPool &m_pool;
    hq::SetupCache &m_setup;
    hq::LoginThrottle &m_throttle;
    Clock m_clock;
    bool m_secureCookies;
};

} // namespace onsite::console
