#pragma once

#include "domain/phototype.h"

#include <QByteArray>
#include <QString>

namespace onsite::platform {

// The same signature check as the device store and HQ (core): a renamed text file
// must not become "a photo" that fails later at upload time, far from the person.
using onsite::photoMimeType;

// Checks that `path` is a readable photo file. Returns its absolute path, or an empty
// string with a translated message in `error` (missing, a folder, unreadable, not a photo).
// Accepts "file:" URLs too, which is what QML file dialogs hand out.
QString checkPhotoFile(const QString &path, QString *error);

} // namespace onsite::platform
