#include "aboutmodel.h"

#include "client/fieldworkspace.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QLocale>

namespace onsite::app {

namespace {

struct FolderSize
{
    qint64 bytes = 0;
    int files = 0;
};

FolderSize folderSize(const QString &folder)
{
    FolderSize size;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        size.bytes += it.fileInfo().size();
        ++size.files;
    }
    return size;
}

} // namespace

sync::FieldWorkspace *AboutModel::workspace() const { return m_workspace; }

void AboutModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (workspace == m_workspace)
        return;
    m_workspace = workspace;
    reload();
}

QString AboutModel::version() { return QStringLiteral(ONSITE_VERSION); }

QString AboutModel::sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 字节").arg(bytes);
    static const char *units[] = {"KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = -1;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(QString::number(value, 'f', 1), QLatin1String(units[unit]));
}

void AboutModel::reload()
{
    m_details.clear();
    m_error.clear();
    if (!m_workspace) {
        m_error = tr("本机数据未打开");
        Q_EMIT changed();
        return;
    }
    try {
        const sync::DeviceStore &store = m_workspace->store();
        const QString database = store.databasePath();
        qint64 databaseBytes = 0;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            databaseBytes += QFileInfo(database + suffix).size();
        const FolderSize photos = folderSize(store.photosFolder());
        const FolderSize all = folderSize(store.folder());
        m_details = {tr("版本"), version(),
                     tr("设备编号"), m_workspace->deviceId(),
                     tr("本机数据合计"), sizeText(all.bytes),
                     tr("数据库"), sizeText(databaseBytes),
                     tr("照片"), tr("%1 张，%2").arg(photos.files).arg(sizeText(photos.bytes)),
                     tr("数据文件夹"), store.folder()};
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
    }
    Q_EMIT changed();
}

} // namespace onsite::app
