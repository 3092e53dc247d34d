#include "fieldrecordrows.h"

#include "system/isotime.h"
#include "unitsubmissions.h"

#include <QHash>

namespace onsite {

namespace {

QString iso(const QDateTime &time)
{
    return isoUtcText(time);
}

QDateTime fromIso(const QVariant &text)
{
    return text.isNull() ? QDateTime()
                         : QDateTime::fromString(text.toString(), Qt::ISODateWithMs).toUTC();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant numberOrNull(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(iso(time)) : QVariant();
}

QVariantList positionValues(const std::optional<Position> &p)
{
    if (!p)
        return {QVariant(), QVariant(), QVariant()};
    return {p->latitude, p->longitude, numberOrNull(p->accuracyMeters)};
}

std::optional<Position> positionFrom(const QVariant &latitude, const QVariant &longitude,
                                     const QVariant &accuracy)
{
    if (latitude.isNull() || longitude.isNull())
        return std::nullopt;
    return Position{latitude.toDouble(), longitude.toDouble(),
                    accuracy.isNull() ? std::nullopt : std::optional<double>(accuracy.toDouble())};
}

// INSERT … ON CONFLICT (id) DO UPDATE of every column: one statement for a new record and
// a new version alike, and the same text on SQLite and PostgreSQL.
// `replace` false: a plain INSERT, so a repeated id fails.
QString upsertSql(const QString &table, const QStringList &columns, bool replace)
{
    QStringList sets;
    for (const QString &column : columns.mid(1))
        sets << QStringLiteral("%1 = excluded.%1").arg(column);
    QString sql =
        QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
            .arg(table, columns.join(QStringLiteral(", ")),
                 QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
    if (replace)
        sql += QStringLiteral(" ON CONFLICT (id) DO UPDATE SET ") + sets.join(QStringLiteral(", "));
    return sql;
}

void upsert(SqlConnection &db, const QString &table, const QStringList &columns,
            const QVariantList &values, bool replace = true)
{
    // Kept per thread: building the text anew (two dozen strings) cost a push more than
    // binding the score's values.
    struct Built
    {
        QStringList columns;
        QString sql;
    };
    thread_local QHash<QString, Built> built[2];
    Built &entry = built[replace ? 1 : 0][table];
    if (entry.columns != columns)
        entry = {columns, upsertSql(table, columns, replace)};
    db.execute(entry.sql, values);
}

const QStringList kVisitColumns{QStringLiteral("id"),         QStringLiteral("site_code"),
                                QStringLiteral("account"),    QStringLiteral("checked_in_at"),
                                QStringLiteral("latitude"),   QStringLiteral("longitude"),
                                QStringLiteral("accuracy_m"), QStringLiteral("notes"),
                                QStringLiteral("distance_m"), QStringLiteral("checked_out_at")};

Visit visitFrom(const SqlRow &r)
{
    return Visit{r[0].toString(),
                 r[1].toString(),
                 r[2].toString(),
                 fromIso(r[3]),
                 positionFrom(r[4], r[5], r[6]),
                 r[7].toString(),
                 r[8].isNull() ? std::nullopt : std::optional<double>(r[8].toDouble()),
                 fromIso(r[9])};
}

} // namespace

QString scoreKindKey(ScoreKind kind)
{
    return kind == ScoreKind::Final ? QStringLiteral("final") : QStringLiteral("rater");
}

QString FieldRecordRows::tableOf(const QString &entity)
{
    static const QHash<QString, QString> tables{
        {QStringLiteral("score"), QStringLiteral("score_entries")},
        {QStringLiteral("visit"), QStringLiteral("visits")},
        {QStringLiteral("photo"), QStringLiteral("photos")},
        {QStringLiteral("finding"), QStringLiteral("findings")},
        {QStringLiteral("highlight"), QStringLiteral("highlights")},
        {QStringLiteral("submission"), QStringLiteral("unit_submissions")},
        {QStringLiteral("recheck"), QStringLiteral("rechecks")},
        {QStringLiteral("recheck_result"), QStringLiteral("recheck_results")},
    };
    return tables.value(entity);
}

void FieldRecordRows::write(const ScoreEntry &s)
{
    m_db.execute(
        QStringLiteral(
            "DELETE FROM score_entries WHERE unit_code = ? AND indicator_code = ? AND account = ? "
            "AND kind = ? AND id <> ?"),
        {s.unitCode, s.indicatorCode, s.account, scoreKindKey(s.kind), s.id});
    writeScore(s, iso(s.recordedAt));
}

void FieldRecordRows::writeScore(const ScoreEntry &s, const QString &updatedAt, bool replace)
{
    upsert(m_db, QStringLiteral("score_entries"),
           {QStringLiteral("id"), QStringLiteral("unit_code"), QStringLiteral("indicator_code"),
            QStringLiteral("account"), QStringLiteral("kind"), QStringLiteral("input"),
            QStringLiteral("reason"), QStringLiteral("recorded_at"), QStringLiteral("source"),
            QStringLiteral("updated_at")},
           {s.id, s.unitCode, s.indicatorCode, s.account, scoreKindKey(s.kind), s.input, s.reason,
            iso(s.recordedAt), s.source, updatedAt},
           replace);
}

void FieldRecordRows::write(const Visit &v)
{
    upsert(m_db, QStringLiteral("visits"), kVisitColumns,
           QVariantList{v.id, v.siteCode, v.account, iso(v.checkedInAt)} +
               positionValues(v.position) +
               QVariantList{v.notes, numberOrNull(v.distanceMeters), timeOrNull(v.checkedOutAt)});
}

void FieldRecordRows::write(const PhotoEvidence &p)
{
    upsert(m_db, QStringLiteral("photos"),
           {QStringLiteral("id"), QStringLiteral("sha256"), QStringLiteral("visit_id"),
            QStringLiteral("unit_code"), QStringLiteral("indicator_code"),
            QStringLiteral("account"), QStringLiteral("captured_at"), QStringLiteral("latitude"),
            QStringLiteral("longitude"), QStringLiteral("accuracy_m"), QStringLiteral("mime_type"),
            QStringLiteral("size_bytes"), QStringLiteral("origin"), QStringLiteral("original_at")},
           QVariantList{p.id, p.sha256, textOrNull(p.visitId), p.unitCode,
                        textOrNull(p.indicatorCode), p.account, iso(p.capturedAt)} +
               positionValues(p.position) +
               QVariantList{p.mimeType, p.sizeBytes, photoOriginName(p.origin),
                            timeOrNull(p.originalAt)});
}

void FieldRecordRows::write(const Finding &f)
{
    upsert(m_db, QStringLiteral("findings"),
           {QStringLiteral("id"), QStringLiteral("unit_code"), QStringLiteral("site_code"),
            QStringLiteral("indicator_code"), QStringLiteral("kind"), QStringLiteral("description"),
            QStringLiteral("suggestion"), QStringLiteral("account"), QStringLiteral("recorded_at")},
           {f.id, f.unitCode, textOrNull(f.siteCode), textOrNull(f.indicatorCode),
            findingKindName(f.kind), f.description, f.suggestion, f.account, iso(f.recordedAt)});
    m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id = ?"), {f.id});
    QStringList photoIds = f.photoIds;
    photoIds.removeDuplicates();
    for (const QString &photoId : std::as_const(photoIds))
        m_db.execute(
            QStringLiteral("INSERT INTO finding_photos (finding_id, photo_id) VALUES (?, ?)"),
            {f.id, photoId});
}

void FieldRecordRows::write(const Highlight &h)
{
    upsert(m_db, QStringLiteral("highlights"),
           {QStringLiteral("id"), QStringLiteral("unit_code"), QStringLiteral("site_code"),
            QStringLiteral("title"), QStringLiteral("description"), QStringLiteral("account"),
            QStringLiteral("recorded_at")},
           {h.id, h.unitCode, textOrNull(h.siteCode), h.title, h.description, h.account,
            iso(h.recordedAt)});
}

void FieldRecordRows::write(const UnitSubmission &submission)
{
    UnitSubmissions(m_db).write(submission);
}

void FieldRecordRows::write(const Recheck &r)
{
    upsert(m_db, QStringLiteral("rechecks"),
           {QStringLiteral("id"), QStringLiteral("item_id"), QStringLiteral("unit_code"),
            QStringLiteral("group_name"), QStringLiteral("problem"), QStringLiteral("suggestion"),
            QStringLiteral("measures"), QStringLiteral("note"), QStringLiteral("assigned_by"),
            QStringLiteral("assigned_at")},
           {r.id, r.itemId, r.unitCode, r.groupName, r.problem, r.suggestion, r.measures, r.note,
            r.assignedBy, iso(r.assignedAt)});
}

void FieldRecordRows::write(const RecheckResult &r)
{
    upsert(m_db, QStringLiteral("recheck_results"),
           {QStringLiteral("id"), QStringLiteral("recheck_id"), QStringLiteral("unit_code"),
            QStringLiteral("outcome"), QStringLiteral("notes"), QStringLiteral("account"),
            QStringLiteral("recorded_at")},
           {r.id, r.recheckId, r.unitCode, recheckOutcomeKey(r.outcome), r.notes, r.account,
            iso(r.recordedAt)});
    m_db.execute(QStringLiteral("DELETE FROM recheck_result_photos WHERE result_id = ?"), {r.id});
    QStringList photoIds = r.photoIds;
    photoIds.removeDuplicates();
    for (const QString &photoId : std::as_const(photoIds))
        m_db.execute(
            QStringLiteral("INSERT INTO recheck_result_photos (result_id, photo_id) VALUES (?, ?)"),
            {r.id, photoId});
}

void FieldRecordRows::remove(const QString &entity, const QString &id)
{
    if (entity == QLatin1String("photo"))
        m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE photo_id = ?"), {id});
    else if (entity == QLatin1String("finding"))
        m_db.execute(QStringLiteral("DELETE FROM finding_photos WHERE finding_id = ?"), {id});
    else if (entity == QLatin1String("recheck_result"))
        m_db.execute(QStringLiteral("DELETE FROM recheck_result_photos WHERE result_id = ?"), {id});
    const QString table = tableOf(entity);
    if (!table.isEmpty())
        m_db.execute(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table), {id});
}

std::optional<Visit> FieldRecordRows::visit(const QString &id) const
{
    const auto rows = m_db.query(QStringLiteral("SELECT %1 FROM visits WHERE id = ?")
                                     .arg(kVisitColumns.join(QStringLiteral(", "))),
                                 {id});
    if (rows.empty())
        return std::nullopt;
    return visitFrom(rows.front());
}

std::vector<Visit> FieldRecordRows::visitsOf(const QString &account, const QString &unitCode) const
{
    QStringList columns;
    for (const QString &column : kVisitColumns)
        columns << QStringLiteral("v.") + column;
    QString sql = QStringLiteral("SELECT %1 FROM visits v").arg(columns.join(QStringLiteral(", ")));
    QVariantList params;
    if (!unitCode.isEmpty()) {
        sql += QStringLiteral(
            " JOIN sites s ON s.code = v.site_code WHERE v.account = ? AND s.unit_code = ?");
        params = {account, unitCode};
    } else {
        sql += QStringLiteral(" WHERE v.account = ?");
        params = {account};
    }
    std::vector<Visit> visits;
    for (const SqlRow &r : m_db.query(sql, params))
        visits.push_back(visitFrom(r));
    return visits;
}

namespace {

const QString kFindingColumns = QStringLiteral(
    "unit_code, site_code, indicator_code, kind, description, suggestion, account, recorded_at");
const QString kHighlightColumns =
    QStringLiteral("unit_code, site_code, title, description, account, recorded_at");

// The row after its id (columns as kFindingColumns, from `first`).
Finding findingFrom(const QString &id, const SqlRow &r, int first)
{
    return Finding{id,
                   r[first].toString(),
                   r[first + 1].toString(),
                   r[first + 2].toString(),
                   findingKindFromName(r[first + 3].toString()).value_or(FindingKind::Problem),
                   r[first + 4].toString(),
                   r[first + 5].toString(),
                   r[first + 6].toString(),
                   fromIso(r[first + 7]),
                   {}};
}

Highlight highlightFrom(const QString &id, const SqlRow &r, int first)
{
    return Highlight{id,
                     r[first].toString(),
                     r[first + 1].toString(),
                     r[first + 2].toString(),
                     r[first + 3].toString(),
                     r[first + 4].toString(),
                     fromIso(r[first + 5])};
}

} // namespace

std::optional<Finding> FieldRecordRows::finding(const QString &id) const
{
    const auto rows = m_db.query(
        QStringLiteral("SELECT %1 FROM findings WHERE id = ?").arg(kFindingColumns), {id});
    if (rows.empty())
        return std::nullopt;
    Finding f = findingFrom(id, rows.front(), 0);
    for (const SqlRow &p :
         m_db.query(QStringLiteral("SELECT photo_id FROM finding_photos WHERE finding_id = ? "
                                   "ORDER BY photo_id"),
                    {id}))
        f.photoIds << p[0].toString();
    return f;
}

std::optional<Highlight> FieldRecordRows::highlight(const QString &id) const
{
    const auto rows = m_db.query(
        QStringLiteral("SELECT %1 FROM highlights WHERE id = ?").arg(kHighlightColumns), {id});
    if (rows.empty())
        return std::nullopt;
    return highlightFrom(id, rows.front(), 0);
}

std::vector<Finding> FieldRecordRows::findings() const
{
    QHash<QString, QStringList> photos;
    for (const SqlRow &row : m_db.query(
             QStringLiteral("SELECT fp.finding_id, fp.photo_id FROM finding_photos fp "
                            "JOIN photos p ON p.id = fp.photo_id ORDER BY fp.finding_id, fp.photo_id")))
        photos[row[0].toString()] << row[1].toString();
    std::vector<Finding> findings;
    for (const SqlRow &row : m_db.query(
             QStringLiteral("SELECT id, %1 FROM findings ORDER BY recorded_at, id").arg(kFindingColumns))) {
        findings.push_back(findingFrom(row[0].toString(), row, 1));
        findings.back().photoIds = photos.value(findings.back().id);
    }
    return findings;
}

std::vector<Highlight> FieldRecordRows::highlights() const
{
    std::vector<Highlight> highlights;
    for (const SqlRow &row : m_db.query(
             QStringLiteral("SELECT id, %1 FROM highlights ORDER BY recorded_at, id").arg(kHighlightColumns)))
        highlights.push_back(highlightFrom(row[0].toString(), row, 1));
    return highlights;
}

QString FieldRecordRows::scoreIdFor(const QString &unit, const QString &indicator,
                                    const QString &account, ScoreKind kind) const
{
    const auto rows = m_db.query(
        QStringLiteral("SELECT id FROM score_entries WHERE unit_code = ? AND indicator_code = ? "
                       "AND account = ? AND kind = ?"),
        {unit, indicator, account, scoreKindKey(kind)});
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

QString FieldRecordRows::ownerOf(const QString &entity, const QString &id) const
{
    const QString table = tableOf(entity);
    if (table.isEmpty())
        return {};
    const QString column = entity == QLatin1String("recheck") ? QStringLiteral("assigned_by")
                                                              : QStringLiteral("account");
    const auto rows =
        m_db.query(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, table), {id});
    return rows.empty() ? QString() : rows.front().value(0).toString();
}

std::optional<StoredRecord> FieldRecordRows::stored(const QString &entity, const QString &id) const
{
    const QString table = tableOf(entity);
    if (table.isEmpty())
        return std::nullopt;
    const QString author = entity == QLatin1String("recheck") ? QStringLiteral("t.assigned_by")
                                                              : QStringLiteral("t.account");
    // A visit names its site, not its unit.
    const QString sql =
        entity == QLatin1String("visit")
            ? QStringLiteral("SELECT s.unit_code, t.account FROM visits t "
                             "LEFT JOIN sites s ON s.code = t.site_code WHERE t.id = ?")
            : QStringLiteral("SELECT t.unit_code, %1 FROM %2 t WHERE t.id = ?").arg(author, table);
    const auto rows = m_db.query(sql, {id});
    if (rows.empty())
        return std::nullopt;
    return describe(entity, id, rows.front()[0].toString(), rows.front()[1].toString());
}

StoredRecord FieldRecordRows::describe(const QString &entity, const QString &id,
                                       const QString &unitCode, const QString &author) const
{
    StoredRecord record{entity, unitCode, author, UnitSubmissions(m_db).isLocked(unitCode)};
    if (entity == QLatin1String("visit"))
        record.visitHasPhotos =
            !m_db.query(QStringLiteral("SELECT id FROM photos WHERE visit_id = ? LIMIT 1"), {id})
                 .empty();
    if (entity == QLatin1String("photo"))
        record.recheckEvidence =
            !m_db.query(
                     QStringLiteral(
                         "SELECT result_id FROM recheck_result_photos WHERE photo_id = ? LIMIT 1"),
                     {id})
                 .empty();
    return record;
}

} // namespace onsite
