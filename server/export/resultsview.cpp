#include "resultsview.h"

#include "exports.h"

#include <QJsonArray>

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

} // namespace

QString yesNo(bool value)
{
    return value ? QStringLiteral("是") : QStringLiteral("否");
}

ResultsView::ResultsView(const CampaignSetup &setup, const QJsonObject &results) : m_setup(setup)
{
    for (const Indicator &indicator : setup.indicators) {
        if (indicator.isProject())
            m_projects.push_back(&indicator);
    }
    const QString root = QStringLiteral("结果文档");
    m_campaign = require(results, "campaign", QJsonValue::String, root).toString();
    m_itemCount = require(results, "item_count", QJsonValue::Double, root).toInt();
    for (const QJsonValue &warning : results.value(QStringLiteral("warnings")).toArray())
        m_warnings << warning.toString();
    for (const QJsonValue &value : require(results, "units", QJsonValue::Array, root).toArray()) {
        const QJsonObject unit = value.toObject();
        UnitRow row;
        row.code = require(unit, "unit", QJsonValue::String, root).toString();
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
        const QJsonObject subtotals =
            require(unit, "subtotals", QJsonValue::Object, where).toObject();
        for (auto it = subtotals.begin(); it != subtotals.end(); ++it)
            row.subtotals.insert(it.key(), it.value().toString());
        for (const QJsonValue &itemValue : unit.value(QStringLiteral("items")).toArray()) {
            const QJsonObject item = itemValue.toObject();
            const QJsonValue points = item.value(QStringLiteral("points"));
            row.items.insert(item.value(QStringLiteral("indicator")).toString(),
                             points.isString() ? std::optional<QString>(points.toString())
                                               : std::nullopt);
        }
        m_units.push_back(std::move(row));
    }
}

} // namespace onsite::exports
