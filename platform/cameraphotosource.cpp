#include "cameraphotosource.h"

#include <QDateTime>
#include <QDir>
#include <QTimer>

namespace onsite::platform {

namespace {

// A camera that never becomes ready (unplugged, held by another program) must not
// leave the inspector waiting for ever.
constexpr int kReadyTimeoutMs = 8000;

} // namespace

CameraPhotoSource::CameraPhotoSource(QString captureFolder, QObject *parent)
    : DesktopPhotoSource(parent), m_folder(std::move(captureFolder))
{
}

CameraPhotoSource::~CameraPhotoSource() = default;

bool CameraPhotoSource::startMultimedia() const
{
    if (m_devices)
        return true;
#if defined(Q_OS_LINUX) && !defined(Q_OS_ANDROID)
    // Video devices appear as /dev/video*: none means no camera, without asking Qt.
    if (QDir(QStringLiteral("/dev")).entryList({QStringLiteral("video*")}, QDir::System).isEmpty())
        return false;
#endif
    auto *self = const_cast<CameraPhotoSource *>(this);
    m_devices = std::make_unique<QMediaDevices>();
    connect(m_devices.get(), &QMediaDevices::videoInputsChanged, self, [self] {
        self->m_camera.reset();
        Q_EMIT self->hasCameraChanged(self->hasCamera());
    });
    self->m_session = std::make_unique<QMediaCaptureSession>();
    self->m_imageCapture = std::make_unique<QImageCapture>();
    self->m_session->setImageCapture(self->m_imageCapture.get());
    QImageCapture *capture = self->m_imageCapture.get();
    connect(capture, &QImageCapture::imageSaved, self,
            [self](int, const QString &fileName) { self->deliverCaptured(fileName, QDateTime::currentDateTimeUtc()); });
    connect(capture, &QImageCapture::errorOccurred, self,
            [self](int, QImageCapture::Error, const QString &text) {
                self->fail(tr("拍照失败：%1").arg(text));
            });
    connect(capture, &QImageCapture::readyForCaptureChanged, self, [self](bool ready) {
        if (ready && self->m_waitingForReady)
            self->captureWhenReady();
    });
    return true;
}

bool CameraPhotoSource::hasCamera() const { return startMultimedia() && !QMediaDevices::videoInputs().isEmpty(); }

void CameraPhotoSource::ensureCamera()
{
    if (m_camera)
        return;
    m_camera = std::make_unique<QCamera>(QMediaDevices::defaultVideoInput());
    connect(m_camera.get(), &QCamera::errorOccurred, this,
            [this](QCamera::Error, const QString &text) { fail(tr("相机出错：%1").arg(text)); });
    m_session->setCamera(m_camera.get());
}

void CameraPhotoSource::setPreview(QObject *videoOutput)
{
    if (!hasCamera())
        return;
    m_session->setVideoOutput(videoOutput);
    if (videoOutput) {
        ensureCamera();
        m_camera->start();
    } else if (m_camera && !m_waitingForReady) {
        m_camera->stop(); // the camera light goes off when the preview closes
    }
}

void CameraPhotoSource::capture()
{
    if (!hasCamera()) {
        DesktopPhotoSource::capture();
        return;
    }
    if (!QDir().mkpath(m_folder)) {
        QTimer::singleShot(0, this, [this] { fail(tr("无法创建照片文件夹 %1").arg(m_folder)); });
        return;
    }
    ensureCamera();
    m_camera->start();
    m_waitingForReady = true;
    if (m_imageCapture->isReadyForCapture()) {
        QTimer::singleShot(0, this, [this] { captureWhenReady(); });
    } else {
        QTimer::singleShot(kReadyTimeoutMs, this, [this] {
            if (m_waitingForReady)
                fail(tr("相机没有就绪，请重试或从文件中选择照片"));
        });
    }
}

void CameraPhotoSource::captureWhenReady()
{
    if (!m_waitingForReady)
        return;
    m_waitingForReady = false;
    const QString name = QStringLiteral("capture-%1.jpg")
                             .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
    m_imageCapture->setFileFormat(QImageCapture::JPEG);
    if (m_imageCapture->captureToFile(QDir(m_folder).filePath(name)) < 0)
        fail(tr("拍照失败：%1").arg(m_imageCapture->errorString()));
}

void CameraPhotoSource::fail(const QString &message)
{
    m_waitingForReady = false;
    Q_EMIT failed(message);
}

} // namespace onsite::platform
