#include "hqdatafolder.h"

#include "store/migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

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

bool HqDataFolder::isInitialized() const { return QFileInfo::exists(databasePath()); }

bool HqDataFolder::initialize()
{
    if (isInitialized())
        return false;
    if (!QDir().mkpath(m_path))
        throw std::runtime_error(QStringLiteral("无法创建数据文件夹 %1").arg(m_path).toStdString());
    SqliteConnection connection(databasePath());
    migrateSchema(connection);
    return true;
}

std::unique_ptr<SqliteConnection> HqDataFolder::open() const
{
    if (!isInitialized()) {
        throw std::runtime_error(QStringLiteral("数据文件夹 %1 尚未初始化；请先运行：onsite-hq init --data %1")
                                     .arg(m_path)
                                     .toStdString());
    }
    auto connection = std::make_unique<SqliteConnection>(databasePath());
    migrateSchema(*connection);
    return connection;
}

} // namespace onsite
