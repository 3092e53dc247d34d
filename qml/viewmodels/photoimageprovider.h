#pragma once

#include <QQuickImageProvider>

namespace onsite::app {

// Shows the device's photos, which are stored encrypted: "image://photos/<sha256>"
// decrypts the file in memory (on QML's image thread) and never writes it out in clear.
class PhotoImageProvider : public QQuickImageProvider
{
public:
    static constexpr const char *kName = "photos";

    PhotoImageProvider();

    // "image://photos/<sha256>" for a photo of the open device store.
    static QString urlFor(const QString &sha256);
    // Adds the provider to `engine` (main() and the app tests).
    static void install(QQmlEngine &engine);

    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;
};

} // namespace onsite::app
