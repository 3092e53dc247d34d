#include "resultversions.h"

#include "resultsjson.h"
#include "store/campaignstore.h"

#include <QHash>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>

#include <stdexcept>

namespace onsite::hq {

namespace {

// The findings and highlights frozen with a version sit in its stored snapshot under this
// key, which load() takes out: the results document stays what `results --format json` printed.
const QString kRecordsKey = QStringLiteral("export_records");

QJsonValue textOrNull(const QVariant &value)
{
    return value.isNull() || value.toString().isEmpty() ? QJsonValue()
                                                        : QJsonValue(value.toString());
}

// The findings and highlights as they are now (see records()).
QJsonObject currentRecords(SqlConnection &db)
{
    QHash<QString, QJsonArray> photos;
    for (const SqlRow &row : db.query(QStringLiteral(
             "SELECT fp.finding_id, fp.photo_id FROM finding_photos fp "
             "JOIN photos p ON p.id = fp.photo_id ORDER BY fp.finding_id, fp.photo_id")))
        photos[row.value(0).toString()].append(row.value(1).toString());
    QJsonArray findings;
    for (const SqlRow &row : db.query(QStringLiteral(
             "SELECT id, unit_code, site_code, indicator_code, kind, description, "
             "suggestion, account, recorded_at FROM findings ORDER BY recorded_at, id"))) {
        const QString id = row.value(0).toString();
        findings.append(QJsonObject{{QStringLiteral("id"), id},
                                    {QStringLiteral("unit"), row.value(1).toString()},
                                    {QStringLiteral("site"), textOrNull(row.value(2))},
                                    {QStringLiteral("indicator"), textOrNull(row.value(3))},
                                    {QStringLiteral("kind"), row.value(4).toString()},
                                    {QStringLiteral("description"), row.value(5).toString()},
                                    {QStringLiteral("suggestion"), row.value(6).toString()},
                                    {QStringLiteral("account"), row.value(7).toString()},
                                    {QStringLiteral("recorded_at"), row.value(8).toString()},
                                    {QStringLiteral("photos"), photos.value(id)}});
    }
    QJsonArray highlights;
    for (const SqlRow &row :
         db.query(QStringLiteral("SELECT id, unit_code, site_code, title, description, account, "
                                 "recorded_at FROM highlights ORDER BY recorded_at, id"))) {
        highlights.append(QJsonObject{{QStringLiteral("id"), row.value(0).toString()},
                                      {QStringLiteral("unit"), row.value(1).toString()},
                                      {QStringLiteral("site"), textOrNull(row.value(2))},
                                      {QStringLiteral("title"), row.value(3).toString()},
                                      {QStringLiteral("description"), row.value(4).toString()},
                                      {QStringLiteral("account"), row.value(5).toString()},
                                      {QStringLiteral("recorded_at"), row.value(6).toString()}});
    }
    return {{QStringLiteral("findings"), findings}, {QStringLiteral("highlights"), highlights}};
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// The records of a version published before records were frozen with versions, as HQ had
// received them by `publishedAt` (see records()). Every write of a finding or highlight
// enters the change feed with the record as it travelled, so the feed tells what was there.
QJsonObject recordsAsReceived(SqlConnection &db, const QDateTime &publishedAt)
{
    QSet<QString> held;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT id FROM photos")))
        held.insert(row.value(0).toString());
    QSet<QString> carried;              // "entity id" of every record the feed ever carried
    QHash<QString, QJsonObject> asThen; // its state by the publication (empty: deleted)
    QStringList order;
    for (const SqlRow &row : db.query(QStringLiteral(
             "SELECT entity, entity_id, op, data, changed_at FROM hq_changes WHERE entity IN (?, ?) ORDER BY seq"),
         {QStringLiteral("finding"), QStringLiteral("highlight")})) {
        const QString key = row.value(0).toString() + QLatin1Char(' ') + row.value(1).toString();
        carried.insert(key);
        if (QDateTime::fromString(row.value(4).toString(), Qt::ISODateWithMs) > publishedAt)
            continue;
        QJsonObject record;
        if (row.value(2).toString() != QLatin1String("delete")) {
            record = QJsonDocument::fromJson(row.value(3).toString().toUtf8()).object();
            record.insert(QStringLiteral("id"), row.value(1).toString());
            QJsonArray photos;
            for (const QJsonValue &photo : record.value(QStringLiteral("photos")).toArray()) {
                if (held.contains(photo.toString()))
                    photos.append(photo);
            }
            if (record.contains(QStringLiteral("photos")))
                record.insert(QStringLiteral("photos"), photos);
        }
        if (!asThen.contains(key))
            order << key;
        asThen.insert(key, record);
    }
    const QJsonObject stored = currentRecords(db);
    QJsonObject out;
    for (const QString entity : {QStringLiteral("finding"), QStringLiteral("highlight")}) {
        const QString listKey = entity + QLatin1Char('s');
        QJsonArray list;
        for (const QJsonValue &value : stored.value(listKey).toArray()) {
            const QJsonObject record = value.toObject();
            const QString key = entity + QLatin1Char(' ') + record.value(QStringLiteral("id")).toString();
            if (!carried.contains(key) && timeOf(record.value(QStringLiteral("recorded_at"))) <= publishedAt)
                list.append(record);
        }
        for (const QString &key : order) {
            const QJsonObject record = asThen.value(key);
            if (key.startsWith(entity + QLatin1Char(' ')) && !record.isEmpty())
                list.append(record);
        }
        out.insert(listKey, list);
    }
    return out;
}

std::optional<QJsonObject> storedSnapshot(SqlConnection &db, int version)
{
    const auto rows = db.query(
        QStringLiteral("SELECT snapshot FROM hq_result_versions WHERE version = ?"), {version});
    if (rows.empty())
        return std::nullopt;
    return QJsonDocument::fromJson(rows.front().value(0).toString().toUtf8()).object();
}

ResultVersionInfo infoFrom(const SqlRow &row)
{
    return {row.value(0).toInt(), QDateTime::fromString(row.value(1).toString(), Qt::ISODateWithMs),
            row.value(2).toString(), row.value(3).toString()};
}

} // namespace

int ResultVersions::publish(const QString &note, const QString &account, const QDateTime &now,
                            const std::function<QJsonObject()> &snapshot)
{
    auto setup = CampaignStore(m_db).loadSetup();
    if (!setup)
        throw std::runtime_error("还没有导入考评活动，无法发布结果");
    setup->indexUnits();
    // Two publishers at once may pick the same number; the primary key refuses the
    // second, which then takes the next one.
    for (int attempt = 0;; ++attempt) {
        try {
            SqlTransaction transaction(m_db);
            QJsonObject document = snapshot ? snapshot() : currentResultsJson(m_db, *setup);
            document.insert(kRecordsKey, currentRecords(m_db));
            const auto rows = m_db.query(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM hq_result_versions"));
            const int version = rows.front().value(0).toInt() + 1;
            m_db.execute(QStringLiteral("INSERT INTO hq_result_versions (version, published_at, account, note, snapshot) "
                                        "VALUES (?, ?, ?, ?, ?)"),
                         {version, now.toUTC().toString(Qt::ISODateWithMs), account, note,
                          QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact))});
            transaction.commit();
            return version;
        } catch (const SqlError &) {
            if (attempt >= 2)
                throw;
        }
    }
}

std::vector<ResultVersionInfo> ResultVersions::list()
{
    std::vector<ResultVersionInfo> versions;
    for (const SqlRow &row : m_db.query(QStringLiteral(
             "SELECT version, published_at, account, note FROM hq_result_versions ORDER BY version")))
        versions.push_back(infoFrom(row));
    return versions;
}

std::optional<ResultVersionInfo> ResultVersions::info(int version)
{
    const auto rows = m_db.query(
        QStringLiteral("SELECT version, published_at, account, note FROM hq_result_versions WHERE version = ?"), {version});
    if (rows.empty())
        return std::nullopt;
    return infoFrom(rows.front());
}

std::optional<QJsonObject> ResultVersions::load(int version)
{
    auto document = storedSnapshot(m_db, version);
    if (document)
        document->remove(kRecordsKey);
    return document;
}

std::optional<ResultVersions::Records> ResultVersions::records(int version)
{
    const auto document = storedSnapshot(m_db, version);
    if (!document)
        return std::nullopt;
    if (document->value(kRecordsKey).isObject())
        return Records{document->value(kRecordsKey).toObject(), true};
    const auto published = info(version);
    if (!published)
        return std::nullopt;
    return Records{recordsAsReceived(m_db, published->publishedAt), false};
}

} // namespace onsite::hq
