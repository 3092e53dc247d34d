#include "client/store/fieldqueries.h"

namespace onsite::sync {

namespace {

QDateTime timeOf(const QVariant &text) { return QDateTime::fromString(text.toString(), Qt::ISODateWithMs); }

} // namespace

std::optional<Person> FieldQueries::person(const QString &account) const
{
    if (account.isEmpty())
        return std::nullopt;
    const auto rows = m_db.query(
        QStringLiteral("SELECT account, name, role, home_unit_code, group_name FROM people WHERE account = ?"), {account});
    if (rows.empty())
        return std::nullopt;
    const SqlRow &p = rows.front();
    // As CampaignStore::loadSetup maps the row.
    return Person{p[0].toString(), p[1].toString(), roleFromName(p[2].toString()).value_or(Role::Inspector),
                  p[3].toString(), p[4].toString()};
}

QHash<QString, int> FieldQueries::scoredItemsPerUnit(const QString &account) const
{
    QHash<QString, int> counts;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT unit_code, COUNT(DISTINCT indicator_code) FROM score_entries "
                                                       "WHERE account = ? AND kind = 'rater' GROUP BY unit_code"),
                                        {account}))
        counts.insert(row[0].toString(), row[1].toInt());
    return counts;
}

QHash<QString, int> FieldQueries::photosWaitingPerUnit() const
{
    QHash<QString, int> counts;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT p.unit_code, COUNT(*) FROM photos p JOIN photo_uploads u "
                                                       "ON u.sha256 = p.sha256 WHERE u.complete = 0 GROUP BY p.unit_code")))
        counts.insert(row[0].toString(), row[1].toInt());
    return counts;
}

QHash<QString, QString> FieldQueries::raterInputs(const QString &unit, const QString &account) const
{
    QHash<QString, QString> inputs;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT indicator_code, input FROM score_entries WHERE unit_code = ? "
                                                       "AND account = ? AND kind = 'rater'"),
                                        {unit, account}))
        inputs.insert(row[0].toString(), row[1].toString());
    return inputs;
}

QHash<QString, int> FieldQueries::raterCounts(const QString &unit) const
{
    QHash<QString, int> counts;
    for (const SqlRow &row : m_db.query(QStringLiteral("SELECT indicator_code, COUNT(*) FROM score_entries WHERE unit_code = ? "
                                                       "AND kind = 'rater' GROUP BY indicator_code"),
                                        {unit}))
        counts.insert(row[0].toString(), row[1].toInt());
    return counts;
}

std::optional<FieldQueries::VisitRow> FieldQueries::latestVisit(const QString &site, const QString &account) const
{
    const auto rows = m_db.query(QStringLiteral("SELECT id, checked_in_at, latitude, longitude, accuracy_m, notes, distance_m, "
                                                "checked_out_at FROM visits "
                                                "WHERE site_code = ? AND account = ? ORDER BY checked_in_at DESC LIMIT 1"),
                                 {site, account});
    if (rows.empty())
        return std::nullopt;
    const SqlRow &v = rows.front();
    VisitRow visit{v[0].toString(), timeOf(v[1]), std::nullopt, v[5].toString(),
                   v[6].isNull() ? std::nullopt : std::optional<double>(v[6].toDouble()), timeOf(v[7])};
    if (!v[2].isNull() && !v[3].isNull())
        visit.position = Position{v[2].toDouble(), v[3].toDouble(),
                                  v[4].isNull() ? std::nullopt : std::optional<double>(v[4].toDouble())};
    return visit;
}

std::vector<FieldQueries::PhotoRow> FieldQueries::unitPhotos(const QString &unit) const
{
    std::vector<PhotoRow> photos;
    for (const SqlRow &p : m_db.query(QStringLiteral("SELECT p.id, p.sha256, p.indicator_code, p.captured_at, "
                                                     "COALESCE(u.complete, 1), p.account FROM photos p LEFT JOIN photo_uploads u "
                                                     "ON u.sha256 = p.sha256 WHERE p.unit_code = ? ORDER BY p.captured_at"),
                                      {unit}))
        photos.push_back({p[0].toString(), p[1].toString(), p[2].toString(), timeOf(p[3]), p[4].toInt() != 0,
                          p[5].toString()});
    return photos;
}

std::vector<FieldQueries::FindingRow> FieldQueries::findings(const QString &unit) const
{
    std::vector<FindingRow> findings;
    for (const SqlRow &f : m_db.query(QStringLiteral("SELECT id, kind, description, suggestion, indicator_code, "
                                                     "(SELECT group_concat(fp.photo_id) FROM finding_photos fp WHERE fp.finding_id = f.id), "
                                                     "account FROM findings f WHERE unit_code = ? ORDER BY recorded_at"),
                                      {unit}))
    {
        const QStringList photoIds = f[5].toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        findings.push_back({f[0].toString(), f[1].toString(), f[2].toString(), f[3].toString(), f[4].toString(),
                            static_cast<int>(photoIds.size()), photoIds, f[6].toString()});
    }
    return findings;
}

std::vector<FieldQueries::HighlightRow> FieldQueries::highlights(const QString &unit) const
{
    std::vector<HighlightRow> highlights;
    for (const SqlRow &h : m_db.query(QStringLiteral("SELECT id, title, description, account FROM highlights WHERE unit_code = ? "
                                                     "ORDER BY recorded_at"),
                                      {unit}))
        highlights.push_back({h[0].toString(), h[1].toString(), h[2].toString(), h[3].toString()});
    return highlights;
}

} // namespace onsite::sync
