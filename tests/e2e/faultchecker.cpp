#include "faultchecker.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace onsite::test {

namespace {

// What distinguishes one edit of a record from another: a score's input, a finding's text.
QString editKey(const QString &entity, const QString &id, const QString &json)
{
    const QJsonObject data = QJsonDocument::fromJson(json.toUtf8()).object();
    const QString value = entity == QLatin1String("score")
                              ? data.value(QStringLiteral("kind")).toString() + QLatin1Char('=') +
                                    data.value(QStringLiteral("input")).toString()
                              : data.value(QStringLiteral("description")).toString();
    return entity + QLatin1Char('/') + id + QLatin1Char('/') + value;
}

void note(FaultTally &tally, const QString &text)
{
    if (tally.examples.size() < 8)
        tally.examples << text;
}

// Differences between two sets of (id → value) rows, both ways.
void compareRecords(FaultTally &tally, SqlConnection &device, SqlConnection &hq, const QString &sql,
                    const QVariantList &params, const QString &what)
{
    std::map<QString, QString> mine, theirs;
    for (const SqlRow &row : device.query(sql, params))
        mine[row.value(0).toString()] = row.value(1).toString();
    for (const SqlRow &row : hq.query(sql, params))
        theirs[row.value(0).toString()] = row.value(1).toString();
    for (const auto &[id, value] : mine) {
        const auto it = theirs.find(id);
        if (it == theirs.end() || it->second != value) {
            ++tally.diverged;
            note(tally, QStringLiteral("%1 %2: device %3, HQ %4").arg(what, id, value,
                                                                        it == theirs.end() ? QStringLiteral("(none)") : it->second));
        }
    }
    for (const auto &[id, value] : theirs) {
        if (!mine.count(id)) {
            ++tally.diverged;
            note(tally, QStringLiteral("%1 %2: only at HQ (%3)").arg(what, id, value));
        }
    }
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

} // namespace

FaultTally &FaultTally::operator+=(const FaultTally &other)
{
    acknowledged += other.acknowledged;
    unresolved += other.unresolved;
    lost += other.lost;
    duplicated += other.duplicated;
    diverged += other.diverged;
    for (const QString &example : other.examples) {
        if (examples.size() < 8)
            examples << example;
    }
    return *this;
}

FaultTally checkDevice(SqlConnection &device, SqlConnection &hq, const QString &account, const QStringList &units)
{
    FaultTally tally;
    // Every acknowledged edit, as a multiset: an edit applied twice at HQ leaves one
    // more entry in HQ's feed than the device has acknowledged.
    std::map<QString, int> acknowledged;
    for (const SqlRow &row : device.query(QStringLiteral("SELECT entity, entity_id, data, state FROM outbox "
                                                         "WHERE entity IN ('score', 'finding') ORDER BY seq"))) {
        if (row.value(3).toString() != QLatin1String("applied")) {
            ++tally.unresolved;
            note(tally, QStringLiteral("%1 %2 left %3").arg(row.value(0).toString(), row.value(1).toString(),
                                                             row.value(3).toString()));
            continue;
        }
        ++tally.acknowledged;
        ++acknowledged[editKey(row.value(0).toString(), row.value(1).toString(), row.value(2).toString())];
    }
    std::map<QString, int> stored;
    for (const SqlRow &row : hq.query(QStringLiteral("SELECT entity, entity_id, data FROM hq_changes "
                                                     "WHERE account = ? AND op = 'upsert' AND entity IN ('score', 'finding')"),
                                      {account}))
        ++stored[editKey(row.value(0).toString(), row.value(1).toString(), row.value(2).toString())];
    for (const auto &[key, count] : acknowledged) {
        const int atHq = stored.count(key) ? stored.at(key) : 0;
        if (atHq < count) {
            tally.lost += count - atHq;
            note(tally, QStringLiteral("lost: %1 (%2 acknowledged, %3 at HQ)").arg(key).arg(count).arg(atHq));
        }
    }
    for (const auto &[key, count] : stored) {
        const int wanted = acknowledged.count(key) ? acknowledged.at(key) : 0;
        if (count > wanted) {
            tally.duplicated += count - wanted;
            note(tally, QStringLiteral("duplicated: %1 (%2 at HQ, %3 acknowledged)").arg(key).arg(count).arg(wanted));
        }
    }

    // Converged: the device's records of the units (its own and its teammates') are HQ's.
    QVariantList params;
    for (const QString &unit : units)
        params << unit;
    const QString in = QStringLiteral(" WHERE unit_code IN (%1)").arg(placeholders(units.size()));
    compareRecords(tally, device, hq, QStringLiteral("SELECT id, kind || '=' || input FROM score_entries") + in, params,
                   QStringLiteral("score"));
    compareRecords(tally, device, hq, QStringLiteral("SELECT id, description FROM findings") + in, params,
                   QStringLiteral("finding"));
    return tally;
}

QString integrityOf(SqlConnection &device)
{
    const auto rows = device.query(QStringLiteral("PRAGMA integrity_check"));
    return rows.empty() ? QStringLiteral("(no answer)") : rows.front().value(0).toString();
}

} // namespace onsite::test
