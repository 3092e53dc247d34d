#include "hqdatafolder.h"

#include "hq/hqschema.h"
#include "hq/incarnation.h"
#include "hq/scorehistory.h"
#include "store/postgresconnection.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QFile>

namespace onsite {

QString HqDataFolder::defaultPath()
{
    const QString fromEnvironment = qEnvironmentVariable("ONSITE_HQ_DATA");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("onsite-hq"));
}

QString HqDataFolder::databasePath() const { return QDir(m_path).filePath(databaseFileName()); }

bool HqDataFolder::isInitialized() const
{
    // With PostgreSQL the folder still holds photos; a marker file says it was set up.
    return QFileInfo::exists(usesPostgres() ? QDir(m_path).filePath(QStringLiteral("postgres.marker")) : databasePath());
}

QString HqDataFolder::describeDatabase() const
{
    if (!usesPostgres())
        return databasePath();
    QUrl url(m_databaseUrl);
    url.setPassword({});
    return url.toString();
}

std::unique_ptr<SqlConnection> HqDataFolder::connect() const
{
    if (usesPostgres())
        return std::make_unique<PostgresConnection>(m_databaseUrl);
    auto connection = std::make_unique<SqliteConnection>(databasePath());
    // For the sync benchmark only (bench/sync_bench.cpp), which measures what FULL costs
    // against NORMAL in one run; HQ itself never sets it and stays FULL.
    if (qEnvironmentVariable("ONSITE_BENCH_HQ_SYNCHRONOUS") == QLatin1String("NORMAL"))
        connection->executeScript(QStringLiteral("PRAGMA synchronous = NORMAL;"));
    return connection;
}

bool HqDataFolder::initialize()
{
    if (isInitialized())
        return false;
    if (!QDir().mkpath(m_path))
        throw std::runtime_error(QStringLiteral("无法创建数据文件夹 %1").arg(m_path).toStdString());
    const auto connection = connect();
    hq::migrateHqDatabase(*connection);
    hq::Incarnation::ensure(*connection);
    if (usesPostgres()) {
        QFile marker(QDir(m_path).filePath(QStringLiteral("postgres.marker")));
        if (!marker.open(QIODevice::WriteOnly) || marker.write(describeDatabase().toUtf8() + '\n') < 0)
            throw std::runtime_error(QStringLiteral("无法写入 %1").arg(marker.fileName()).toStdString());
    }
    return true;
}

std::unique_ptr<SqlConnection> HqDataFolder::open() const
{
    if (!isInitialized()) {
        throw std::runtime_error(QStringLiteral("数据文件夹 %1 尚未初始化；请先运行：onsite-hq init --data %1")
                                     .arg(m_path)
                                     .toStdString());
    }
    auto connection = connect();
    hq::migrateHqDatabase(*connection);
    hq::Incarnation::ensure(*connection); // an upgraded database gets its first one here
    hq::sealLegacyHistory(*connection, m_path); // rows from before the history had a key
    return connection;
}

} // namespace onsite
