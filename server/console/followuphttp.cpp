#include "followuphttp.h"

#include "followup/rectificationledger.h"
#include "policy/rolescope.h"

#include <QJsonArray>

namespace onsite::console {

using followup::FollowUpError;
using http::Response;

FollowUpCall::FollowUpCall(const http::Request &request, const ConsoleCaller &caller, const QDateTime &now)
    : request(request), caller(caller), policy(*caller.setup, caller.person()),
      view(*caller.setup, policy, followup::RectificationLedger::today(now)), now(now)
{
}

QStringList FollowUpCall::units() const { return policy.units(); }

Response followUpJson(int status, const QJsonObject &body)
{
    Response response = Response::json(status, body);
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

namespace {

int statusOf(const QString &code)
{
    if (code == QLatin1String("forbidden"))
        return 403;
    if (code == QLatin1String("not_found"))
        return 404;
    if (code == QLatin1String("bad_request") || code == QLatin1String("reason_required") ||
        code == QLatin1String("import_failed"))
        return 400;
    return 409; // wrong_state, plan_incomplete, deadline_fixed, project_limit, attachment_missing
}

} // namespace

Response refusal(FollowUpRefusal refusal, const QString &message)
{
    return refusal == FollowUpRefusal::OutOfScope ? Response::error(404, QStringLiteral("not_found"), message)
                                                  : Response::error(statusOf(followUpRefusalCode(refusal)),
                                                                    followUpRefusalCode(refusal), message);
}

Response refusal(const FollowUpError &error)
{
    if (const auto *failed = dynamic_cast<const followup::ItemImportFailed *>(&error)) {
        QJsonArray errors;
        for (const ImportError &e : failed->errors())
            errors.append(QJsonObject{{QStringLiteral("line"), e.line},
                                      {QStringLiteral("column"), e.columnName},
                                      {QStringLiteral("message"), e.toString()}});
        return followUpJson(400, {{QStringLiteral("error"), error.code()},
                                  {QStringLiteral("message"), QStringLiteral("整改事项未导入：共 %1 处错误，一条也没有导入").arg(errors.size())},
                                  {QStringLiteral("errors"), errors}});
    }
    return Response::error(statusOf(error.code()), error.code(), error.message());
}

namespace {

QString refusalMessage(FollowUpRefusal refusal)
{
    switch (refusal) {
    case FollowUpRefusal::ForbiddenRole:
        return QStringLiteral("你的角色不能进行这一步");
    case FollowUpRefusal::OutOfScope:
        return QStringLiteral("没有这条记录，或无权查看");
    default:
        return QStringLiteral("不能进行这一步");
    }
}

} // namespace

void require(const FollowUpCall &call, FollowUpAction action, const QString &unitCode)
{
    if (const FollowUpRefusal r = call.policy.check(action, unitCode); r != FollowUpRefusal::None)
        throw FollowUpError(r, refusalMessage(r));
}

void require(const FollowUpCall &call, FollowUpAction action, const RectificationItem &item)
{
    const FollowUpRefusal r = call.policy.check(action, item);
    if (r == FollowUpRefusal::WrongState)
        throw FollowUpError(r, QStringLiteral("事项 %1 当前为“%2”，不能进行这一步").arg(item.code(), itemStateName(item.state)));
    if (r != FollowUpRefusal::None)
        throw FollowUpError(r, refusalMessage(r));
}

QJsonObject jsonBody(const http::Request &request)
{
    if (request.body.trimmed().isEmpty())
        return {}; // a step without fields (销号 without a note) may come without a body
    const auto body = http::parseJsonObject(request.body);
    if (!body)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请求体应为 JSON 对象"));
    return *body;
}

QString stringField(const QJsonObject &body, const QString &name)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1 应为文字").arg(name));
    return value.toString();
}

QStringList stringList(const QJsonObject &body, const QString &name)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1 应为文字数组").arg(name));
    QStringList out;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1 应为文字数组").arg(name));
        out << item.toString();
    }
    if (out.size() > 100)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1 最多 100 项").arg(name));
    return out;
}

QDate dateField(const QJsonObject &body, const QString &name, bool required)
{
    const QString text = stringField(body, name).trimmed();
    if (text.isEmpty()) {
        if (required)
            throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("请填写 %1（日期，如 2026-09-30）").arg(name));
        return {};
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid() || text.size() != 10)
        throw FollowUpError(QStringLiteral("bad_request"), QStringLiteral("%1 应为日期，如 2026-09-30").arg(name));
    return date;
}

} // namespace onsite::console
