#include "photosource.h"

#include "exifmetadata.h"
#include "positionsource.h"

#include <QTimer>

#include <memory>

namespace onsite::platform {

// Out of line so the vtable and moc output live in one translation unit.
PhotoSource::~PhotoSource() = default;

void PhotoSource::setPositionSource(PositionSource *position) { m_position = position; }

void PhotoSource::deliverCaptured(const QString &file, const QDateTime &takenAt)
{
    PhotoCapture capture{PhotoOrigin::Camera, takenAt.toUTC(), {}, std::nullopt};
    if (!m_position || !m_position->hasPositioning()) {
        QTimer::singleShot(0, this, [this, file, capture] { Q_EMIT photoReady(file, capture); });
        return;
    }
    // The first of: a fix, no fix, or the wait running out. `waiting` scopes both
    // connections, so whichever comes second finds nothing left to do.
    auto *waiting = new QObject(this);
    auto finish = [this, waiting, file, capture](const std::optional<Position> &fix) mutable {
        capture.position = fix;
        waiting->deleteLater();
        QObject::disconnect(waiting, nullptr, nullptr, nullptr);
        Q_EMIT photoReady(file, capture);
    };
    auto done = std::make_shared<bool>(false);
    connect(m_position, &PositionSource::fixReady, waiting,
            [finish, done](const std::optional<Position> &fix, const QString &) mutable {
                if (!std::exchange(*done, true))
                    finish(fix);
            });
    QTimer::singleShot(kFixWaitMs, waiting, [finish, done]() mutable {
        if (!std::exchange(*done, true))
            finish(std::nullopt);
    });
    m_position->requestFix();
}

void PhotoSource::deliverPicked(const QString &file)
{
    const PhotoCapture capture = pickedPhotoCapture(file);
    QTimer::singleShot(0, this, [this, file, capture] { Q_EMIT photoReady(file, capture); });
}

} // namespace onsite::platform
