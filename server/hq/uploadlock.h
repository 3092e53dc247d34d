#pragma once

#include <QString>

#include <QtGlobal>

namespace onsite::hq {

// One upload's part file, open for appending and locked against every other writer of
// the same upload: other threads and other serve processes sharing the data folder
// (flock locks an open file, so two opens in one process exclude each other too).
// Uploads of different photos or accounts never wait for each other.
class UploadLock
{
public:
    // Opens (creating if needed) and locks `path`, waiting for another holder. A file
    // renamed or removed while this waited is not the upload's any more: it opens again.
    explicit UploadLock(const QString &path);
    ~UploadLock();
    UploadLock(const UploadLock &) = delete;
    UploadLock &operator=(const UploadLock &) = delete;

    qint64 size() const;
    // Writes all of `bytes` at the end; throws when the disk refuses.
    void append(const QByteArray &bytes);
    // Removes the part file while still holding it (a waiter then opens a new one).
    void remove();
    // Removes the part file when nothing was ever written to it (an open made it).
    void removeIfEmpty();
    const QString &path() const { return m_path; }

private:
    QString m_path;
    int m_fd = -1;
};

} // namespace onsite::hq
