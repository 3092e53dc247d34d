#pragma once

#include <QObject>
#include <QString>

namespace onsite::platform {

// Gets a photo onto the device as a local file: from the camera or picked from
// storage. What happens to the file next (hashing, copying into the photo store,
// upload) is the sync layer's business, not this one's.
//
// Each capture() or pickFile() is answered by exactly one photoReady() or failed(),
// on the event loop, never from inside the call.
class PhotoSource : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool hasCamera READ hasCamera NOTIFY hasCameraChanged)

public:
    using QObject::QObject;
    ~PhotoSource() override;

    // Capability flag: whether capture() can work at all, so the UI can hide the
    // camera button rather than offer one that always fails.
    virtual bool hasCamera() const = 0;

    Q_INVOKABLE virtual void capture() = 0;
    // Shows the camera's live picture in `videoOutput` (a QML VideoOutput) and keeps
    // the camera running; nullptr stops it. Sources without a camera ignore it.
    Q_INVOKABLE virtual void setPreview(QObject *videoOutput) { Q_UNUSED(videoOutput); }
    // `path` is a local path or a "file:" URL.
    Q_INVOKABLE virtual void pickFile(const QString &path) = 0;

Q_SIGNALS:
    void photoReady(const QString &localFile);
    void failed(const QString &message); // translated, for the inspector
    void hasCameraChanged(bool hasCamera);
};

} // namespace onsite::platform
