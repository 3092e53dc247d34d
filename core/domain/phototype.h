#pragma once

#include <QByteArray>
#include <QString>

namespace onsite {

// The image type of a photo from its first bytes (16 are enough): "image/jpeg",
// "image/png", "image/webp", "image/heic", "image/heif", or "" for anything else.
// The signature decides, never the file name; device and HQ share this one check
// so a photo the tablet accepts is never refused at HQ.
QString photoMimeType(const QByteArray &head);

} // namespace onsite
