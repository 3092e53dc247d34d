#include "consoleauth.h"

#include "consolehttp.h"

#include <openssl/crypto.h>

namespace onsite::console {

using http::Request;
using http::Response;

namespace {

bool isWrite(const QString &method)
{
    return method == QLatin1String("POST") || method == QLatin1String("PUT") || method == QLatin1String("PATCH") ||
           method == QLatin1String("DELETE");
}

bool sameToken(const QByteArray &given, const QString &expected)
{
    const QByteArray wanted = expected.toLatin1();
    return !wanted.isEmpty() && given.size() == wanted.size() &&
           CRYPTO_memcmp(given.constData(), wanted.constData(), static_cast<size_t>(wanted.size())) == 0;
}

QString roleKey(Role role)
{
    switch (role) {
    case Role::Hq:
        return QStringLiteral("hq");
    case Role::Leader:
        return QStringLiteral("leader");
    case Role::Inspector:
        return QStringLiteral("inspector");
    case Role::Liaison:
        break;
    }
    return QStringLiteral("liaison");
}

} // namespace

ConsoleAuth::ConsoleAuth(hq::ConnectionPool &pool, hq::SetupCache &setup, hq::LoginThrottle &throttle, Clock clock,
                         bool secureCookies)
    : m_pool(pool), m_setup(setup), m_throttle(throttle), m_clock(std::move(clock)), m_secureCookies(secureCookies)
{
}

QJsonObject ConsoleAuth::sessionJson(const Person &person, const ConsoleSession &session) const
{
    return {{QStringLiteral("account"), person.account},
            {QStringLiteral("name"), person.name},
            {QStringLiteral("role"), roleKey(person.role)},
            {QStringLiteral("group"), textOrNull(person.groupName)},
            {QStringLiteral("csrf_token"), session.csrfToken},
            {QStringLiteral("expires_at"), isoTime(session.expiresAt())}};
}

QByteArray ConsoleAuth::cookie(const QString &value, bool clear) const
{
    QByteArray text = QByteArray(kCookieName) + '=' + value.toLatin1() + "; HttpOnly; SameSite=Strict; Path=/";
    if (clear)
        text += "; Max-Age=0";
    if (m_secureCookies)
        text += "; Secure";
    return text;
}

Response ConsoleAuth::signIn(const Request &request)
{
    const auto body = http::parseJsonObject(request.body);
    if (!body)
        return badRequest(QStringLiteral("请求体应为 JSON 对象"));
    const QString account = body->value(QStringLiteral("account")).toString().trimmed();
    const QString password = body->value(QStringLiteral("password")).toString();
    if (account.isEmpty() || password.isEmpty())
        return badRequest(QStringLiteral("需要 account 和 password"));

    const QDateTime now = m_clock();
    if (const int wait = m_throttle.admit(account, request.peer, now); wait > 0) {
        Response response = Response::error(429, QStringLiteral("too_many_attempts"),
                                            QStringLiteral("登录失败次数过多，请 %1 秒后再试").arg(wait));
        response.headers.insert("Retry-After", QByteArray::number(wait));
        return response;
    }
    const auto setup = m_setup.get();
    const Person *person = setup ? setup->person(account) : nullptr;
    auto lease = m_pool.acquire();
    ConsoleSessions sessions(*lease);
    if (!sessions.checkPassword(account, password) || !person) {
        return Response::error(401, QStringLiteral("invalid_credentials"), QStringLiteral("账号或密码不正确"));
    }
    m_throttle.succeeded(account, request.peer, now);
    const auto [id, session] = sessions.create(account, request.peer, now);
    Response response = Response::json(200, sessionJson(*person, session));
    response.headers.insert("Set-Cookie", cookie(id, false));
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

std::variant<ConsoleCaller, Response> ConsoleAuth::authenticate(const Request &request)
{
    const QString id = cookieValue(request, kCookieName);
    if (id.isEmpty())
        return Response::error(401, QStringLiteral("not_signed_in"), QStringLiteral("请先登录"));
    SessionLookup lookup;
    {
        auto lease = m_pool.acquire();
        lookup = ConsoleSessions(*lease).use(id, m_clock());
    }
    if (lookup.state == SessionState::Expired)
        return Response::error(401, QStringLiteral("session_expired"), QStringLiteral("登录已过期，请重新登录"));
    if (!lookup.session)
        return Response::error(401, QStringLiteral("not_signed_in"), QStringLiteral("请先登录"));
    const auto setup = m_setup.get();
    const Person *person = setup ? setup->person(lookup.session->account) : nullptr;
    if (!person)
        return Response::error(401, QStringLiteral("not_signed_in"), QStringLiteral("账号不在当前考评活动中，请重新登录"));
    if (isWrite(request.method) && !sameToken(request.header("x-csrf-token"), lookup.session->csrfToken))
        return Response::error(403, QStringLiteral("csrf_failed"),
                               QStringLiteral("请求缺少有效的 X-CSRF-Token，请刷新页面后重试"));
    return ConsoleCaller{id, *lookup.session, setup, ConsoleAccess(*setup, *person)};
}

Response ConsoleAuth::current(const Request &request)
{
    auto authenticated = authenticate(request);
    if (auto *refusal = std::get_if<Response>(&authenticated))
        return *refusal;
    const ConsoleCaller &caller = std::get<ConsoleCaller>(authenticated);
    Response response = Response::json(200, sessionJson(caller.person(), caller.session));
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

Response ConsoleAuth::signOut(const Request &request)
{
    auto authenticated = authenticate(request);
    if (auto *refusal = std::get_if<Response>(&authenticated))
        return *refusal;
    {
        auto lease = m_pool.acquire();
        ConsoleSessions(*lease).end(std::get<ConsoleCaller>(authenticated).sessionId);
    }
    Response response;
    response.status = 204;
    response.contentType = "application/json";
    response.headers.insert("Set-Cookie", cookie(QString(), true));
    return response;
}

} // namespace onsite::console
