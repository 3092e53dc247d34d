#include "desktopphotosource.h"

#include "imagefiles.h"

#include <QTimer>

namespace onsite::platform {

void DesktopPhotoSource::capture()
{
    // Queued: PhotoSource promises answers on the event loop, never re-entrantly.
    QTimer::singleShot(0, this,
                       [this] { Q_EMIT failed(tr("此设备没有相机，请从文件中选择照片")); });
}

void DesktopPhotoSource::pickFile(const QString &path)
{
    QString error;
    const QString file = checkPhotoFile(path, &error);
    if (!file.isEmpty())
        return deliverPicked(file);
    QTimer::singleShot(0, this, [this, error] { Q_EMIT failed(error); });
}

} // namespace onsite::platform
