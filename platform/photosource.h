#pragma once

#include "domain/fieldwork.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace onsite::platform {

class PositionSource;

// Gets a photo onto the device as a local file: from the camera or picked from
// storage. What happens to the file next (hashing, copying into the photo store,
// upload) is the sync layer's business, not this one's.
//
// Each capture() or pickFile() is answered by exactly one photoReady() or failed(),
// on the event loop, never from inside the call. photoReady() says where the photo came
// from: a camera photo carries the moment it was taken and the device's position then
// (when a PositionSource is set and answers within kFixWaitMs); a picked file carries
// its EXIF time and position and is marked as picked.
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

    // Where camera photos are taken; not owned. Without one they carry no position.
    void setPositionSource(PositionSource *position);

    static constexpr int kFixWaitMs = 10000;

Q_SIGNALS:
    void photoReady(const QString &localFile, const onsite::PhotoCapture &capture);
    void failed(const QString &message); // translated, for the inspector
    void hasCameraChanged(bool hasCamera);

protected:
    // Emit photoReady() for a photo the camera took at `takenAt`, with a fix if one comes.
    void deliverCaptured(const QString &file, const QDateTime &takenAt);
    // Emit photoReady() (queued) for a file picked from storage, with its EXIF metadata.
    void deliverPicked(const QString &file);

private:
    QPointer<PositionSource> m_position;
};

} // namespace onsite::platform
