#include "resultversions.h"

#include "resultsjson.h"
#include "protocol/protocol.h"
#include "protocol/records.h"
#include "store/campaignstore.h"
#include "store/fieldrecordrows.h"

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

// A record as the wire carries it (protocol/records.h), its id beside: the form the change
// feed keeps too, so frozen and rebuilt records are read through one mapping.
QJsonObject withId(QJsonObject data, const QString &id)
{
    data.insert(QStringLiteral("id"), id);
    return data;
}

// The findings and highlights as they are now, to freeze with a version.
QJsonObject currentRecords(SqlConnection &db)
{
    const FieldRecordRows rows(db);
    QJsonArray findings, highlights;
    for (const Finding &finding : rows.findings())
        findings.append(withId(protocol::findingToJson(finding), finding.id));
    for (const Highlight &highlight : rows.highlights())
        highlights.append(withId(protocol::highlightToJson(highlight), highlight.id));
    return {{QStringLiteral("findings"), findings}, {QStringLiteral("highlights"), highlights}};
}

template <typename Record>
using FromJson = std::optional<Record> (*)(const QString &, const QJsonObject &, QString *);

template <typename Record> std::vector<Record> readFrozen(const QJsonArray &list, FromJson<Record> fromJson)
{
    std::vector<Record> records;
    for (const QJsonValue &value : list) {
        const QJsonObject object = value.toObject();
        QString error;
        if (auto record = fromJson(object.value(QStringLiteral("id")).toString(), object, &error))
            records.push_back(std::move(*record));
    }
    return records;
}

// One entity's records as HQ had received them by a publication: the feed's changes in
// order, then the stored records the feed never carried (written around it), if recorded
// by then.
template <typename Record> class RecordsAsOf
{
public:
    void change(const QString &id, bool beforePublication, std::optional<Record> record)
    {
        m_carried.insert(id);
        if (!beforePublication)
            return;
        if (!m_state.contains(id))
            m_order << id;
        m_state.insert(id, std::move(record));
    }

    std::vector<Record> records(const std::vector<Record> &stored, const QDateTime &publishedAt) const
    {
        std::vector<Record> records;
        for (const Record &record : stored) {
            if (!m_carried.contains(record.id) && record.recordedAt <= publishedAt)
                records.push_back(record);
        }
        for (const QString &id : m_order) {
            if (const std::optional<Record> record = m_state.value(id))
                records.push_back(*record);
        }
        return records;
    }

private:
    QSet<QString> m_carried;
    QHash<QString, std::optional<Record>> m_state; // nothing: deleted by then
    QStringList m_order;
};

// A version published before records were frozen with versions: its records as HQ had
// received them by `publishedAt` (see records()).
ResultVersions::Records recordsAsReceived(SqlConnection &db, const QDateTime &publishedAt)
{
    QSet<QString> held;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT id FROM photos")))
        held.insert(row.value(0).toString());
    RecordsAsOf<Finding> findings;
    RecordsAsOf<Highlight> highlights;
    for (const SqlRow &row : db.query(QStringLiteral("SELECT entity, entity_id, op, data, changed_at FROM "
                                                     "hq_changes WHERE entity IN (?, ?) ORDER BY seq"),
                                      {protocol::entity::kFinding, protocol::entity::kHighlight})) {
        const QString id = row.value(1).toString();
        const bool before =
            QDateTime::fromString(row.value(4).toString(), Qt::ISODateWithMs) <= publishedAt;
        const bool deleted = row.value(2).toString() == protocol::op::kDelete;
        const QJsonObject data = QJsonDocument::fromJson(row.value(3).toString().toUtf8()).object();
        QString error;
        if (row.value(0).toString() == protocol::entity::kFinding) {
            std::optional<Finding> finding = deleted ? std::nullopt : protocol::findingFromJson(id, data, &error);
            if (finding)
                finding->photoIds.removeIf([&](const QString &photo) { return !held.contains(photo); });
            findings.change(id, before, std::move(finding));
        } else {
            highlights.change(id, before, deleted ? std::nullopt : protocol::highlightFromJson(id, data, &error));
        }
    }
    const FieldRecordRows stored(db);
    return {findings.records(stored.findings(), publishedAt),
            highlights.records(stored.highlights(), publishedAt), false};
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
    if (const QJsonObject frozen = document->value(kRecordsKey).toObject(); !frozen.isEmpty())
        return Records{readFrozen<Finding>(frozen.value(QStringLiteral("findings")).toArray(),
                                           &protocol::findingFromJson),
                       readFrozen<Highlight>(frozen.value(QStringLiteral("highlights")).toArray(),
                                             &protocol::highlightFromJson),
                       true};
    const auto published = info(version);
    if (!published)
        return std::nullopt;
    return recordsAsReceived(m_db, published->publishedAt);
}

} // namespace onsite::hq
