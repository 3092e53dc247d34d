#include "resultsview.h"

#include "exports.h"

#include <QJsonArray>

#include <boost/multiprecision/cpp_int.hpp>

namespace onsite::exports {

namespace {

QJsonValue require(const QJsonObject &object, const char *key, QJsonValue::Type type,
                   const QString &where)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.type() != type)
        throw ExportError(QStringLiteral("结果数据不完整：%1 缺少字段“%2”")
                              .arg(where, QLatin1String(key))
                              .toStdString());
    return value;
}

// The value a cell holds for a 2-place result: exactly what reading its printed
// decimal gives (both are the double nearest to n/100).
double cellValue(const Decimal &points)
{
    const Decimal::Rational rounded = points.rounded(2).value();
    return boost::multiprecision::numerator(rounded).convert_to<double>() /
           boost::multiprecision::denominator(rounded).convert_to<double>();
}

} // namespace

ResultsView::ResultsView(const CampaignSetup &setup, const QJsonObject &results) : m_setup(setup)
{
    indexSetup();
    readDocument(results, nullptr, true);
}

ResultsView::ResultsView(const ExportInput &input, bool withItems) : m_setup(*input.setup)
{
    indexSetup();
    const QSet<QString> *only = input.onlyUnits ? &*input.onlyUnits : nullptr;
    if (input.live)
        readLive(*input.live, input.submittedUnits, only, withItems);
    else
        readDocument(input.results, only, withItems);
}

void ResultsView::indexSetup()
{
    for (const Indicator &indicator : m_setup.indicators) {
        if (indicator.isProject())
            m_projects.push_back(&indicator);
        else
            m_itemIndex.insert(indicator.code, static_cast<int>(m_itemIndex.size()));
    }
}

void ResultsView::readLive(const CampaignResults &results, const QSet<QString> &submitted, const QSet<QString> *only,
                           bool withItems)
{
    m_campaign = m_setup.campaign.name;
    m_itemCount = static_cast<int>(m_itemIndex.size());
    m_warnings = results.warnings;
    m_units.reserve(results.units.size());
    for (const UnitResult &unit : results.units) {
        if (only && !only->contains(unit.unitCode))
            continue;
        UnitRow row;
        row.code = unit.unitCode;
        row.name = unit.unitName;
        row.category = unit.category;
        row.total = unit.total.toString(2);
        row.grade = gradeName(unit.grade);
        row.rank = unit.rank;
        row.categoryRank = unit.categoryRank;
        row.veto = unit.veto;
        row.unscored = unit.unscoredCount;
        row.submitted = submitted.contains(unit.unitCode);
        for (const ProjectSubtotal &subtotal : unit.subtotals)
            row.subtotals.insert(subtotal.projectCode, subtotal.subtotal.toString(2));
        if (withItems) {
            row.items.resize(m_itemIndex.size());
            row.vetoes.resize(m_itemIndex.size());
            for (const ItemResult &item : unit.items) {
                const int index = itemIndex(item.indicatorCode);
                if (index >= 0 && item.points)
                    row.items[static_cast<std::size_t>(index)] = cellValue(*item.points);
                if (index >= 0)
                    row.vetoes[static_cast<std::size_t>(index)] = item.vetoTriggered;
            }
        }
        m_units.push_back(std::move(row));
    }
}

void ResultsView::readDocument(const QJsonObject &results, const QSet<QString> *only, bool withItems)
{
    const QString root = QStringLiteral("结果文档");
    m_campaign = require(results, "campaign", QJsonValue::String, root).toString();
    m_itemCount = require(results, "item_count", QJsonValue::Double, root).toInt();
    for (const QJsonValue &warning : results.value(QStringLiteral("warnings")).toArray())
        m_warnings << warning.toString();
    const QString itemsKey = QStringLiteral("items");
    const QString indicatorKey = QStringLiteral("indicator");
    const QString pointsKey = QStringLiteral("points");
    const QString vetoKey = QStringLiteral("veto");
    for (const QJsonValue &value : require(results, "units", QJsonValue::Array, root).toArray()) {
        const QJsonObject unit = value.toObject();
        UnitRow row;
        row.code = require(unit, "unit", QJsonValue::String, root).toString();
        if (only && !only->contains(row.code))
            continue;
        const QString where = QStringLiteral("单位 %1").arg(row.code);
        row.name = require(unit, "unit_name", QJsonValue::String, where).toString();
        row.category = require(unit, "category", QJsonValue::String, where).toString();
        row.total = require(unit, "total", QJsonValue::String, where).toString();
        row.grade = require(unit, "grade", QJsonValue::String, where).toString();
        row.rank = require(unit, "rank", QJsonValue::Double, where).toInt();
        row.categoryRank = require(unit, "category_rank", QJsonValue::Double, where).toInt();
        row.veto = require(unit, "veto", QJsonValue::Bool, where).toBool();
        row.unscored = require(unit, "unscored", QJsonValue::Double, where).toInt();
        row.submitted = unit.value(QStringLiteral("submitted")).toBool();
        const QJsonObject subtotals = require(unit, "subtotals", QJsonValue::Object, where).toObject();
        for (auto it = subtotals.begin(); it != subtotals.end(); ++it)
            row.subtotals.insert(it.key(), it.value().toString());
        if (withItems) {
            row.items.resize(m_itemIndex.size());
            row.vetoes.resize(m_itemIndex.size());
        }
        for (const QJsonValue &itemValue : withItems ? unit.value(itemsKey).toArray() : QJsonArray()) {
            const QJsonObject item = itemValue.toObject();
            const int index = itemIndex(item.value(indicatorKey).toString());
            const QJsonValue points = item.value(pointsKey);
            if (index >= 0 && points.isString())
                row.items[static_cast<std::size_t>(index)] = number(points.toString());
            if (index >= 0)
                row.vetoes[static_cast<std::size_t>(index)] = item.value(vetoKey).toBool();
        }
        m_units.push_back(std::move(row));
    }
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("是") : QStringLiteral("否");
}

} // namespace onsite::exports
