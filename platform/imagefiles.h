#pragma once

#include <QByteArray>
#include <QString>

namespace onsite::platform {

// MIME type of a photo from its first bytes (at least 12): JPEG, PNG, WebP or HEIF,
// the formats HQ accepts. Empty for anything else. The signature, not the file
// name, decides: a renamed text file must not become "a photo" that fails later at
// upload time, far from the person who picked it.
QString photoMimeType(const QByteArray &head);

// Checks that `path` is a readable photo file. Returns its absolute path, or an empty
// string with a Chinese message in `error` (missing, a folder, unreadable, not a photo).
// Accepts "file:" URLs too, which is what QML file dialogs hand out.
QString checkPhotoFile(const QString &path, QString *error);

} // namespace onsite::platform
