#include "fieldrecordlists.h"

#include "consolehttp.h"
#include "setuplookup.h"

#include <QJsonObject>

namespace onsite::console {

namespace {

// "WHERE a = ? AND b = ?" for the filters that are set, with their parameters.
struct Where
{
    QStringList clauses;
    QVariantList params;

    void add(const QString &column, const QString &value)
    {
        if (value.isEmpty())
            return;
        clauses << column + QStringLiteral(" = ?");
        params << value;
    }
    QString sql() const
    {
        return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

QDateTime timeOf(const QVariant &value) { return QDateTime::fromString(value.toString(), Qt::ISODateWithMs); }

} // namespace

QJsonArray FieldRecordLists::findings(const FindingFilter &filter)
{
    const SetupLookup lookup(m_setup);
    Where where;
    where.add(QStringLiteral("unit_code"), filter.unit);
    where.add(QStringLiteral("kind"), filter.kind);
    where.add(QStringLiteral("indicator_code"), filter.indicator);
    const auto rows = m_db.query(QStringLiteral("SELECT id, unit_code, site_code, indicator_code, kind, description, "
                                                "suggestion, account, recorded_at FROM findings") +
                                     where.sql() + QStringLiteral(" ORDER BY recorded_at DESC, id"),
                                 where.params);
    QHash<QString, QStringList> photosOf;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT fp.finding_id, p.sha256 FROM finding_photos fp "
                                                       "JOIN photos p ON p.id = fp.photo_id ORDER BY p.captured_at, p.id")))
        photosOf[row.value(0).toString()] << row.value(1).toString();

    QJsonArray findings;
    for (const SqlRow &row : rows) {
        const QString unit = row.value(1).toString();
        if (!m_access.canSee(unit) || (!filter.group.isEmpty() && lookup.groupOf(unit) != filter.group))
            continue;
        const QString description = row.value(5).toString();
        const QString suggestion = row.value(6).toString();
        if (!filter.text.isEmpty() && !description.contains(filter.text, Qt::CaseInsensitive) &&
            !suggestion.contains(filter.text, Qt::CaseInsensitive))
            continue;
        const QString site = row.value(2).toString();
        const QString indicator = row.value(3).toString();
        const QString account = row.value(7).toString();
        findings.append(QJsonObject{
            {QStringLiteral("id"), row.value(0).toString()},
            {QStringLiteral("unit"), unit},
            {QStringLiteral("unit_name"), lookup.unitName(unit)},
            {QStringLiteral("group"), lookup.groupOf(unit)},
            {QStringLiteral("site"), textOrNull(site)},
            {QStringLiteral("site_name"), site.isEmpty() ? QJsonValue() : QJsonValue(lookup.siteName(site))},
            {QStringLiteral("indicator"), textOrNull(indicator)},
            {QStringLiteral("indicator_name"),
             indicator.isEmpty() ? QJsonValue() : QJsonValue(lookup.indicatorName(indicator))},
            {QStringLiteral("kind"), row.value(4).toString()},
            {QStringLiteral("description"), description},
            {QStringLiteral("suggestion"), suggestion},
            {QStringLiteral("account"), account},
            {QStringLiteral("name"), lookup.personName(account)},
            {QStringLiteral("recorded_at"), isoOrNull(timeOf(row.value(8)))},
            {QStringLiteral("photos"), QJsonArray::fromStringList(photosOf.value(row.value(0).toString()))},
        });
    }
    return findings;
}

QJsonArray FieldRecordLists::highlights(const QString &unitFilter)
{
    const SetupLookup lookup(m_setup);
    Where where;
    where.add(QStringLiteral("unit_code"), unitFilter);
    QJsonArray highlights;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT id, unit_code, site_code, title, description, account, "
                                                       "recorded_at FROM highlights") +
                                            where.sql() + QStringLiteral(" ORDER BY recorded_at DESC, id"),
                                        where.params)) {
        const QString unit = row.value(1).toString();
        if (!m_access.canSee(unit))
            continue;
        const QString site = row.value(2).toString();
        const QString account = row.value(5).toString();
        highlights.append(QJsonObject{
            {QStringLiteral("id"), row.value(0).toString()},
            {QStringLiteral("unit"), unit},
            {QStringLiteral("unit_name"), lookup.unitName(unit)},
            {QStringLiteral("group"), lookup.groupOf(unit)},
            {QStringLiteral("site"), textOrNull(site)},
            {QStringLiteral("site_name"), site.isEmpty() ? QJsonValue() : QJsonValue(lookup.siteName(site))},
            {QStringLiteral("title"), row.value(3).toString()},
            {QStringLiteral("description"), row.value(4).toString()},
            {QStringLiteral("account"), account},
            {QStringLiteral("name"), lookup.personName(account)},
            {QStringLiteral("recorded_at"), isoOrNull(timeOf(row.value(6)))},
        });
    }
    return highlights;
}

} // namespace onsite::console
