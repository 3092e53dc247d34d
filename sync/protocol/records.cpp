#include "records.h"

#include "jsontext.h"

#include "system/isotime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace onsite::protocol {

namespace {

// Reads fields of one JSON object, remembering the first problem.
class FieldReader
{
public:
    FieldReader(const QJsonObject &json, QString *error) : m_json(json), m_error(error) {}

    QString text(const QString &key, bool required = true)
    {
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(QStringLiteral("field \"%1\" is required").arg(key));
            return {};
        }
        if (!value.isString()) {
            fail(QStringLiteral("field \"%1\" must be a string").arg(key));
            return {};
        }
        if (required && value.toString().isEmpty())
            fail(QStringLiteral("field \"%1\" must not be empty").arg(key));
        return value.toString();
    }

    QDateTime time(const QString &key)
    {
        const QString value = text(key);
        const QDateTime parsed = QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!value.isEmpty() && !parsed.isValid())
            fail(QStringLiteral("field \"%1\" must be an ISO 8601 time").arg(key));
        return parsed.toUTC();
    }

    // Invalid when absent.
    QDateTime optionalTime(const QString &key)
    {
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined() || value.isNull())
            return {};
        return time(key);
    }

    std::optional<double> number(const QString &key)
    {
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isDouble()) {
            fail(QStringLiteral("field \"%1\" must be a number").arg(key));
            return std::nullopt;
        }
        return value.toDouble();
    }

    std::optional<Position> position()
    {
        const auto lat = number(QStringLiteral("latitude"));
        const auto lon = number(QStringLiteral("longitude"));
        if (!lat && !lon)
            return std::nullopt;
        if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
            fail(QStringLiteral("latitude and longitude must both be given and in range"));
            return std::nullopt;
        }
        return Position{*lat, *lon, number(QStringLiteral("accuracy_m"))};
    }

    bool ok() const { return m_error->isEmpty(); }

private:
    void fail(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
    }

    const QJsonObject &m_json;
    QString *m_error;
};

void putPosition(QJsonObject &json, const std::optional<Position> &position)
{
    if (!position)
        return;
    json.insert(QStringLiteral("latitude"), position->latitude);
    json.insert(QStringLiteral("longitude"), position->longitude);
    if (position->accuracyMeters)
        json.insert(QStringLiteral("accuracy_m"), *position->accuracyMeters);
}

} // namespace

QString timestampText(const QDateTime &time) { return isoUtcText(time); }

const QStringList &recordTimeKeys()
{
    static const QStringList keys{QStringLiteral("recorded_at"), QStringLiteral("checked_in_at"),
                                  QStringLiteral("checked_out_at"), QStringLiteral("captured_at"),
                                  QStringLiteral("original_at"), QStringLiteral("changed_at"),
                                  QStringLiteral("assigned_at")};
    return keys;
}

QJsonObject scoreToJson(const ScoreEntry &s)
{
    QJsonObject json{{QStringLiteral("unit"), s.unitCode},
                     {QStringLiteral("indicator"), s.indicatorCode},
                     {QStringLiteral("account"), s.account},
                     {QStringLiteral("kind"), s.kind == ScoreKind::Final ? QStringLiteral("final") : QStringLiteral("rater")},
                     {QStringLiteral("input"), s.input},
                     {QStringLiteral("recorded_at"), timestampText(s.recordedAt)}};
    // Most scores have no reason: left out, it is read back as empty (every version reads
    // it as optional), and each pushed and pulled score is 12 bytes shorter.
    if (!s.reason.isEmpty())
        json.insert(QStringLiteral("reason"), s.reason);
    return json;
}

QString scoreJsonText(const ScoreEntry &s)
{
    const QString recordedAt = timestampText(s.recordedAt);
    for (const QString *field : {&s.unitCode, &s.indicatorCode, &s.account, &s.input, &s.reason, &recordedAt}) {
        if (!copiedAsIs(*field))
            return QString::fromUtf8(QJsonDocument(scoreToJson(s)).toJson(QJsonDocument::Compact));
    }
    // Qt writes an object's keys in sorted order.
    QString text;
    text.reserve(96 + s.unitCode.size() + s.indicatorCode.size() + s.account.size() + s.input.size() +
                 s.reason.size());
    text += QLatin1String("{\"account\":\"") + s.account + QLatin1String("\",\"indicator\":\"") + s.indicatorCode +
            QLatin1String("\",\"input\":\"") + s.input + QLatin1String("\",\"kind\":\"") +
            (s.kind == ScoreKind::Final ? QLatin1String("final") : QLatin1String("rater")) + QLatin1String("\",");
    if (!s.reason.isEmpty())
        text += QLatin1String("\"reason\":\"") + s.reason + QLatin1String("\",");
    text += QLatin1String("\"recorded_at\":\"") + recordedAt + QLatin1String("\",\"unit\":\"") + s.unitCode +
            QLatin1String("\"}");
    return text;
}

std::optional<ScoreEntry> scoreFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    ScoreEntry s;
    s.id = id;
    s.unitCode = r.text(QStringLiteral("unit"));
    s.indicatorCode = r.text(QStringLiteral("indicator"));
    s.account = r.text(QStringLiteral("account"));
    const QString kind = r.text(QStringLiteral("kind"));
    s.input = r.text(QStringLiteral("input"), false);
    s.reason = r.text(QStringLiteral("reason"), false);
    s.recordedAt = r.time(QStringLiteral("recorded_at"));
    if (r.ok() && kind != QLatin1String("rater") && kind != QLatin1String("final"))
        *error = QStringLiteral("field \"kind\" must be \"rater\" or \"final\"");
    s.kind = kind == QLatin1String("final") ? ScoreKind::Final : ScoreKind::Rater;
    if (!r.ok())
        return std::nullopt;
    return s;
}

QJsonObject visitToJson(const Visit &v)
{
    QJsonObject json{{QStringLiteral("site"), v.siteCode},
                     {QStringLiteral("account"), v.account},
                     {QStringLiteral("checked_in_at"), timestampText(v.checkedInAt)},
                     {QStringLiteral("notes"), v.notes}};
    putPosition(json, v.position);
    if (v.distanceMeters)
        json.insert(QStringLiteral("distance_m"), *v.distanceMeters);
    if (v.checkedOutAt.isValid())
        json.insert(QStringLiteral("checked_out_at"), timestampText(v.checkedOutAt));
    return json;
}

std::optional<Visit> visitFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    Visit v;
    v.id = id;
    v.siteCode = r.text(QStringLiteral("site"));
    v.account = r.text(QStringLiteral("account"));
    v.checkedInAt = r.time(QStringLiteral("checked_in_at"));
    v.notes = r.text(QStringLiteral("notes"), false);
    v.position = r.position();
    v.distanceMeters = r.number(QStringLiteral("distance_m"));
    v.checkedOutAt = r.optionalTime(QStringLiteral("checked_out_at"));
    if (r.ok() && v.distanceMeters && !(*v.distanceMeters >= 0))
        *error = QStringLiteral("field \"distance_m\" must not be negative");
    if (r.ok() && v.checkedOutAt.isValid() && v.checkedOutAt < v.checkedInAt)
        *error = QStringLiteral("field \"checked_out_at\" must not be before \"checked_in_at\"");
    if (!r.ok())
        return std::nullopt;
    return v;
}

QJsonObject photoToJson(const PhotoEvidence &p)
{
    QJsonObject json{{QStringLiteral("sha256"), p.sha256},
                     {QStringLiteral("visit"), p.visitId},
                     {QStringLiteral("unit"), p.unitCode},
                     {QStringLiteral("indicator"), p.indicatorCode},
                     {QStringLiteral("account"), p.account},
                     {QStringLiteral("captured_at"), timestampText(p.capturedAt)},
                     {QStringLiteral("mime_type"), p.mimeType},
                     {QStringLiteral("size_bytes"), p.sizeBytes}};
    putPosition(json, p.position);
    if (p.origin != PhotoOrigin::Unknown)
        json.insert(QStringLiteral("origin"), photoOriginName(p.origin));
    if (p.originalAt.isValid())
        json.insert(QStringLiteral("original_at"), timestampText(p.originalAt));
    return json;
}

std::optional<PhotoEvidence> photoFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    FieldReader r(json, error);
    PhotoEvidence p;
    p.id = id;
    p.sha256 = r.text(QStringLiteral("sha256"));
    p.visitId = r.text(QStringLiteral("visit"), false);
    p.unitCode = r.text(QStringLiteral("unit"));
    p.indicatorCode = r.text(QStringLiteral("indicator"), false);
    p.account = r.text(QStringLiteral("account"));
    p.capturedAt = r.time(QStringLiteral("captured_at"));
    p.mimeType = r.text(QStringLiteral("mime_type"));
    // Range-checked before the cast: a double beyond qint64 (1e300) is undefined behaviour.
    const double size = r.number(QStringLiteral("size_bytes")).value_or(-1);
    p.sizeBytes = size > 0 && size < 9223372036854775808.0 ? static_cast<qint64>(size) : -1;
    p.position = r.position();
    const auto origin = photoOriginFromName(r.text(QStringLiteral("origin"), false));
    p.origin = origin.value_or(PhotoOrigin::Unknown);
    p.originalAt = r.optionalTime(QStringLiteral("original_at"));
    if (r.ok() && !origin)
        *error = QStringLiteral("field \"origin\" must be \"camera\" or \"picked\"");
    if (r.ok() && p.originalAt.isValid() && p.origin != PhotoOrigin::Picked)
        *error = QStringLiteral("field \"original_at\" belongs to a picked photo only");
    if (r.ok() && !sha256.match(p.sha256).hasMatch())
        *error = QStringLiteral("field \"sha256\" must be 64 lowercase hex digits");
    if (r.ok() && p.sizeBytes <= 0)
        *error = QStringLiteral("field \"size_bytes\" must be a positive number");
    if (!r.ok())
        return std::nullopt;
    return p;
}

QJsonObject findingToJson(const Finding &f)
{
    return {{QStringLiteral("unit"), f.unitCode},
            {QStringLiteral("site"), f.siteCode},
            {QStringLiteral("indicator"), f.indicatorCode},
            {QStringLiteral("kind"), findingKindName(f.kind)},
            {QStringLiteral("description"), f.description},
            {QStringLiteral("suggestion"), f.suggestion},
            {QStringLiteral("account"), f.account},
            {QStringLiteral("recorded_at"), timestampText(f.recordedAt)},
            {QStringLiteral("photos"), QJsonArray::fromStringList(f.photoIds)}};
}

std::optional<Finding> findingFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    Finding f;
    f.id = id;
    f.unitCode = r.text(QStringLiteral("unit"));
    f.siteCode = r.text(QStringLiteral("site"), false);
    f.indicatorCode = r.text(QStringLiteral("indicator"), false);
    const QString kind = r.text(QStringLiteral("kind"));
    f.description = r.text(QStringLiteral("description"));
    f.suggestion = r.text(QStringLiteral("suggestion"), false);
    f.account = r.text(QStringLiteral("account"));
    f.recordedAt = r.time(QStringLiteral("recorded_at"));
    const QJsonValue photos = json.value(QStringLiteral("photos"));
    if (r.ok() && !photos.isUndefined() && !photos.isNull() && !photos.isArray())
        *error = QStringLiteral("field \"photos\" must be a list of photo ids");
    for (const QJsonValue &photo : photos.toArray()) {
        if (r.ok() && (!photo.isString() || photo.toString().isEmpty()))
            *error = QStringLiteral("field \"photos\" must hold photo ids");
        f.photoIds << photo.toString();
    }
    const auto parsedKind = findingKindFromName(kind);
    if (r.ok() && !parsedKind)
        *error = QStringLiteral("field \"kind\" must be 问题, 短板 or 弱项");
    f.kind = parsedKind.value_or(FindingKind::Problem);
    if (!r.ok())
        return std::nullopt;
    return f;
}

QJsonObject highlightToJson(const Highlight &h)
{
    return {{QStringLiteral("unit"), h.unitCode},         {QStringLiteral("site"), h.siteCode},
            {QStringLiteral("title"), h.title},           {QStringLiteral("description"), h.description},
            {QStringLiteral("account"), h.account},       {QStringLiteral("recorded_at"), timestampText(h.recordedAt)}};
}

std::optional<Highlight> highlightFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    Highlight h;
    h.id = id;
    h.unitCode = r.text(QStringLiteral("unit"));
    h.siteCode = r.text(QStringLiteral("site"), false);
    h.title = r.text(QStringLiteral("title"));
    h.description = r.text(QStringLiteral("description"), false);
    h.account = r.text(QStringLiteral("account"));
    h.recordedAt = r.time(QStringLiteral("recorded_at"));
    if (!r.ok())
        return std::nullopt;
    return h;
}

QJsonObject submissionToJson(const UnitSubmission &s)
{
    return {{QStringLiteral("unit"), s.unitCode},
            {QStringLiteral("locked"), s.locked},
            {QStringLiteral("account"), s.account},
            {QStringLiteral("changed_at"), timestampText(s.changedAt)},
            {QStringLiteral("note"), s.note}};
}

std::optional<UnitSubmission> submissionFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    UnitSubmission s;
    s.id = id;
    s.unitCode = r.text(QStringLiteral("unit"));
    s.account = r.text(QStringLiteral("account"));
    s.changedAt = r.time(QStringLiteral("changed_at"));
    s.note = r.text(QStringLiteral("note"), false);
    const QJsonValue locked = json.value(QStringLiteral("locked"));
    if (r.ok() && !locked.isBool())
        *error = QStringLiteral("field \"locked\" must be true or false");
    s.locked = locked.toBool();
    if (!error->isEmpty())
        return std::nullopt;
    return s;
}

QJsonObject recheckToJson(const Recheck &r)
{
    return {{QStringLiteral("item"), r.itemId},
            {QStringLiteral("unit"), r.unitCode},
            {QStringLiteral("group"), r.groupName},
            {QStringLiteral("problem"), r.problem},
            {QStringLiteral("suggestion"), r.suggestion},
            {QStringLiteral("measures"), r.measures},
            {QStringLiteral("note"), r.note},
            {QStringLiteral("assigned_by"), r.assignedBy},
            {QStringLiteral("assigned_at"), timestampText(r.assignedAt)}};
}

std::optional<Recheck> recheckFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    Recheck c;
    c.id = id;
    c.itemId = r.text(QStringLiteral("item"));
    c.unitCode = r.text(QStringLiteral("unit"));
    c.groupName = r.text(QStringLiteral("group"));
    c.problem = r.text(QStringLiteral("problem"));
    c.suggestion = r.text(QStringLiteral("suggestion"), false);
    c.measures = r.text(QStringLiteral("measures"), false);
    c.note = r.text(QStringLiteral("note"), false);
    c.assignedBy = r.text(QStringLiteral("assigned_by"));
    c.assignedAt = r.time(QStringLiteral("assigned_at"));
    if (!r.ok())
        return std::nullopt;
    return c;
}

QJsonObject recheckResultToJson(const RecheckResult &r)
{
    return {{QStringLiteral("recheck"), r.recheckId},
            {QStringLiteral("unit"), r.unitCode},
            {QStringLiteral("outcome"), recheckOutcomeKey(r.outcome)},
            {QStringLiteral("notes"), r.notes},
            {QStringLiteral("account"), r.account},
            {QStringLiteral("recorded_at"), timestampText(r.recordedAt)},
            {QStringLiteral("photos"), QJsonArray::fromStringList(r.photoIds)}};
}

std::optional<RecheckResult> recheckResultFromJson(const QString &id, const QJsonObject &json, QString *error)
{
    FieldReader r(json, error);
    RecheckResult c;
    c.id = id;
    c.recheckId = r.text(QStringLiteral("recheck"));
    c.unitCode = r.text(QStringLiteral("unit"));
    const QString outcome = r.text(QStringLiteral("outcome"));
    c.notes = r.text(QStringLiteral("notes"), false);
    c.account = r.text(QStringLiteral("account"));
    c.recordedAt = r.time(QStringLiteral("recorded_at"));
    const QJsonValue photos = json.value(QStringLiteral("photos"));
    if (r.ok() && !photos.isUndefined() && !photos.isArray())
        *error = QStringLiteral("field \"photos\" must be a list of photo ids");
    for (const QJsonValue &photo : photos.toArray()) {
        if (r.ok() && (!photo.isString() || photo.toString().isEmpty()))
            *error = QStringLiteral("field \"photos\" must hold photo ids");
        c.photoIds << photo.toString();
    }
    c.photoIds.removeDuplicates();
    const auto parsedOutcome = recheckOutcomeFromKey(outcome);
    if (r.ok() && !parsedOutcome)
        *error = QStringLiteral("field \"outcome\" must be \"done\" or \"not_done\"");
    c.outcome = parsedOutcome.value_or(RecheckOutcome::Done);
    if (!r.ok())
        return std::nullopt;
    return c;
}

} // namespace onsite::protocol
