#pragma once

#include "desktopphotosource.h"

#include <QCamera>
#include <QImageCapture>
#include <QMediaCaptureSession>
#include <QMediaDevices>

#include <memory>

namespace onsite::platform {

// The device's camera through Qt Multimedia (a tablet's built-in camera, a webcam on
// a laptop), falling back to picking files when there is none. A capture is saved as
// a JPEG in `captureFolder`; the sync layer then imports it under its hash.
class CameraPhotoSource : public DesktopPhotoSource
{
    Q_OBJECT

public:
    explicit CameraPhotoSource(QString captureFolder, QObject *parent = nullptr);
    ~CameraPhotoSource() override;

    bool hasCamera() const override;
    void capture() override;
    void setPreview(QObject *videoOutput) override;

private:
    // Starts Qt Multimedia on first use only: it also opens the audio system, which a
    // headless machine without a camera has no business waking up.
    bool startMultimedia() const;
    void ensureCamera();
    void captureWhenReady();
    void fail(const QString &message);

    QString m_folder;
    mutable std::unique_ptr<QMediaDevices> m_devices;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QCamera> m_camera;
    std::unique_ptr<QImageCapture> m_imageCapture;
    bool m_waitingForReady = false;
};

} // namespace onsite::platform
