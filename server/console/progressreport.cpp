#include "progressreport.h"

#include "consolehttp.h"
#include "setuplookup.h"
#include "store/unitsubmissions.h"
#include "system/beijingtime.h"

#include <QJsonArray>

#include <map>

namespace onsite::console {

namespace {

// unit code → count, from "SELECT unit_code, COUNT(*) … GROUP BY unit_code".
QHash<QString, int> countsByUnit(SqlConnection &db, const QString &sql)
{
    QHash<QString, int> counts;
    for (const SqlRow &row : db.query(sql))
        counts.insert(row.value(0).toString(), row.value(1).toInt());
    return counts;
}

} // namespace

QJsonObject ProgressReport::progress(const QDateTime &now)
{
    const SetupLookup lookup(m_setup);
    const int itemCount = static_cast<int>(std::count_if(m_setup.indicators.begin(), m_setup.indicators.end(),
                                                         [](const Indicator &i) { return !i.isProject(); }));
    const QHash<QString, int> scoredItems = countsByUnit(
        m_db, QStringLiteral("SELECT unit_code, COUNT(DISTINCT indicator_code) FROM score_entries GROUP BY unit_code"));
    const QHash<QString, int> visits = countsByUnit(
        m_db, QStringLiteral("SELECT s.unit_code, COUNT(*) FROM visits v JOIN sites s ON s.code = v.site_code "
                             "GROUP BY s.unit_code"));
    const QHash<QString, int> photos =
        countsByUnit(m_db, QStringLiteral("SELECT unit_code, COUNT(*) FROM photos GROUP BY unit_code"));
    const QHash<QString, int> findings =
        countsByUnit(m_db, QStringLiteral("SELECT unit_code, COUNT(*) FROM findings GROUP BY unit_code"));
    const QHash<QString, int> highlights =
        countsByUnit(m_db, QStringLiteral("SELECT unit_code, COUNT(*) FROM highlights GROUP BY unit_code"));

    // Rater scores per (unit, account); accounts in people.csv order.
    QHash<QString, std::map<QString, int>> raterCounts;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT unit_code, account, COUNT(*) FROM score_entries "
                                                       "WHERE kind = 'rater' GROUP BY unit_code, account")))
        raterCounts[row.value(0).toString()][row.value(1).toString()] = row.value(2).toInt();

    // Last change: the latest synced change, or a paper score imported at HQ.
    QHash<QString, QString> lastChange;
    for (const QString &sql : {QStringLiteral("SELECT unit_code, MAX(changed_at) FROM hq_changes GROUP BY unit_code"),
                               QStringLiteral("SELECT unit_code, MAX(recorded_at) FROM score_entries GROUP BY unit_code")}) {
        for (const SqlRow &row : m_db.query(sql)) {
            const QString unit = row.value(0).toString();
            const QDateTime at = QDateTime::fromString(row.value(1).toString(), Qt::ISODateWithMs);
            if (at.isValid() && isoTime(at) > lastChange.value(unit))
                lastChange.insert(unit, isoTime(at));
        }
    }
    const QStringList locked = UnitSubmissions(m_db).lockedUnits();

    QJsonArray units;
    for (const QString &code : m_access.units()) {
        const Unit *unit = m_setup.unit(code);
        QJsonArray raters;
        const auto &counts = raterCounts.value(code);
        for (const Person &person : m_setup.people) {
            const auto it = counts.find(person.account);
            if (it != counts.end()) {
                raters.append(QJsonObject{{QStringLiteral("account"), person.account},
                                          {QStringLiteral("name"), person.name},
                                          {QStringLiteral("scored"), it->second}});
            }
        }
        units.append(QJsonObject{{QStringLiteral("unit"), code},
                                 {QStringLiteral("unit_name"), unit ? unit->name : code},
                                 {QStringLiteral("category"), unit ? unit->category : QString()},
                                 {QStringLiteral("group"), lookup.groupOf(code)},
                                 {QStringLiteral("item_count"), itemCount},
                                 {QStringLiteral("scored_items"), scoredItems.value(code)},
                                 {QStringLiteral("raters"), raters},
                                 {QStringLiteral("submitted"), locked.contains(code)},
                                 {QStringLiteral("visits"), visits.value(code)},
                                 {QStringLiteral("photos"), photos.value(code)},
                                 {QStringLiteral("findings"), findings.value(code)},
                                 {QStringLiteral("highlights"), highlights.value(code)},
                                 {QStringLiteral("last_change_at"), textOrNull(lastChange.value(code))}});
    }
    return {{QStringLiteral("generated_at"), isoTime(now)},
            {QStringLiteral("units"), units},
            {QStringLiteral("devices"), devices()}};
}

QJsonArray ProgressReport::devices()
{
    // HQ sees every device; a leader the devices of their own group's people.
    QJsonArray devices;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT account, device_name, last_seen_at FROM hq_devices "
                                                       "WHERE revoked_at IS NULL ORDER BY account, device_id"))) {
        const Person *person = m_setup.person(row.value(0).toString());
        if (!person)
            continue;
        if (!m_access.seesAllUnits() && person->groupName != m_access.person().groupName)
            continue;
        devices.append(QJsonObject{{QStringLiteral("account"), person->account},
                                   {QStringLiteral("name"), person->name},
                                   {QStringLiteral("device_name"), row.value(1).toString()},
                                   {QStringLiteral("last_seen_at"), row.value(2).isNull() ? QJsonValue()
                                                                                          : row.value(2).toJsonValue()}});
    }
    return devices;
}

namespace {

// The Beijing day of a stored UTC time's hour ("2026-06-20T17" → "2026-06-21"): the days
// people worked are Beijing days, the stored times UTC.
QString beijingDayOfHour(const QString &utcHour)
{
    const QDateTime hour = QDateTime::fromString(utcHour + QStringLiteral(":00:00Z"), Qt::ISODate);
    return hour.isValid() ? beijingDate(hour).toString(Qt::ISODate) : utcHour.left(10);
}

} // namespace

QJsonObject ProgressReport::daily()
{
    std::map<QString, std::pair<int, int>> perDay; // date → (scored entries, units submitted) that day
    // Grouped by UTC hour in SQL (the same on both engines), then by Beijing day here.
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT unit_code, SUBSTR(recorded_at, 1, 13), COUNT(*) "
                                                       "FROM score_entries GROUP BY unit_code, SUBSTR(recorded_at, 1, 13)"))) {
        if (m_access.canSee(row.value(0).toString()))
            perDay[beijingDayOfHour(row.value(1).toString())].first += row.value(2).toInt();
    }
    // A unit counts from the day of its submission as long as it stays submitted.
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT unit_code, SUBSTR(changed_at, 1, 13) FROM unit_submissions "
                                                       "WHERE locked = 1"))) {
        if (m_access.canSee(row.value(0).toString()))
            perDay[beijingDayOfHour(row.value(1).toString())].second += 1;
    }
    QJsonArray days;
    int scored = 0, submitted = 0;
    for (const auto &[date, counts] : perDay) {
        scored += counts.first;
        submitted += counts.second;
        days.append(QJsonObject{{QStringLiteral("date"), date},
                                {QStringLiteral("scored_entries"), scored},
                                {QStringLiteral("submitted_units"), submitted}});
    }
    return {{QStringLiteral("days"), days}};
}

} // namespace onsite::console
