#include "protocol.h"

#include "jsontext.h"

#include "system/sha256.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

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
    // "<13 digits>-<5 digits>", exactly (HQ checks every pushed mutation's).
    if (text.size() != 19 || text.at(13) != QLatin1Char('-'))
        return std::nullopt;
    qint64 milliseconds = 0;
    int counter = 0;
    for (qsizetype i = 0; i < 19; ++i) {
        if (i == 13)
            continue;
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9')
            return std::nullopt;
        if (i < 13)
            milliseconds = milliseconds * 10 + (c - u'0');
        else
            counter = counter * 10 + (c - u'0');
    }
    return HlcStamp{milliseconds, counter};
}

void Mutation::appendJsonText(QByteArray &out, bool withSeq) const
{
    if (!plainAscii(entity) || !plainAscii(id) || !plainAscii(op) || !plainAscii(hlc)) {
        QJsonObject content = toJson();
        if (!withSeq)
            content.remove(QStringLiteral("seq"));
        appendJsonObject(out, content);
        return;
    }
    // Keys in QJsonObject's sorted order, `data` written by Qt itself, the plain fields
    // spliced in: the same bytes as toJson() through Qt's writer.
    out.append("{\"data\":");
    appendJsonObject(out, data);
    out.append(",\"entity\":\"");
    appendAscii(out, entity);
    out.append("\",\"hlc\":\"");
    appendAscii(out, hlc);
    out.append("\",\"id\":\"");
    appendAscii(out, id);
    out.append("\",\"op\":\"");
    appendAscii(out, op);
    if (withSeq)
        out.append("\",\"seq\":").append(QByteArray::number(seq)).append('}');
    else
        out.append("\"}");
}

QString Mutation::digest() const
{
    // QJsonObject keeps keys sorted, so the compact form is canonical.
    QByteArray canonical;
    canonical.reserve(256);
    appendJsonText(canonical, false);
    return QString::fromLatin1(sha256Hex(canonical));
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

QByteArray PushRequest::toJsonText(bool withDeviceId) const
{
    QByteArray out;
    out.reserve(64 + qsizetype(mutations.size()) * 512);
    out += '{';
    // In sorted key order, as Qt writes toJson().
    if (withDeviceId) {
        out += "\"device_id\":";
        appendJsonString(out, deviceId);
        out += ',';
    }
    if (!incarnationTag.isEmpty()) {
        out += '"';
        out += kIncarnationTagKey;
        out += "\":";
        appendJsonString(out, incarnationTag);
        out += ',';
    }
    out += "\"mutations\":[";
    for (size_t i = 0; i < mutations.size(); ++i) {
        if (i > 0)
            out += ',';
        mutations[i].appendJsonText(out, true);
    }
    out += ']';
    if (resend)
        out += ",\"resend\":true";
    out += '}';
    return out;
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
    const QJsonArray changes = json.value(QStringLiteral("changes")).toArray();
    response.changes.reserve(size_t(changes.size()));
    for (const QJsonValue &item : changes)
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
