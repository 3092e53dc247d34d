#include "resultversions.h"

#include "resultsjson.h"
#include "store/campaignstore.h"

#include <QJsonDocument>

#include <stdexcept>

namespace onsite::hq {

namespace {

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
            const QJsonObject document = snapshot ? snapshot() : currentResultsJson(m_db, *setup);
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
    const auto rows =
        m_db.query(QStringLiteral("SELECT snapshot FROM hq_result_versions WHERE version = ?"), {version});
    if (rows.empty())
        return std::nullopt;
    return QJsonDocument::fromJson(rows.front().value(0).toString().toUtf8()).object();
}

} // namespace onsite::hq
