#include "resultsjson.h"

#include "store/campaignstore.h"
#include "store/unitsubmissions.h"
#include "system/parallel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace onsite::hq {

QJsonObject unitResultJson(const UnitResult &unit)
{
    QJsonObject subtotals;
    for (const ProjectSubtotal &subtotal : unit.subtotals)
        subtotals.insert(subtotal.projectCode, subtotal.subtotal.toString(2));
    QJsonArray items;
    for (const ItemResult &item : unit.items) {
        items.append(QJsonObject{
            {QStringLiteral("indicator"), item.indicatorCode},
            {QStringLiteral("points"), item.points ? QJsonValue(item.points->toString(2)) : QJsonValue()},
            {QStringLiteral("raters"), item.raterCount},
            {QStringLiteral("trimmed"), item.trimmed},
            {QStringLiteral("final_value"), item.finalValue},
            {QStringLiteral("veto"), item.vetoTriggered},
        });
    }
    return QJsonObject{
        {QStringLiteral("unit"), unit.unitCode},
        {QStringLiteral("unit_name"), unit.unitName},
        {QStringLiteral("category"), unit.category},
        {QStringLiteral("total"), unit.total.toString(2)},
        {QStringLiteral("grade"), gradeName(unit.grade)},
        {QStringLiteral("veto"), unit.veto},
        {QStringLiteral("subtotals"), subtotals},
        {QStringLiteral("unscored"), unit.unscoredCount},
        {QStringLiteral("items"), items},
    };
}

QJsonObject rankedUnitJson(QJsonObject unitJson, const UnitResult &unit, bool submitted)
{
    unitJson.insert(QStringLiteral("rank"), unit.rank);
    unitJson.insert(QStringLiteral("category_rank"), unit.categoryRank);
    unitJson.insert(QStringLiteral("submitted"), submitted);
    return unitJson;
}

QJsonObject resultsDocument(const CampaignSetup &setup, QJsonArray units, const QStringList &warnings)
{
    const auto itemCount = std::count_if(setup.indicators.begin(), setup.indicators.end(),
                                         [](const Indicator &i) { return !i.isProject(); });
    return QJsonObject{
        {QStringLiteral("campaign"), setup.campaign.name},
        {QStringLiteral("item_count"), static_cast<int>(itemCount)},
        {QStringLiteral("units"), units},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
    };
}

QJsonObject resultsJson(const CampaignSetup &setup, const CampaignResults &results, const QStringList &submittedUnits)
{
    const QSet<QString> submitted(submittedUnits.begin(), submittedUnits.end());
    QJsonArray units;
    for (const UnitResult &unit : results.units)
        units.append(rankedUnitJson(unitResultJson(unit), unit, submitted.contains(unit.unitCode)));
    return resultsDocument(setup, units, results.warnings);
}

QByteArray jsonString(const QString &text)
{
    // Printable ASCII without quote or backslash is written as it is; anything else
    // goes through Qt's own writer, so the escapes are exactly its escapes.
    const bool plain = std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    });
    if (plain) {
        QByteArray out;
        out.reserve(text.size() + 2);
        out += '"';
        out += text.toLatin1();
        out += '"';
        return out;
    }
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

namespace {

const char *boolText(bool value) { return value ? "true" : "false"; }

void appendItem(QByteArray &out, const ItemResult &item)
{
    out += "{\"final_value\":";
    out += boolText(item.finalValue);
    out += ",\"indicator\":";
    out += jsonString(item.indicatorCode);
    out += ",\"points\":";
    if (item.points) {
        out += '"';
        out += item.points->toString(2).toLatin1();
        out += '"';
    } else {
        out += "null";
    }
    out += ",\"raters\":";
    out += QByteArray::number(item.raterCount);
    out += ",\"trimmed\":";
    out += boolText(item.trimmed);
    out += ",\"veto\":";
    out += boolText(item.vetoTriggered);
    out += '}';
}

} // namespace

UnitJsonParts unitResultJsonParts(const UnitResult &unit)
{
    UnitJsonParts parts;
    parts.head = "{\"category\":" + jsonString(unit.category) + ",\"category_rank\":";
    QByteArray &middle = parts.middle;
    middle.reserve(static_cast<qsizetype>(unit.items.size()) * 100 + 64);
    middle += ",\"grade\":" + jsonString(gradeName(unit.grade)) + ",\"items\":[";
    for (std::size_t i = 0; i < unit.items.size(); ++i) {
        if (i)
            middle += ',';
        appendItem(middle, unit.items[i]);
    }
    middle += "],\"rank\":";
    // Subtotals' keys in the order QJsonObject sorts them: through QJsonObject (a few per unit).
    QJsonObject subtotals;
    for (const ProjectSubtotal &subtotal : unit.subtotals)
        subtotals.insert(subtotal.projectCode, subtotal.subtotal.toString(2));
    parts.tail = ",\"subtotals\":" + QJsonDocument(subtotals).toJson(QJsonDocument::Compact) + ",\"total\":"
                 + jsonString(unit.total.toString(2)) + ",\"unit\":" + jsonString(unit.unitCode) + ",\"unit_name\":"
                 + jsonString(unit.unitName) + ",\"unscored\":" + QByteArray::number(unit.unscoredCount)
                 + ",\"veto\":" + boolText(unit.veto) + '}';
    return parts;
}

void appendRankedUnitJson(QByteArray &out, const UnitJsonParts &parts, const UnitResult &unit, bool submitted)
{
    out += parts.head;
    out += QByteArray::number(unit.categoryRank);
    out += parts.middle;
    out += QByteArray::number(unit.rank);
    out += ",\"submitted\":";
    out += boolText(submitted);
    out += parts.tail;
}

qsizetype rankedUnitJsonCapacity(const UnitJsonParts &parts)
{
    return parts.head.size() + parts.middle.size() + parts.tail.size() + 48; // two ranks, "submitted", a comma
}

QByteArray resultsDocumentBytes(const CampaignSetup &setup, const QByteArray &unitsArray, const QStringList &warnings)
{
    const auto itemCount = std::count_if(setup.indicators.begin(), setup.indicators.end(),
                                         [](const Indicator &i) { return !i.isProject(); });
    QByteArray out;
    out.reserve(unitsArray.size() + 256);
    out += "{\"campaign\":" + jsonString(setup.campaign.name) + ",\"item_count\":"
           + QByteArray::number(static_cast<qint64>(itemCount)) + ",\"units\":";
    out += unitsArray;
    out += ",\"warnings\":" + QJsonDocument(QJsonArray::fromStringList(warnings)).toJson(QJsonDocument::Compact)
           + '}';
    return out;
}

std::vector<UnitJsonParts> unitResultJsonParts(const std::vector<const UnitResult *> &units)
{
    // 200 items a unit, 1,000 units: the points' text is most of a results request's
    // work after the computation, and units are independent.
    std::vector<UnitJsonParts> parts(units.size());
    forEachSlice(units.size(), 100, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            parts[i] = unitResultJsonParts(*units[i]);
    });
    return parts;
}

QByteArray resultsJsonBytes(const CampaignSetup &setup, const CampaignResults &results,
                            const QStringList &submittedUnits)
{
    const QSet<QString> submitted(submittedUnits.begin(), submittedUnits.end());
    std::vector<const UnitResult *> units;
    for (const UnitResult &unit : results.units)
        units.push_back(&unit);
    const std::vector<UnitJsonParts> parts = unitResultJsonParts(units);
    qsizetype size = 2;
    for (const UnitJsonParts &part : parts)
        size += rankedUnitJsonCapacity(part);
    QByteArray array;
    array.reserve(size);
    array += '[';
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i)
            array += ',';
        appendRankedUnitJson(array, parts[i], *units[i], submitted.contains(units[i]->unitCode));
    }
    array += ']';
    return resultsDocumentBytes(setup, array, results.warnings);
}

QJsonObject currentResultsJson(SqlConnection &db, const CampaignSetup &setup)
{
    const CampaignResults results = ScoringEngine(setup).compute(CampaignStore(db).loadScoreTable());
    return resultsJson(setup, results, UnitSubmissions(db).lockedUnits());
}

} // namespace onsite::hq
