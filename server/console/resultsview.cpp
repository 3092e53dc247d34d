#include "resultsview.h"

#include "campaignview.h"
#include "consolehttp.h"

#include <QHash>
#include <QJsonDocument>

#include <algorithm>

namespace onsite::console {

namespace {

const QString kUnit = QStringLiteral("unit");
const QString kUnits = QStringLiteral("units");

QHash<QString, QJsonObject> unitsByCode(const QJsonObject &document)
{
    QHash<QString, QJsonObject> byCode;
    for (const QJsonValue &value : document.value(kUnits).toArray()) {
        const QJsonObject unit = value.toObject();
        byCode.insert(unit.value(kUnit).toString(), unit);
    }
    return byCode;
}

// The fields of one unit that a diff compares, flattened: subtotals and items' points
// become one field each.
QList<std::pair<QString, QJsonValue>> comparableFields(const QJsonObject &unit)
{
    QList<std::pair<QString, QJsonValue>> fields;
    for (const char *name : {"total", "grade", "rank", "category_rank", "veto", "unscored", "submitted"})
        fields.append({QString::fromLatin1(name), unit.value(QLatin1String(name))});
    const QJsonObject subtotals = unit.value(QStringLiteral("subtotals")).toObject();
    for (auto it = subtotals.begin(); it != subtotals.end(); ++it)
        fields.append({QStringLiteral("subtotal:") + it.key(), it.value()});
    for (const QJsonValue &value : unit.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        fields.append({QStringLiteral("item:") + item.value(QStringLiteral("indicator")).toString(),
                       item.value(QStringLiteral("points"))});
    }
    return fields;
}

} // namespace

QJsonObject resultsView(const CampaignSetup &setup, const ConsoleAccess &access, const QJsonObject &document,
                        std::optional<int> version, const QDateTime &publishedAt)
{
    QJsonArray units;
    for (const QJsonValue &value : document.value(kUnits).toArray()) {
        if (access.canSee(value.toObject().value(kUnit).toString()))
            units.append(value);
    }
    return {{QStringLiteral("version"), version ? QJsonValue(*version) : QJsonValue()},
            {QStringLiteral("published_at"), version ? isoOrNull(publishedAt) : QJsonValue()},
            {QStringLiteral("campaign"), document.value(QStringLiteral("campaign"))},
            {QStringLiteral("item_count"), document.value(QStringLiteral("item_count"))},
            {QStringLiteral("projects"), projectsJson(setup)},
            {kUnits, units},
            {QStringLiteral("warnings"), access.seesAllUnits() ? document.value(QStringLiteral("warnings"))
                                                                : QJsonValue(QJsonArray())}};
}

QByteArray liveResultsViewJson(const CampaignSetup &setup, const ConsoleAccess &access, hq::ResultsCache &cache,
                               SqlConnection &db)
{
    QStringList warnings;
    const QByteArray units = cache.unitsJson(
        db, setup, [&access](const QString &unit) { return access.canSee(unit); }, &warnings);
    if (!access.seesAllUnits())
        warnings.clear();
    const auto itemCount = std::count_if(setup.indicators.begin(), setup.indicators.end(),
                                         [](const Indicator &i) { return !i.isProject(); });
    // Keys in QJsonObject's order, as resultsView's object is written.
    QByteArray out;
    out.reserve(units.size() + 4096);
    out += "{\"campaign\":" + hq::jsonString(setup.campaign.name)
           + ",\"item_count\":" + QByteArray::number(static_cast<qint64>(itemCount))
           + ",\"projects\":" + QJsonDocument(projectsJson(setup)).toJson(QJsonDocument::Compact)
           + ",\"published_at\":null,\"units\":";
    out += units;
    out += ",\"version\":null,\"warnings\":"
           + QJsonDocument(QJsonArray::fromStringList(warnings)).toJson(QJsonDocument::Compact) + '}';
    return out;
}

QJsonArray resultsDiff(const QJsonObject &before, const QJsonObject &after, const ConsoleAccess &access)
{
    const QHash<QString, QJsonObject> earlier = unitsByCode(before);
    QJsonArray changes;
    auto compare = [&](const QString &code, const QJsonObject &old, const QJsonObject &now) {
        const QString name = (now.isEmpty() ? old : now).value(QStringLiteral("unit_name")).toString();
        QHash<QString, QJsonValue> oldFields;
        for (const auto &[field, value] : comparableFields(old))
            oldFields.insert(field, value);
        QSet<QString> seen;
        auto add = [&](const QString &field, const QJsonValue &was, const QJsonValue &is) {
            if (was != is) {
                changes.append(QJsonObject{{kUnit, code}, {QStringLiteral("unit_name"), name},
                                           {QStringLiteral("field"), field}, {QStringLiteral("before"), was},
                                           {QStringLiteral("after"), is}});
            }
        };
        for (const auto &[field, value] : comparableFields(now)) {
            seen.insert(field);
            add(field, oldFields.value(field, QJsonValue()), value);
        }
        for (const auto &[field, value] : comparableFields(old)) {
            if (!seen.contains(field))
                add(field, value, QJsonValue());
        }
    };
    QSet<QString> compared;
    for (const QJsonValue &value : after.value(kUnits).toArray()) {
        const QJsonObject unit = value.toObject();
        const QString code = unit.value(kUnit).toString();
        compared.insert(code);
        if (access.canSee(code))
            compare(code, earlier.value(code), unit);
    }
    for (auto it = earlier.cbegin(); it != earlier.cend(); ++it) {
        if (!compared.contains(it.key()) && access.canSee(it.key()))
            compare(it.key(), it.value(), {});
    }
    return changes;
}

} // namespace onsite::console
