#include "imagefiles.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace onsite::platform {

QString photoMimeType(const QByteArray &head)
{
    if (head.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("image/jpeg");
    if (head.startsWith("\x89PNG\r\n\x1A\n"))
        return QStringLiteral("image/png");
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    // HEIF is an ISO base media file: a "ftyp" box whose major brand names the kind.
    // iPhones and many Android cameras save HEIC by default.
    if (head.size() >= 12 && head.mid(4, 4) == "ftyp") {
        const QByteArray brand = head.mid(8, 4);
        for (const char *heic : {"heic", "heix", "hevc", "hevx", "heim", "heis"}) {
            if (brand == heic)
                return QStringLiteral("image/heic");
        }
        if (brand == "mif1" || brand == "msf1")
            return QStringLiteral("image/heif");
    }
    return {};
}

QString checkPhotoFile(const QString &path, QString *error)
{
    QString local = path.trimmed();
    if (local.startsWith(QLatin1String("file:")))
        local = QUrl(local).toLocalFile();
    if (local.isEmpty()) {
        *error = QStringLiteral("没有选择照片文件");
        return {};
    }
    const QFileInfo info(local);
    if (!info.exists()) {
        *error = QStringLiteral("找不到照片文件：%1").arg(local);
        return {};
    }
    if (!info.isFile()) {
        *error = QStringLiteral("%1 不是文件，请选择一张照片").arg(local);
        return {};
    }
    QFile file(local);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("无法读取照片文件 %1：%2").arg(local, file.errorString());
        return {};
    }
    if (photoMimeType(file.read(16)).isEmpty()) {
        *error = QStringLiteral("%1 不是照片（只支持 JPEG、PNG、WebP、HEIF 格式）").arg(info.fileName());
        return {};
    }
    return info.absoluteFilePath();
}

} // namespace onsite::platform
