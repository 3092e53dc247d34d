#include "leaderactions.h"

#include "consolehttp.h"

#include "hq/hqwriter.h"
#include "protocol/records.h"
#include "store/unitsubmissions.h"
#include "system/recordid.h"

namespace onsite::console {

using http::Response;

namespace {

int statusFor(const QString &reason)
{
    if (reason == QLatin1String("forbidden_role") || reason == QLatin1String("not_leader") ||
        reason == QLatin1String("out_of_scope") || reason == QLatin1String("conflict_of_interest"))
        return 403;
    if (reason == QLatin1String("unit_locked") || reason == QLatin1String("incomplete"))
        return 409;
    return 400; // reason_required, invalid_input, unknown_indicator, …
}

} // namespace

std::optional<Response> LeaderActions::refuseUnit(const QString &unitCode) const
{
    if (!m_caller.setup->unit(unitCode))
        return notFound(QStringLiteral("没有被考评单位“%1”").arg(unitCode));
    const Role role = m_caller.person().role;
    if (role != Role::Leader && role != Role::Hq)
        return forbidden(QStringLiteral("只有检查组长或考评办可以核定和提交"));
    if (!m_caller.access.canSee(unitCode))
        return forbidden(QStringLiteral("单位“%1”不属于你的检查组").arg(unitCode));
    return std::nullopt;
}

Response LeaderActions::write(const QString &entity, const QString &id, const QJsonObject &data, const QDateTime &now)
{
    hq::HqWriter writer(m_db, *m_caller.setup, m_historyKey, hq::HqWriter::kHqOrigin);
    const auto refusal = writer.write({{m_caller.person().account, entity, id, protocol::op::kUpsert, data}}, now);
    if (refusal)
        return Response::error(statusFor(refusal->result.reason), refusal->result.reason, refusal->result.message);
    QJsonObject body = data;
    body.insert(QStringLiteral("id"), id);
    Response response = Response::json(200, body);
    response.headers.insert("Cache-Control", "no-store");
    return response;
}

Response LeaderActions::setFinalValue(const http::Request &request, const QString &unitCode, const QDateTime &now)
{
    if (auto refusal = refuseUnit(unitCode))
        return *refusal;
    const auto body = http::parseJsonObject(request.body);
    if (!body || !body->value(QStringLiteral("indicator")).isString() || !body->value(QStringLiteral("input")).isString() ||
        (body->contains(QStringLiteral("reason")) && !body->value(QStringLiteral("reason")).isString()))
        return badRequest(QStringLiteral("请求体应为 {\"indicator\": 指标编号, \"input\": 核定值, \"reason\": 理由}"));
    ScoreEntry entry;
    entry.unitCode = unitCode;
    entry.indicatorCode = body->value(QStringLiteral("indicator")).toString();
    entry.account = m_caller.person().account;
    entry.kind = ScoreKind::Final;
    entry.input = body->value(QStringLiteral("input")).toString().trimmed();
    entry.reason = body->value(QStringLiteral("reason")).toString().trimmed();
    entry.recordedAt = now;
    entry.source = hq::HqWriter::kHqOrigin;
    // The leader's one final value per item: a correction updates it.
    const auto existing = m_db.query(QStringLiteral("SELECT id FROM score_entries WHERE unit_code = ? AND "
                                                    "indicator_code = ? AND account = ? AND kind = 'final'"),
                                     {unitCode, entry.indicatorCode, entry.account});
    entry.id = existing.empty() ? newRecordId() : existing.front()[0].toString();
    return write(protocol::entity::kScore, entry.id, protocol::scoreToJson(entry), now);
}

Response LeaderActions::setSubmission(const http::Request &request, const QString &unitCode, const QDateTime &now)
{
    if (auto refusal = refuseUnit(unitCode))
        return *refusal;
    const auto body = http::parseJsonObject(request.body);
    if (!body || !body->value(QStringLiteral("locked")).isBool() ||
        (body->contains(QStringLiteral("note")) && !body->value(QStringLiteral("note")).isString()))
        return badRequest(QStringLiteral("请求体应为 {\"locked\": true 或 false, \"note\": 重新打开的理由}"));
    const bool locked = body->value(QStringLiteral("locked")).toBool();
    const QString note = body->value(QStringLiteral("note")).toString().trimmed();
    if (!locked && note.isEmpty())
        return Response::error(400, QStringLiteral("reason_required"), QStringLiteral("重新打开已提交的单位须写明理由"));
    const auto existing = UnitSubmissions(m_db).find(unitCode);
    if (!existing && !locked)
        return Response::error(409, QStringLiteral("wrong_state"), QStringLiteral("单位尚未提交，无需重新打开"));
    const UnitSubmission submission{existing ? existing->id : newRecordId(), unitCode, locked, m_caller.person().account, now,
                                    locked ? QString() : note};
    return write(protocol::entity::kSubmission, submission.id, protocol::submissionToJson(submission), now);
}

} // namespace onsite::console
