#include "imagefiles.h"

#include "domain/phototype.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace onsite::platform {


QString checkPhotoFile(const QString &path, QString *error)
{
    QString local = path.trimmed();
    if (local.startsWith(QLatin1String("file:")))
        local = QUrl(local).toLocalFile();
    if (local.isEmpty()) {
        *error = QCoreApplication::translate("ImageFiles", "没有选择照片文件");
        return {};
    }
    const QFileInfo info(local);
    if (!info.exists()) {
        *error = QCoreApplication::translate("ImageFiles", "找不到照片文件：%1").arg(local);
        return {};
    }
    if (!info.isFile()) {
        *error =
            QCoreApplication::translate("ImageFiles", "%1 不是文件，请选择一张照片").arg(local);
        return {};
    }
    QFile file(local);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("ImageFiles", "无法读取照片文件 %1：%2")
                     .arg(local, file.errorString());
        return {};
    }
    if (photoMimeType(file.read(16)).isEmpty()) {
        *error = QCoreApplication::translate("ImageFiles",
                                             "%1 不是照片（只支持 JPEG、PNG、WebP、HEIF 格式）")
                     .arg(info.fileName());
        return {};
    }
    return info.absoluteFilePath();
}

} // namespace onsite::platform
