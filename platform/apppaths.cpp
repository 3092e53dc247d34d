#include "apppaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace onsite::platform {

AppPaths::AppPaths(QString dataFolder) : m_dataFolder(QDir::cleanPath(dataFolder)) {}

AppPaths AppPaths::fromEnvironment()
{
    const QString configured = qEnvironmentVariable(kDataFolderVariable).trimmed();
    if (!configured.isEmpty())
        return AppPaths(QDir(configured).absolutePath());
    return AppPaths(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

QString AppPaths::photosFolder() const { return QDir(m_dataFolder).filePath(QStringLiteral("photos")); }

QString AppPaths::secretsFolder() const { return QDir(m_dataFolder).filePath(QStringLiteral("secrets")); }

bool AppPaths::ensureExist(QString *error) const
{
    // QDir::cleanPath("") is "", and mkpath("photos") would quietly create it in the
    // working directory: refuse instead.
    if (m_dataFolder.isEmpty()) {
        if (error)
            *error =
                QCoreApplication::translate("AppPaths", "无法确定应用数据目录（请设置环境变量 %1）")
                    .arg(QLatin1String(kDataFolderVariable));
        return false;
    }
    for (const QString &folder : {m_dataFolder, photosFolder()}) {
        if (!QDir().mkpath(folder)) {
            if (error)
                *error = QCoreApplication::translate("AppPaths", "无法创建目录 %1").arg(folder);
            return false;
        }
    }
    return true;
}

} // namespace onsite::platform
