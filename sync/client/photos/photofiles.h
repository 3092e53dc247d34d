#pragma once

#include <QByteArray>
#include <QString>

namespace onsite::sync {

struct StoredPhoto
{
    QString sha256; // lowercase hex
    qint64 sizeBytes = 0;
    QString mimeType;
    QString path; // inside the photos folder
};

// The device's content-addressed photo folder: each photo lives once under
// photos/<sha256>, whatever it was called and however often it is used.
class PhotoFiles
{
public:
    explicit PhotoFiles(QString folder) : m_folder(std::move(folder)) {}

    // Copies `source` in, hashing it on the way. Throws FieldError when the file cannot
    // be read or is not a JPEG, PNG, WebP or HEIF photo (what the server accepts).
    StoredPhoto import(const QString &source) const;
    QString pathFor(const QString &sha256) const;
    void remove(const QString &sha256) const;

    // MIME type from the file's first bytes; empty when it is not a photo we send.
    static QString detectMimeType(const QByteArray &head);

private:
    QString m_folder;
};

} // namespace onsite::sync
