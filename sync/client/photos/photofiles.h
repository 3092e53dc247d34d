#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <memory>

namespace onsite::sync {

struct StoredPhoto
{
    QString sha256; // lowercase hex
    qint64 sizeBytes = 0;
    QString mimeType;
    QString path; // inside the photos folder
};

// The device's content-addressed photo folder: each photo lives once under
// photos/<sha256> (the hash of its original bytes), whatever it was called and however
// often it is used, encrypted with the device key (EncryptedFile). The key is the one
// DeviceStore remembered for the folder while it is open.
class PhotoFiles
{
public:
    explicit PhotoFiles(QString folder);

    // Copies `source` in, hashing it on the way. Throws FieldError when the file cannot
    // be read or is not a JPEG, PNG, WebP or HEIF photo (what the server accepts).
    StoredPhoto import(const QString &source) const;
    QString pathFor(const QString &sha256) const;
    void remove(const QString &sha256) const;
    // The photo's original bytes (to show it); empty with `error` set when it is missing,
    // altered or the folder's key is unknown.
    QByteArray read(const QString &sha256, QString *error) const;
    // The original bytes as an open, seekable device (to upload it); null when it cannot
    // be opened. A later chunk that does not authenticate fails that read.
    std::unique_ptr<QIODevice> openForReading(const QString &sha256) const;

    // DeviceStore, while it is open: the key for `folder`'s photos.
    static void rememberKey(const QString &folder, const QByteArray &key);
    static void forgetKey(const QString &folder);

    // MIME type from the file's first bytes; empty when it is not a photo we send.
    static QString detectMimeType(const QByteArray &head);

private:
    QString m_folder;
    QByteArray m_key;
};

} // namespace onsite::sync
