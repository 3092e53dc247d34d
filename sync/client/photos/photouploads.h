#pragma once

#include "store/sqlconnection.h"

#include <QString>

#include <optional>
#include <vector>

namespace onsite::sync {

struct PhotoUpload
{
    QString sha256;
    qint64 sizeBytes = 0;
    QString mimeType;
    qint64 received = 0; // bytes the server had at the last answer
    bool complete = false;
    QString failure; // set when the server refused the content for good
};

// How far each photo's content got to the server (`photo_uploads`), one row per
// content hash. A photo record is pushed only once its content is complete there.
class PhotoUploads
{
public:
    explicit PhotoUploads(SqlConnection &db) : m_db(db) {}

    void add(const QString &sha256, qint64 sizeBytes, const QString &mimeType);
    std::optional<PhotoUpload> find(const QString &sha256) const;
    bool isComplete(const QString &sha256) const;
    std::vector<PhotoUpload> waiting() const; // neither complete nor refused
    int waitingCount() const;

    void setReceived(const QString &sha256, qint64 received);
    void setComplete(const QString &sha256);
    void setFailure(const QString &sha256, const QString &message);

    // Drops rows no photo record refers to any more; returns their hashes so the
    // caller can delete the files.
    QStringList removeUnreferenced();

private:
    SqlConnection &m_db;
};

} // namespace onsite::sync
