#include "unitevidence.h"

#include "consolehttp.h"
#include "domain/fieldwork.h"
#include "fieldrecordlists.h"
#include "scoring/scoreinput.h"
#include "setuplookup.h"

#include <map>

namespace onsite::console {

namespace {

struct StoredScore
{
    QString account;
    QString input;
    QString reason;
    QDateTime recordedAt;
};

struct ItemScores
{
    std::vector<StoredScore> raters;
    std::optional<StoredScore> final; // the latest final value
};

QJsonValue pointsOf(const InputEvaluation &evaluation)
{
    return evaluation.value ? QJsonValue(evaluation.value->points.toString(2)) : QJsonValue();
}

QJsonValue numberOrNull(const QVariant &value) { return value.isNull() ? QJsonValue() : QJsonValue(value.toDouble()); }

} // namespace

QJsonObject UnitEvidence::build(const Unit &unit, const QJsonObject &result)
{
    FieldRecordLists lists(m_db, m_setup, m_access);
    FindingFilter filter;
    filter.unit = unit.code;
    QJsonObject summary = result;
    summary.remove(QStringLiteral("items"));
    return {{QStringLiteral("result"), summary},
            {QStringLiteral("items"), items(unit, result)},
            {QStringLiteral("presence"),
             QJsonObject{{QStringLiteral("check_in_required"), m_setup.campaign.presence.checkInRequired},
                         {QStringLiteral("radius_m"), m_setup.campaign.presence.radiusMeters}}},
            {QStringLiteral("visits"), visits(unit.code)},
            {QStringLiteral("photos"), photos(unit.code)},
            {QStringLiteral("findings"), lists.findings(filter)},
            {QStringLiteral("highlights"), lists.highlights(unit.code)}};
}

QJsonArray UnitEvidence::items(const Unit &unit, const QJsonObject &result)
{
    const SetupLookup lookup(m_setup);
    std::map<QString, ItemScores> byItem;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT indicator_code, account, kind, input, reason, recorded_at "
                                                       "FROM score_entries WHERE unit_code = ? ORDER BY account"),
                                        {unit.code})) {
        StoredScore score{row.value(1).toString(), row.value(3).toString(), row.value(4).toString(),
                          QDateTime::fromString(row.value(5).toString(), Qt::ISODateWithMs)};
        ItemScores &scores = byItem[row.value(0).toString()];
        if (row.value(2).toString() == QLatin1String("final")) {
            if (!scores.final || scores.final->recordedAt <= score.recordedAt)
                scores.final = score;
        } else {
            scores.raters.push_back(score);
        }
    }
    QHash<QString, QJsonObject> resultItems;
    for (const QJsonValue &value : result.value(QStringLiteral("items")).toArray())
        resultItems.insert(value.toObject().value(QStringLiteral("indicator")).toString(), value.toObject());

    QJsonArray items;
    for (const Indicator &item : m_setup.indicators) {
        if (item.isProject())
            continue;
        const ItemScores &scores = byItem[item.code];
        const QJsonObject itemResult = resultItems.value(item.code);
        const bool trimmed = itemResult.value(QStringLiteral("trimmed")).toBool();

        std::vector<InputEvaluation> evaluations;
        for (const StoredScore &score : scores.raters)
            evaluations.push_back(evaluateRaterInput(item, unit.category, score.input));
        // Trimming drops one lowest and one highest valid value (as the engine sorts them).
        int lowest = -1, highest = -1;
        if (trimmed) {
            for (int i = 0; i < static_cast<int>(evaluations.size()); ++i) {
                if (!evaluations[i].value)
                    continue;
                const Decimal &points = evaluations[i].value->points;
                if (lowest < 0 || points < evaluations[lowest].value->points)
                    lowest = i;
                if (highest < 0 || points >= evaluations[highest].value->points)
                    highest = i;
            }
        }
        QJsonArray raters;
        for (int i = 0; i < static_cast<int>(scores.raters.size()); ++i) {
            const StoredScore &score = scores.raters[i];
            raters.append(QJsonObject{{QStringLiteral("account"), score.account},
                                      {QStringLiteral("name"), lookup.personName(score.account)},
                                      {QStringLiteral("input"), score.input},
                                      {QStringLiteral("points"), pointsOf(evaluations[i])},
                                      {QStringLiteral("dropped"), i == lowest || i == highest},
                                      {QStringLiteral("error"), textOrNull(evaluations[i].error)},
                                      {QStringLiteral("recorded_at"), isoOrNull(score.recordedAt)}});
        }
        QJsonValue final;
        if (scores.final) {
            final = QJsonObject{{QStringLiteral("input"), scores.final->input},
                                {QStringLiteral("points"), pointsOf(evaluateFinalInput(item, scores.final->input))},
                                {QStringLiteral("reason"), scores.final->reason},
                                {QStringLiteral("account"), scores.final->account},
                                {QStringLiteral("name"), lookup.personName(scores.final->account)},
                                {QStringLiteral("recorded_at"), isoOrNull(scores.final->recordedAt)}};
        }
        const auto method = item.method();
        items.append(QJsonObject{{QStringLiteral("indicator"), item.code},
                                 {QStringLiteral("name"), item.title},
                                 {QStringLiteral("project"), item.parentCode},
                                 {QStringLiteral("max_points"), item.maxScore.toString(2)},
                                 {QStringLiteral("method"), method ? scoringMethodName(*method) : QString()},
                                 {QStringLiteral("points"), itemResult.value(QStringLiteral("points"))},
                                 {QStringLiteral("trimmed"), trimmed},
                                 {QStringLiteral("veto"), itemResult.value(QStringLiteral("veto")).toBool()},
                                 {QStringLiteral("final"), final},
                                 {QStringLiteral("raters"), raters}});
    }
    return items;
}

QJsonArray UnitEvidence::visits(const QString &unitCode)
{
    const SetupLookup lookup(m_setup);
    QJsonArray visits;
    const PresenceRule &presence = m_setup.campaign.presence;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT v.id, v.site_code, v.account, v.checked_in_at, v.latitude, "
                                                       "v.longitude, v.accuracy_m, v.notes, v.distance_m, "
                                                       "v.checked_out_at FROM visits v "
                                                       "JOIN sites s ON s.code = v.site_code WHERE s.unit_code = ? "
                                                       "ORDER BY v.checked_in_at, v.id"),
                                        {unitCode})) {
        const QString account = row.value(2).toString();
        const QDateTime checkedIn = QDateTime::fromString(row.value(3).toString(), Qt::ISODateWithMs);
        const QDateTime checkedOut = QDateTime::fromString(row.value(9).toString(), Qt::ISODateWithMs);
        const QVariant distance = row.value(8);
        visits.append(QJsonObject{
            {QStringLiteral("id"), row.value(0).toString()},
            {QStringLiteral("site"), row.value(1).toString()},
            {QStringLiteral("site_name"), lookup.siteName(row.value(1).toString())},
            {QStringLiteral("account"), account},
            {QStringLiteral("name"), lookup.personName(account)},
            {QStringLiteral("checked_in_at"), isoOrNull(QDateTime::fromString(row.value(3).toString(), Qt::ISODateWithMs))},
            {QStringLiteral("latitude"), numberOrNull(row.value(4))},
            {QStringLiteral("longitude"), numberOrNull(row.value(5))},
            {QStringLiteral("accuracy_m"), numberOrNull(row.value(6))},
            {QStringLiteral("notes"), row.value(7).toString()},
            {QStringLiteral("distance_m"), numberOrNull(distance)},
            // null: nothing to measure (no fix, or a site without coordinates)
            {QStringLiteral("within_radius"),
             distance.isNull() ? QJsonValue() : QJsonValue(distance.toDouble() <= presence.radiusMeters)},
            {QStringLiteral("checked_out_at"), isoOrNull(checkedOut)},
            {QStringLiteral("length_seconds"),
             checkedOut.isValid() && checkedIn.isValid() ? QJsonValue(checkedIn.secsTo(checkedOut)) : QJsonValue()},
        });
    }
    return visits;
}

QJsonArray UnitEvidence::photos(const QString &unitCode)
{
    const SetupLookup lookup(m_setup);
    QJsonArray photos;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT p.id, p.sha256, p.indicator_code, p.visit_id, p.account, "
                                                       "p.captured_at, p.mime_type, p.latitude, p.longitude, p.accuracy_m, "
                                                       "p.origin, p.original_at, v.checked_in_at FROM photos p "
                                                       "LEFT JOIN visits v ON v.id = p.visit_id WHERE p.unit_code = ? "
                                                       "ORDER BY p.captured_at, p.id"),
                                        {unitCode})) {
        PhotoEvidence photo;
        photo.capturedAt = QDateTime::fromString(row.value(5).toString(), Qt::ISODateWithMs);
        photo.origin = photoOriginFromName(row.value(10).toString()).value_or(PhotoOrigin::Unknown);
        photo.originalAt = QDateTime::fromString(row.value(11).toString(), Qt::ISODateWithMs);
        const QDateTime checkIn = QDateTime::fromString(row.value(12).toString(), Qt::ISODateWithMs);
        photos.append(QJsonObject{
            {QStringLiteral("id"), row.value(0).toString()},
            {QStringLiteral("sha256"), row.value(1).toString()},
            {QStringLiteral("indicator"), textOrNull(row.value(2).toString())},
            {QStringLiteral("visit"), textOrNull(row.value(3).toString())},
            {QStringLiteral("account"), row.value(4).toString()},
            {QStringLiteral("name"), lookup.personName(row.value(4).toString())},
            {QStringLiteral("captured_at"), isoOrNull(QDateTime::fromString(row.value(5).toString(), Qt::ISODateWithMs))},
            {QStringLiteral("mime_type"), row.value(6).toString()},
            {QStringLiteral("latitude"), numberOrNull(row.value(7))},
            {QStringLiteral("longitude"), numberOrNull(row.value(8))},
            {QStringLiteral("accuracy_m"), numberOrNull(row.value(9))},
            {QStringLiteral("origin"), photo.origin == PhotoOrigin::Unknown ? QJsonValue()
                                                                           : QJsonValue(photoOriginName(photo.origin))},
            {QStringLiteral("original_at"), isoOrNull(photo.originalAt)},
            {QStringLiteral("picked_old"), pickedPhotoIsOld(photo, checkIn)},
        });
    }
    return photos;
}

} // namespace onsite::console
