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
    QTimer::singleShot(0, this, [this, file, error] {
        if (file.isEmpty())
            Q_EMIT failed(error);
        else
            Q_EMIT photoReady(file);
    });
}

} // namespace onsite::platform
