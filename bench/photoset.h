#pragma once

#include <QString>

#include <vector>

namespace onsite::bench {

struct PhotoFile
{
    QString path;
    QString sha256;
    qint64 size = 0;
};

// The photos both uploaders send: `count` distinct files of `size` bytes under
// `folder`, each a JPEG signature (what HQ checks, docs/ARCHITECTURE.md §Photos) followed
// by pseudo-random bytes from a seed per file, so they do not compress and every run
// sends the same bytes. A folder already holding the same set (its manifest) is reused.
// Throws std::runtime_error when a file cannot be written.
std::vector<PhotoFile> makePhotoSet(const QString &folder, int count, qint64 size);

qint64 totalBytes(const std::vector<PhotoFile> &photos);

} // namespace onsite::bench
