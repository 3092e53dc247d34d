#pragma once

#include "domain/fieldwork.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace onsite::platform {

// What a picture file says about itself (EXIF): when it was taken (DateTimeOriginal,
// with OffsetTimeOriginal when present, else the device's time zone) and where (GPS).
struct ExifMetadata
{
    QDateTime originalAt; // invalid when absent or unreadable
    std::optional<onsite::Position> position;
};

// Empty metadata for a file without EXIF (or when built without libexif).
ExifMetadata readExifMetadata(const QString &path);

// A picked file as evidence: origin Picked, its EXIF time and position (never the
// device's position now: the picture may have been taken anywhere).
onsite::PhotoCapture pickedPhotoCapture(const QString &path);

} // namespace onsite::platform
