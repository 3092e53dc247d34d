#include "fieldwork.h"

namespace onsite {

std::optional<PhotoOrigin> photoOriginFromName(const QString &name)
{
    if (name.isEmpty())
        return PhotoOrigin::Unknown;
    if (name == QLatin1String("camera"))
        return PhotoOrigin::Camera;
    if (name == QLatin1String("picked"))
        return PhotoOrigin::Picked;
    return std::nullopt;
}

QString photoOriginName(PhotoOrigin origin)
{
    switch (origin) {
    case PhotoOrigin::Camera:
        return QStringLiteral("camera");
    case PhotoOrigin::Picked:
        return QStringLiteral("picked");
    case PhotoOrigin::Unknown:
        break;
    }
    return {};
}

bool pickedPhotoIsOld(const PhotoEvidence &photo, const QDateTime &reference)
{
    if (photo.origin != PhotoOrigin::Picked)
        return false;
    if (!photo.originalAt.isValid())
        return true; // no EXIF time: nothing vouches for when it was taken
    const QDateTime against = reference.isValid() ? reference : photo.capturedAt;
    return photo.originalAt.secsTo(against) > kPickedPhotoMaxAgeSeconds;
}

} // namespace onsite
