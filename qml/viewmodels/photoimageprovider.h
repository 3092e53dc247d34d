#pragma once

#include <QQuickImageProvider>

namespace onsite::app {

// Shows the device's photos, which are stored encrypted: "image://photos/<sha256>"
// decrypts the file in memory (on QML's image thread) and never writes it out in clear.
class PhotoImageProvider : public QQuickImageProvider
{
public:
    static constexpr const char *kName = "photos";

    // `photosFolder`: the workspace's (DeviceStore::photosFolder). The folder is kept as
    // text, since images are read on QML's image thread, away from the workspace.
    explicit PhotoImageProvider(const QString &photosFolder);

    // "image://photos/<sha256>" for a photo of the open device store.
    static QString urlFor(const QString &sha256);
    // Adds the provider to `engine` (AppComposition).
    static void install(QQmlEngine &engine, const QString &photosFolder);

    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

private:
    const QString m_photosFolder;
};

} // namespace onsite::app
