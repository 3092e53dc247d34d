#include "setuprows.h"

#include <QDateTime>

namespace onsite {

namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant numberOrNull(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

// INSERT … ON CONFLICT (key) DO UPDATE of the other columns (SQLite and PostgreSQL alike).
void upsert(SqlConnection &db, const QString &table, const QStringList &columns,
            const QVariantList &values)
{
    QStringList sets;
    for (const QString &column : columns.mid(1))
        sets << QStringLiteral("%1 = excluded.%1").arg(column);
    db.execute(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5")
                   .arg(table, columns.join(QStringLiteral(", ")),
                        QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")),
                        columns.first(), sets.join(QStringLiteral(", "))),
               values);
}

// The children of one parent (a site's checks, a group's units), in their order.
void writeLinks(SqlConnection &db, const QString &table, const QString &parentColumn,
                const QString &childColumn, const QString &parent, const QStringList &children)
{
    int position = 0;
    for (const QString &child : children)
        db.execute(QStringLiteral(
                       "INSERT INTO %1 (%2, %3, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                       .arg(table, parentColumn, childColumn),
                   {parent, child, position++});
}

} // namespace

void SetupRows::writeCampaign(const Campaign &c, bool withPresence)
{
    upsert(m_db, QStringLiteral("campaign"),
           {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("start_date"),
            QStringLiteral("end_date"), QStringLiteral("excellent_line"),
            QStringLiteral("good_line"), QStringLiteral("fair_line"),
            QStringLiteral("trim_from_raters"), QStringLiteral("imported_at")},
           {c.id, c.name, c.startDate.toString(Qt::ISODate), c.endDate.toString(Qt::ISODate),
            c.gradeLines.excellent.toPlainString(), c.gradeLines.good.toPlainString(),
            c.gradeLines.fair.toPlainString(), c.trimFromRaters,
            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    if (withPresence)
        m_db.execute(
            QStringLiteral(
                "UPDATE campaign SET check_in_required = ?, check_in_radius_m = ? WHERE id = ?"),
            {c.presence.checkInRequired ? 1 : 0, c.presence.radiusMeters, c.id});
}

QStringList SetupRows::writeUnits(const std::vector<Unit> &units)
{
    QStringList codes;
    for (const Unit &u : units) {
        upsert(m_db, QStringLiteral("units"),
               {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("category"),
                QStringLiteral("position")},
               {u.code, u.name, u.category, static_cast<int>(codes.size())});
        codes << u.code;
    }
    return codes;
}

QStringList SetupRows::writeIndicators(const std::vector<Indicator> &indicators)
{
    QStringList codes;
    for (const Indicator &i : indicators) {
        const QVariant method = i.rule ? QVariant(scoringMethodName(i.rule->method)) : QVariant();
        upsert(m_db, QStringLiteral("indicators"),
               {QStringLiteral("code"), QStringLiteral("parent_code"), QStringLiteral("title"),
                QStringLiteral("max_score"), QStringLiteral("content"), QStringLiteral("method"),
                QStringLiteral("rule_text"), QStringLiteral("evidence"),
                QStringLiteral("check_method"), QStringLiteral("position")},
               {i.code, textOrNull(i.parentCode), i.title, i.maxScore.toPlainString(), i.content,
                method, i.ruleText, i.evidence, i.checkMethod, i.position});
        codes << i.code;
    }
    return codes;
}

QStringList SetupRows::writeSites(const std::vector<Site> &sites)
{
    QStringList codes;
    m_db.execute(QStringLiteral("DELETE FROM site_indicators"));
    for (const Site &s : sites) {
        upsert(m_db, QStringLiteral("sites"),
               {QStringLiteral("code"), QStringLiteral("unit_code"), QStringLiteral("name"),
                QStringLiteral("site_type"), QStringLiteral("latitude"),
                QStringLiteral("longitude"), QStringLiteral("position")},
               {s.code, s.unitCode, s.name, siteTypeName(s.type), numberOrNull(s.latitude),
                numberOrNull(s.longitude), static_cast<int>(codes.size())});
        writeLinks(m_db, QStringLiteral("site_indicators"), QStringLiteral("site_code"),
                   QStringLiteral("indicator_code"), s.code, s.indicatorCodes);
        codes << s.code;
    }
    return codes;
}

QStringList SetupRows::writeGroups(const std::vector<InspectionGroup> &groups)
{
    QStringList names;
    m_db.execute(QStringLiteral("DELETE FROM group_units"));
    for (const InspectionGroup &g : groups) {
        upsert(m_db, QStringLiteral("inspection_groups"),
               {QStringLiteral("name"), QStringLiteral("position")},
               {g.name, static_cast<int>(names.size())});
        writeLinks(m_db, QStringLiteral("group_units"), QStringLiteral("group_name"),
                   QStringLiteral("unit_code"), g.name, g.unitCodes);
        names << g.name;
    }
    return names;
}

QStringList SetupRows::writePeople(const std::vector<Person> &people)
{
    QStringList accounts;
    for (const Person &p : people) {
        upsert(m_db, QStringLiteral("people"),
               {QStringLiteral("account"), QStringLiteral("name"), QStringLiteral("role"),
                QStringLiteral("home_unit_code"), QStringLiteral("group_name"),
                QStringLiteral("position")},
               {p.account, p.name, roleName(p.role), textOrNull(p.homeUnitCode),
                textOrNull(p.groupName), static_cast<int>(accounts.size())});
        accounts << p.account;
    }
    return accounts;
}

} // namespace onsite
