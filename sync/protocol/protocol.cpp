#include "protocol.h"

#include "system/sha256.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace onsite::protocol {

namespace {

const std::pair<MutationStatus, const char *> kStatusNames[] = {
    {MutationStatus::Applied, "applied"},
    {MutationStatus::Duplicate, "duplicate"},
    {MutationStatus::Rejected, "rejected"},
    {MutationStatus::Conflict, "conflict"},
};

QString requireString(const QJsonObject &json, const QString &key, QString *error)
{
    const QJsonValue value = json.value(key);
    if (!value.isString() || value.toString().isEmpty()) {
        if (error->isEmpty())
            *error = QStringLiteral("field \"%1\" must be a non-empty string").arg(key);
        return {};
    }
    return value.toString();
}

} // namespace

QString statusName(MutationStatus status)
{
    for (const auto &[s, name] : kStatusNames) {
        if (s == status)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<MutationStatus> statusFromName(const QString &name)
{
    for (const auto &[s, text] : kStatusNames) {
        if (name == QLatin1String(text))
            return s;
    }
    return std::nullopt;
}

QJsonObject Mutation::toJson() const
{
    return {{QStringLiteral("seq"), seq},    {QStringLiteral("entity"), entity}, {QStringLiteral("id"), id},
            {QStringLiteral("op"), op},      {QStringLiteral("hlc"), hlc},       {QStringLiteral("data"), data}};
}

std::optional<HlcStamp> parseHlc(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("\\A([0-9]{13})-([0-9]{5})\\z"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return HlcStamp{match.captured(1).toLongLong(), match.captured(2).toInt()};
}

namespace {

// Text that JSON writes as it is, between quotes: no escapes, no UTF-8 to encode.
bool plainAscii(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7E || u == u'"' || u == u'\\')
            return false;
    }
    return true;
}

} // namespace

QString Mutation::digest() const
{
    if (plainAscii(entity) && plainAscii(id) && plainAscii(op) && plainAscii(hlc)) {
        // The same bytes as the canonical form below, without building and serialising the
        // whole object once more (HQ digests every pushed mutation): keys in QJsonObject's
        // sorted order, `data` written by Qt itself, the plain fields spliced in.
        const QByteArray dataJson = QJsonDocument(data).toJson(QJsonDocument::Compact);
        QByteArray canonical;
        canonical.reserve(dataJson.size() + entity.size() + id.size() + op.size() + hlc.size() + 48);
        canonical.append("{\"data\":").append(dataJson);
        canonical.append(",\"entity\":\"").append(entity.toLatin1());
        canonical.append("\",\"hlc\":\"").append(hlc.toLatin1());
        canonical.append("\",\"id\":\"").append(id.toLatin1());
        canonical.append("\",\"op\":\"").append(op.toLatin1()).append("\"}");
        return QString::fromLatin1(sha256Hex(canonical));
    }
    QJsonObject content = toJson();
    content.remove(QStringLiteral("seq"));
    // QJsonObject keeps keys sorted, so the compact form is canonical.
    return QString::fromLatin1(sha256Hex(QJsonDocument(content).toJson(QJsonDocument::Compact)));
}

std::optional<Mutation> Mutation::fromJson(const QJsonObject &json, QString *error)
{
    Mutation m;
    const QJsonValue seq = json.value(QStringLiteral("seq"));
    if (!seq.isDouble() || seq.toDouble() < 1 || seq.toDouble() != static_cast<double>(seq.toInteger())) {
        *error = QStringLiteral("field \"seq\" must be a positive integer");
        return std::nullopt;
    }
    m.seq = seq.toInteger();
    m.entity = requireString(json, QStringLiteral("entity"), error);
    m.id = requireString(json, QStringLiteral("id"), error);
    m.op = requireString(json, QStringLiteral("op"), error);
    m.hlc = requireString(json, QStringLiteral("hlc"), error);
    if (!error->isEmpty())
        return std::nullopt;
    if (m.op != op::kUpsert && m.op != op::kDelete) {
        *error = QStringLiteral("field \"op\" must be \"upsert\" or \"delete\"");
        return std::nullopt;
    }
    const QJsonValue data = json.value(QStringLiteral("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject()) {
        *error = QStringLiteral("field \"data\" must be an object");
        return std::nullopt;
    }
    m.data = data.toObject();
    return m;
}

QString incarnationTag(const QString &incarnation)
{
    if (incarnation.isEmpty())
        return {};
    const QByteArray hash = QCryptographicHash::hash(incarnation.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(hash.left(6).toBase64(QByteArray::Base64UrlEncoding));
}

QJsonObject MutationResult::toJson() const
{
    QJsonObject json{{QStringLiteral("seq"), seq}, {QStringLiteral("status"), statusName(status)}};
    if (!reason.isEmpty())
        json.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        json.insert(QStringLiteral("message"), message);
    if (!current.isEmpty())
        json.insert(QStringLiteral("current"), current);
    return json;
}

MutationResult MutationResult::fromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("seq")).toInteger(),
            statusFromName(json.value(QStringLiteral("status")).toString()).value_or(MutationStatus::Rejected),
            json.value(QStringLiteral("reason")).toString(), json.value(QStringLiteral("message")).toString(),
            json.value(QStringLiteral("current")).toObject()};
}

QString pushPath(bool compact)
{
    return compact ? QStringLiteral("/api/v2/sync/push") : QStringLiteral("/api/v1/sync/push");
}

QString pullPath(bool compact)
{
    return compact ? QStringLiteral("/api/v2/sync/pull") : QStringLiteral("/api/v1/sync/pull");
}

PullQueryKeys pullQueryKeys(bool compact)
{
    if (compact)
        return {QStringLiteral("s"), QStringLiteral("l"), QStringLiteral("n")};
    return {QStringLiteral("since"), QStringLiteral("limit"), QString::fromLatin1(kIncarnationTagKey)};
}

QUrlQuery pullQuery(qint64 since, int limit, const QString &incarnationTag, bool compact)
{
    const PullQueryKeys keys = pullQueryKeys(compact);
    QUrlQuery query;
    query.addQueryItem(keys.since, QString::number(since));
    if (limit != kDefaultPullLimit)
        query.addQueryItem(keys.limit, QString::number(limit));
    if (!incarnationTag.isEmpty())
        query.addQueryItem(keys.incarnationTag, incarnationTag);
    return query;
}

QJsonObject PushRequest::toJson() const
{
    QJsonArray list;
    for (const Mutation &m : mutations)
        list.append(m.toJson());
    QJsonObject json{{QStringLiteral("device_id"), deviceId}, {QStringLiteral("mutations"), list}};
    if (resend)
        json.insert(QStringLiteral("resend"), true);
    if (!incarnationTag.isEmpty())
        json.insert(QLatin1String(kIncarnationTagKey), incarnationTag);
    return json;
}

std::optional<PushRequest> PushRequest::fromJson(const QJsonObject &json, QString *error)
{
    PushRequest request;
    request.deviceId = requireString(json, QStringLiteral("device_id"), error);
    if (!error->isEmpty())
        return std::nullopt;
    const QJsonValue list = json.value(QStringLiteral("mutations"));
    if (!list.isArray()) {
        *error = QStringLiteral("field \"mutations\" must be an array");
        return std::nullopt;
    }
    qint64 previous = 0;
    for (const QJsonValue &item : list.toArray()) {
        auto mutation = Mutation::fromJson(item.toObject(), error);
        if (!mutation)
            return std::nullopt;
        if (mutation->seq <= previous) {
            *error = QStringLiteral("mutations must be in ascending seq order (%1 after %2)")
                         .arg(mutation->seq)
                         .arg(previous);
            return std::nullopt;
        }
        previous = mutation->seq;
        request.mutations.push_back(std::move(*mutation));
    }
    request.resend = json.value(QStringLiteral("resend")).toBool(false);
    request.incarnationTag = json.value(QLatin1String(kIncarnationTagKey)).toString();
    return request;
}

QJsonObject PushResponse::toJson() const
{
    QJsonArray list;
    for (const MutationResult &r : results)
        list.append(r.toJson());
    QJsonObject json{{QStringLiteral("last_processed_seq"), lastProcessedSeq}, {QStringLiteral("results"), list}};
    if (!incarnation.isEmpty())
        json.insert(QLatin1String(kIncarnationKey), incarnation);
    return json;
}

PushResponse PushResponse::fromJson(const QJsonObject &json)
{
    PushResponse response;
    response.lastProcessedSeq = json.value(QStringLiteral("last_processed_seq")).toInteger();
    for (const QJsonValue &item : json.value(QStringLiteral("results")).toArray())
        response.results.push_back(MutationResult::fromJson(item.toObject()));
    response.incarnation = json.value(QLatin1String(kIncarnationKey)).toString();
    return response;
}

QJsonObject Change::toJson() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("entity"), entity}, {QStringLiteral("id"), id},
            {QStringLiteral("op"), op},   {QStringLiteral("data"), data}};
}

Change Change::fromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("seq")).toInteger(), json.value(QStringLiteral("entity")).toString(),
            json.value(QStringLiteral("id")).toString(), json.value(QStringLiteral("op")).toString(),
            json.value(QStringLiteral("data")).toObject()};
}

QJsonObject PullResponse::toJson() const
{
    QJsonArray list;
    for (const Change &c : changes)
        list.append(c.toJson());
    QJsonObject json{{QStringLiteral("changes"), list}, {QStringLiteral("cursor"), cursor}};
    // Absent reads as false on every device (QJsonValue::toBool), so only true is sent.
    if (more)
        json.insert(QStringLiteral("more"), true);
    if (!incarnation.isEmpty())
        json.insert(QLatin1String(kIncarnationKey), incarnation);
    return json;
}

PullResponse PullResponse::fromJson(const QJsonObject &json)
{
    PullResponse response;
    for (const QJsonValue &item : json.value(QStringLiteral("changes")).toArray())
        response.changes.push_back(Change::fromJson(item.toObject()));
    response.cursor = json.value(QStringLiteral("cursor")).toInteger();
    response.more = json.value(QStringLiteral("more")).toBool();
    response.incarnation = json.value(QLatin1String(kIncarnationKey)).toString();
    return response;
}

QJsonObject errorBody(const QString &code, const QString &message)
{
    return {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}};
}

} // namespace onsite::protocol
