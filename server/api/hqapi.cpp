#include "hqapi.h"

#include "uploadanswer.h"

#include "hq/incarnation.h"
#include "hq/pullanswer.h"
#include "hq/pushprocessor.h"
#include "hq/scope.h"
#include "protocol/bootstrap.h"
#include "protocol/compactwire.h"
#include "protocol/protocol.h"
#include "store/campaignstore.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>

namespace onsite::hq {

using http::Request;
using http::Response;

namespace {

constexpr int kMaxMutationsPerPush = 2000;
constexpr qint64 kMaxSignInBody = 16 * 1024;
// Parsing JSON costs about 14 times its size: a push is capped well below the general
// body limit (a device sends 100 mutations a batch, far under this).
constexpr qint64 kMaxPushBody = 2 * 1024 * 1024;
constexpr int kMaxIdLength = 128;
static_assert(ChangeFeed::kDefaultPageSize == protocol::kDefaultPullLimit,
              "a device that asks for protocol::kDefaultPullLimit sends no limit");

Response badRequest(const QString &message) { return Response::error(400, QStringLiteral("bad_request"), message); }

bool isPushPath(const QString &path)
{
    return path == protocol::pushPath(false) || path == protocol::pushPath(true);
}

// Push and pull answers are most of a device's traffic.
bool isSyncPath(const QString &path)
{
    return path.startsWith(QLatin1String("/api/v1/sync/")) || path.startsWith(QLatin1String("/api/v2/sync/"));
}

// Protocol 2's push and pull: the same work, their JSON in the compact form.
bool isCompactPath(const QString &path) { return path.startsWith(QLatin1String("/api/v2/sync/")); }

CampaignSetup scopedSetup(const CampaignSetup &setup, const Scope &scope, const Person &me)
{
    CampaignSetup scoped;
    scoped.campaign = setup.campaign;
    scoped.units = setup.units; // names and categories of all units are public (rankings list them)
    scoped.indicators = setup.indicators;
    for (const Site &site : setup.sites) {
        if (scope.units().contains(site.unitCode))
            scoped.sites.push_back(site);
    }
    for (const InspectionGroup &group : setup.groups) {
        if (me.role == Role::Hq || group.name == me.groupName)
            scoped.groups.push_back(group);
    }
    for (const Person &person : setup.people) {
        const bool sameGroup = !me.groupName.isEmpty() && person.groupName == me.groupName;
        if (me.role == Role::Hq || person.account == me.account || sameGroup || person.role == Role::Hq)
            scoped.people.push_back(person);
    }
    return scoped;
}

} // namespace

HqApi::HqApi(ConnectionPool &pool, QString dataFolder, int workers)
    : m_pool(pool), m_photos(std::move(dataFolder)), m_passwordChecks(std::max(1, workers / 2), workers / 4),
      m_setup(pool)
{
}

std::shared_ptr<const CampaignSetup> HqApi::setup() { return m_setup.get(); }

std::optional<Response> HqApi::screen(const Request &header)
{
    const QString &path = header.path;
    if (path == QLatin1String("/api/v1/login") || path == QLatin1String("/api/v1/hq/session")) {
        // Anyone may send these: keep them small and of a known size.
        if (!header.header("transfer-encoding").isEmpty())
            return Response::error(411, QStringLiteral("length_required"), QStringLiteral("登录请求需要 Content-Length"));
        if (header.header("content-length").toLongLong() > kMaxSignInBody)
            return Response::error(413, QStringLiteral("body_too_large"), QStringLiteral("登录请求过大"));
        // A few hundred bytes need no gzip, and unpacked they would escape the cap above.
        if (const QByteArray coding = header.header("content-encoding").trimmed().toLower();
            !coding.isEmpty() && coding != "identity") {
            Response refusal = Response::error(415, QStringLiteral("unsupported_encoding"),
                                               QStringLiteral("登录请求不接受压缩的请求体"));
            refusal.headers.insert("Accept-Encoding", "identity");
            return refusal;
        }
        return std::nullopt;
    }
    if (isPushPath(path) && header.header("content-length").toLongLong() > kMaxPushBody)
        return Response::error(413, QStringLiteral("body_too_large"),
                               QStringLiteral("一次上传的修改不能超过 %1 字节，请分批上传").arg(kMaxPushBody));
    if (isSyncPath(path) || path.startsWith(QLatin1String("/api/v1/photos/"))) {
        auto authenticated = authenticate(header);
        if (auto *refusal = std::get_if<Response>(&authenticated))
            return *refusal;
    }
    return std::nullopt;
}

Response HqApi::handle(const Request &request)
{
    const QByteArray version = request.header("x-onsite-protocol");
    if (!version.isEmpty() && version.toInt() < protocol::kMinimumVersion) {
        return Response::error(426, QStringLiteral("protocol_too_old"),
                               QStringLiteral("应用版本过旧，请先升级；未同步的数据仍保存在设备上"));
    }
    try {
        Response response = route(request);
        // No device reads it, and push and pull answers are most of a device's traffic:
        // they go without (login and status answers say the version in their bodies too).
        if (!isSyncPath(request.path))
            response.headers.insert(protocol::kVersionHeader, QByteArray::number(protocol::kVersion));
        return response;
    } catch (const SqlError &e) {
        return Response::internalError(request, e);
    }
}

Response HqApi::route(const Request &request)
{
    static const QRegularExpression photoPath(QStringLiteral("^/api/v1/photos/([^/]+)(/content)?$"));
    const QString &path = request.path;
    const QString &method = request.method;

    if (path == QLatin1String("/api/v1/status") && method == QLatin1String("GET")) {
        return Response::json(200, {{QStringLiteral("service"), QStringLiteral("onsite-hq")},
                                    {QStringLiteral("protocol"), protocol::kVersion},
                                    {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
    }
    if (path == QLatin1String("/api/v1/login")) {
        if (method != QLatin1String("POST"))
            return Response::error(405, QStringLiteral("method_not_allowed"), QStringLiteral("请使用 POST"));
        return login(request);
    }
    if (!path.startsWith(QLatin1String("/api/v1/")) && !isCompactPath(path))
        return Response::error(404, QStringLiteral("not_found"), QStringLiteral("没有这个地址：%1").arg(path));

    auto authenticated = authenticate(request);
    if (auto *refusal = std::get_if<Response>(&authenticated))
        return *refusal;
    const Caller &caller = std::get<Caller>(authenticated);

    if (path == QLatin1String("/api/v1/bootstrap") && method == QLatin1String("GET"))
        return bootstrap(caller);
    if (isPushPath(path) && method == QLatin1String("POST"))
        return push(request, caller, isCompactPath(path));
    if ((path == protocol::pullPath(false) || path == protocol::pullPath(true)) && method == QLatin1String("GET"))
        return pull(request, caller, isCompactPath(path));
    const auto match = photoPath.match(path);
    if (match.hasMatch())
        return photo(request, caller, match.captured(1), !match.captured(2).isEmpty());
    return Response::error(404, QStringLiteral("not_found"), QStringLiteral("没有这个地址：%1 %2").arg(method, path));
}

Response HqApi::login(const Request &request)
{
    const auto body = http::parseJsonObject(request.body);
    if (!body)
        return badRequest(QStringLiteral("请求体应为 JSON 对象"));
    const QString account = body->value(QStringLiteral("account")).toString();
    const QString password = body->value(QStringLiteral("password")).toString();
    const QString deviceId = body->value(QStringLiteral("device_id")).toString();
    const QString deviceName = body->value(QStringLiteral("device_name")).toString();
    if (account.isEmpty() || password.isEmpty() || deviceId.isEmpty())
        return badRequest(QStringLiteral("需要 account、password 和 device_id"));
    if (account.size() > kMaxIdLength || deviceId.size() > kMaxIdLength || deviceName.size() > kMaxIdLength ||
        password.size() > 1024)
        return badRequest(QStringLiteral("账号、设备编号和设备名称最多 %1 个字符").arg(kMaxIdLength));

    // Before the throttle: a busy answer checked no password and is no failed attempt.
    const std::string who = account.toStdString();
    const auto pass = m_passwordChecks.tryEnter(who);
    if (!pass) {
        Response response = Response::error(503, QStringLiteral("busy"), QStringLiteral("登录的人较多，请稍后重试"));
        response.headers.insert("Retry-After", QByteArray::number(m_passwordChecks.retryAfterSeconds(who)));
        return response;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (const int wait = m_throttle.admit(account, request.peer, now); wait > 0) {
        Response response = Response::error(429, QStringLiteral("too_many_attempts"),
                                            QStringLiteral("登录失败次数过多，请 %1 秒后再试").arg(wait));
        response.headers.insert("Retry-After", QByteArray::number(wait));
        return response;
    }
    const auto shared = setup();
    const Person *person = shared ? shared->person(account) : nullptr;
    auto lease = m_pool.acquire();
    PasswordCheck check = PasswordCheck::Invalid;
    const auto token = AccountStore(*lease).login(account, password, deviceId, deviceName, now, &check);
    if (check == PasswordCheck::Disabled)
        return Response::error(403, QStringLiteral("account_disabled"), QStringLiteral("此账号已被考评办停用"));
    if (!token || !person)
        return Response::error(401, QStringLiteral("invalid_credentials"), QStringLiteral("账号或密码不正确"));
    m_throttle.succeeded(account, request.peer, now);
    return Response::json(200, {{QStringLiteral("token"), *token},
                                {QStringLiteral("account"), person->account},
                                {QStringLiteral("name"), person->name},
                                {QStringLiteral("role"), roleName(person->role)},
                                {QStringLiteral("protocol"), protocol::kVersion}});
}

std::variant<HqApi::Caller, Response> HqApi::authenticate(const Request &request)
{
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Bearer "))
        return Response::error(401, QStringLiteral("invalid_token"), QStringLiteral("需要登录"));
    const QString token = QString::fromLatin1(header.mid(7).trimmed());
    auto lease = m_pool.acquire();
    const AuthResult result = AccountStore(*lease).authenticate(token, QDateTime::currentDateTimeUtc());
    if (!result.session) {
        switch (result.failure) {
        case AuthFailure::Revoked:
            return Response::error(401, QStringLiteral("token_revoked"), QStringLiteral("此设备的登录已被总部注销，请重新登录"));
        case AuthFailure::Expired:
            return Response::error(401, QStringLiteral("token_expired"), QStringLiteral("登录已过期，请重新登录"));
        case AuthFailure::Disabled:
            return Response::error(401, QStringLiteral("account_disabled"), QStringLiteral("此账号已被考评办停用"));
        case AuthFailure::InvalidToken:
            break;
        }
        return Response::error(401, QStringLiteral("invalid_token"), QStringLiteral("登录凭据无效，请重新登录"));
    }
    auto shared = setup();
    const Person *person = shared ? shared->person(result.session->account) : nullptr;
    if (!person)
        return Response::error(403, QStringLiteral("forbidden"), QStringLiteral("账号不在当前考评活动中"));
    return Caller{*result.session, *person, shared};
}

Response HqApi::bootstrap(const Caller &caller)
{
    const Scope scope(*caller.setup, caller.person);
    protocol::Bootstrap bootstrap{caller.person, scope.units(), scopedSetup(*caller.setup, scope, caller.person), {}};
    bootstrap.incarnation = Incarnation::current(*m_pool.acquire());
    return Response::json(200, bootstrap.toJson());
}

Response HqApi::push(const Request &request, const Caller &caller, bool compact)
{
    if (request.body.size() > kMaxPushBody) // a chunked body has no Content-Length to screen
        return Response::error(413, QStringLiteral("body_too_large"),
                               QStringLiteral("一次上传的修改不能超过 %1 字节，请分批上传").arg(kMaxPushBody));
    std::optional<QJsonObject> body;
    if (!compact) {
        body = http::parseJsonObject(request.body);
    } else {
        // The cap holds for the JSON parsed, so for the expansion too: a compact body of
        // 2 MB could name times and keys that expand several times over.
        bool tooLarge = false;
        const auto expanded = protocol::compact::expandJson(request.body, kMaxPushBody, &tooLarge);
        if (tooLarge)
            return Response::error(413, QStringLiteral("body_too_large"),
                                   QStringLiteral("一次上传的修改展开后不能超过 %1 字节，请分批上传").arg(kMaxPushBody));
        if (expanded)
            body = http::parseJsonObject(*expanded);
        // The token names the device; a compact push need not say it again.
        if (body && !body->contains(QStringLiteral("device_id")))
            body->insert(QStringLiteral("device_id"), caller.session.deviceId);
    }
    if (!body)
        return badRequest(QStringLiteral("请求体应为 JSON 对象"));
    QString error;
    const auto pushRequest = protocol::PushRequest::fromJson(*body, &error);
    if (!pushRequest)
        return badRequest(error);
    if (pushRequest->deviceId != caller.session.deviceId)
        return Response::error(403, QStringLiteral("forbidden"), QStringLiteral("device_id 与登录的设备不一致"));
    if (pushRequest->mutations.size() > kMaxMutationsPerPush)
        return badRequest(QStringLiteral("一次最多提交 %1 条修改").arg(kMaxMutationsPerPush));
    const Scope scope(*caller.setup, caller.person);
    auto lease = m_pool.acquire();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A push re-sent after a restore is answered from what HQ still holds inside (PushProcessor).
    protocol::PushResponse response =
        PushProcessor(*lease, *caller.setup).process(caller.session, scope, *pushRequest, now);
    // Left out when the device names the same id (protocol::incarnationTag).
    if (QString current = Incarnation::current(*lease); protocol::incarnationTag(current) != pushRequest->incarnationTag)
        response.incarnation = std::move(current);
    if (!compact)
        return Response::json(200, response.toJson());
    // Protocol 2: "every mutation sent was applied, the last one is the last processed"
    // needs no body (the device fills in the results, SyncClient::pushAs).
    const bool allApplied = !pushRequest->mutations.empty() && response.incarnation.isEmpty() &&
                            response.lastProcessedSeq == pushRequest->mutations.back().seq &&
                            response.results.size() == pushRequest->mutations.size() &&
                            std::all_of(response.results.begin(), response.results.end(), [](const auto &result) {
                                return result.status == protocol::MutationStatus::Applied;
                            });
    if (allApplied)
        return Response::noContent();
    Response answer = Response::json(200, response.toJson());
    answer.body = protocol::compact::compactJson(answer.body);
    return answer;
}

Response HqApi::pull(const Request &request, const Caller &caller, bool compact)
{
    const protocol::PullQueryKeys keys = protocol::pullQueryKeys(compact);
    bool sinceOk = true, limitOk = true;
    const qint64 since = request.query.value(keys.since, QStringLiteral("0")).toLongLong(&sinceOk);
    const int limit = request.query.value(keys.limit, QString::number(ChangeFeed::kDefaultPageSize)).toInt(&limitOk);
    if (!sinceOk || since < 0 || !limitOk || limit < 1)
        return badRequest(QStringLiteral("since 应为非负整数，limit 应为正整数"));
    const Scope scope(*caller.setup, caller.person);
    auto lease = m_pool.acquire();
    const ChangeFeed::Page page = ChangeFeed(*lease).page(scope, since, limit);
    const QString known = request.query.value(keys.incarnationTag);
    QString incarnation = Incarnation::current(*lease);
    if (protocol::incarnationTag(incarnation) == known)
        incarnation.clear();
    // Protocol 2: nothing new and the cursor where the device left it needs no body.
    if (compact && page.changes.empty() && !page.more && page.cursor == since && incarnation.isEmpty())
        return Response::noContent();
    Response response;
    response.body = pullAnswerJson(page, incarnation);
    if (compact)
        response.body = protocol::compact::compactJson(response.body);
    return response;
}

Response HqApi::photo(const Request &request, const Caller &caller, const QString &sha256, bool content)
{
    if (!PhotoStore::isSha256(sha256))
        return badRequest(QStringLiteral("照片编号应为 64 位小写十六进制 SHA-256"));
    auto lease = m_pool.acquire();
    if (content) {
        if (request.method != QLatin1String("GET"))
            return Response::error(405, QStringLiteral("method_not_allowed"), QStringLiteral("请使用 GET"));
        const Scope scope(*caller.setup, caller.person);
        const QStringList units = PhotoStore::recordUnits(*lease, sha256);
        const bool visible = std::any_of(units.begin(), units.end(), [&](const QString &unit) {
            return scope.canRead(protocol::entity::kPhoto, unit);
        });
        const auto bytes = visible ? m_photos.read(sha256) : std::nullopt;
        if (!bytes)
            return Response::error(404, QStringLiteral("not_found"), QStringLiteral("没有这张照片，或无权查看"));
        return Response::bytes(*bytes, PhotoStore::sniffImageType(bytes->left(16)));
    }
    if (request.method == QLatin1String("GET"))
        return uploadStateAnswer(sha256, m_photos.state(*lease, sha256, caller.session.account));
    if (request.method != QLatin1String("PUT"))
        return Response::error(405, QStringLiteral("method_not_allowed"), QStringLiteral("请使用 GET 或 PUT"));
    if (caller.person.role == Role::Liaison)
        return Response::error(403, QStringLiteral("forbidden"), QStringLiteral("联络员不能上传考评照片"));

    bool offsetOk = false, totalOk = false;
    const qint64 offset = request.query.value(QStringLiteral("offset")).toLongLong(&offsetOk);
    const qint64 total = request.query.value(QStringLiteral("total")).toLongLong(&totalOk);
    if (!offsetOk || !totalOk)
        return badRequest(QStringLiteral("需要 offset 和 total"));
    if (offset == 0)
        m_photos.removeAbandoned(*lease, QDateTime::currentDateTimeUtc()); // a new upload sweeps the forgotten ones
    return uploadChunkAnswer(sha256,
                             m_photos.putChunk(*lease, sha256, caller.session.account, offset, total, request.body));
}

} // namespace onsite::hq
