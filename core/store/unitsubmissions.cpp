#include "unitsubmissions.h"

#include <QSet>

namespace onsite {

std::optional<UnitSubmission> UnitSubmissions::find(const QString &unitCode) const
{
    const auto rows = m_db.query(QStringLiteral("SELECT id, locked, account, changed_at, note FROM unit_submissions "
                                                "WHERE unit_code = ?"),
                                 {unitCode});
    if (rows.empty())
        return std::nullopt;
    const SqlRow &r = rows.front();
    return UnitSubmission{r[0].toString(), unitCode, r[1].toInt() != 0, r[2].toString(),
                          QDateTime::fromString(r[3].toString(), Qt::ISODateWithMs).toUTC(), r[4].toString()};
}

bool UnitSubmissions::isLocked(const QString &unitCode) const
{
    const auto submission = find(unitCode);
    return submission && submission->locked;
}

QStringList UnitSubmissions::lockedUnits() const
{
    QStringList units;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT unit_code FROM unit_submissions WHERE locked = 1 "
                                                       "ORDER BY unit_code")))
        units << row[0].toString();
    return units;
}

void UnitSubmissions::write(const UnitSubmission &s)
{
    m_db.execute(QStringLiteral("DELETE FROM unit_submissions WHERE unit_code = ? AND id <> ?"), {s.unitCode, s.id});
    m_db.execute(QStringLiteral("INSERT INTO unit_submissions (id, unit_code, locked, account, changed_at, note) "
                                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                "unit_code = excluded.unit_code, locked = excluded.locked, account = excluded.account, "
                                "changed_at = excluded.changed_at, note = excluded.note"),
                 {s.id, s.unitCode, s.locked ? 1 : 0, s.account, s.changedAt.toUTC().toString(Qt::ISODateWithMs),
                  s.note});
}

void UnitSubmissions::remove(const QString &id)
{
    m_db.execute(QStringLiteral("DELETE FROM unit_submissions WHERE id = ?"), {id});
}

QStringList UnitSubmissions::unscoredItems(const CampaignSetup &setup, const QString &unitCode) const
{
    QSet<QString> scored;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT DISTINCT indicator_code FROM score_entries "
                                                       "WHERE unit_code = ?"),
                                        {unitCode}))
        scored.insert(row[0].toString());
    QStringList missing;
    for (const Indicator &indicator : setup.indicators) {
        if (!indicator.isProject() && !scored.contains(indicator.code))
            missing << indicator.code;
    }
    return missing;
}

} // namespace onsite
