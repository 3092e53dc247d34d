#include "photoimageprovider.h"

#include "client/photos/photofiles.h"

#include <QImage>
#include <QQmlEngine>
#include <QRegularExpression>

namespace onsite::app {

PhotoImageProvider::PhotoImageProvider(const QString &photosFolder)
    : QQuickImageProvider(QQuickImageProvider::Image, QQmlImageProviderBase::ForceAsynchronousImageLoading),
      m_photosFolder(photosFolder)
{
}

QString PhotoImageProvider::urlFor(const QString &sha256)
{
    return QStringLiteral("image://%1/%2").arg(QLatin1String(kName), sha256);
}

void PhotoImageProvider::install(QQmlEngine &engine, const QString &photosFolder)
{
    engine.addImageProvider(QLatin1String(kName), new PhotoImageProvider(photosFolder));
}

QImage PhotoImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    static const QRegularExpression kSha(QStringLiteral("\\A[0-9a-f]{64}\\z"));
    if (m_photosFolder.isEmpty() || !kSha.match(id).hasMatch())
        return {};
    QString error;
    const QByteArray bytes = sync::PhotoFiles(m_photosFolder).read(id, &error);
    if (bytes.isEmpty()) {
        qWarning().noquote() << "photo" << id << "cannot be shown:" << error;
        return {};
    }
    QImage image = QImage::fromData(bytes);
    if (size)
        *size = image.size();
    if (!image.isNull() && requestedSize.isValid() && !requestedSize.isEmpty())
        image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

} // namespace onsite::app
