#pragma once

#include "photosource.h"

#include <chrono>

namespace onsite::platform {

// A camera that always works (unless told to fail): capture() writes a tiny but
// real JPEG into `folder`. Each one differs (a JPEG comment carries a counter and a
// UUID), because photos are content-addressed and identical bytes would be one photo.
class FakePhotoSource : public PhotoSource
{
    Q_OBJECT

public:
    explicit FakePhotoSource(QString folder, QObject *parent = nullptr);

    bool hasCamera() const override { return m_hasCamera; }
    void capture() override;
    // Checks the file like the desktop does, so tests see the real rules.
    void pickFile(const QString &path) override;

    void setHasCamera(bool hasCamera);
    // While set, every capture() and pickFile() fails with this message.
    void setFailure(const QString &message) { m_failure = message; }
    void setDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    int captureCount() const { return m_captureCount; }

    // A valid 8×8 grey baseline JPEG; `comment` (ASCII, < 64 KiB) goes into a COM segment.
    static QByteArray tinyJpeg(const QByteArray &comment = {});

private:
    void answer(const QString &file, const QString &error, PhotoOrigin origin = PhotoOrigin::Unknown);

    QString m_folder;
    bool m_hasCamera = true;
    QString m_failure;
    std::chrono::milliseconds m_delay{0};
    int m_captureCount = 0;
};

} // namespace onsite::platform
