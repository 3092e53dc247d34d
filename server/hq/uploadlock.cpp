#include "uploadlock.h"

#include <QByteArray>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace onsite::hq {

UploadLock::UploadLock(const QString &path) : m_path(path)
{
    const QByteArray name = QFile::encodeName(path);
    for (;;) {
        m_fd = ::open(name.constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (m_fd < 0)
            throw std::runtime_error("cannot open upload " + path.toStdString());
        int locked;
        do
            locked = ::flock(m_fd, LOCK_EX);
        while (locked != 0 && errno == EINTR);
        if (locked != 0) {
            ::close(m_fd);
            throw std::runtime_error("cannot lock upload " + path.toStdString());
        }
        // The holder before may have filed the photo (renamed the part file) or dropped
        // it: then this lock is on a file nobody else will look at.
        struct stat opened {}, named {};
        if (::fstat(m_fd, &opened) == 0 && ::stat(name.constData(), &named) == 0 && opened.st_dev == named.st_dev &&
            opened.st_ino == named.st_ino)
            return;
        ::close(m_fd);
    }
}

UploadLock::~UploadLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

qint64 UploadLock::size() const
{
    struct stat info {};
    if (::fstat(m_fd, &info) != 0)
        throw std::runtime_error("cannot read upload " + m_path.toStdString());
    return info.st_size;
}

void UploadLock::append(const QByteArray &bytes)
{
    const qint64 before = size();
    const char *data = bytes.constData();
    qint64 left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(m_fd, data, static_cast<size_t>(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            // The size is the upload's position: a chunk is appended whole or not at all.
            [[maybe_unused]] const int ignored = ::ftruncate(m_fd, before);
            throw std::runtime_error("cannot write upload " + m_path.toStdString());
        }
        data += written;
        left -= written;
    }
}

void UploadLock::remove() { ::unlink(QFile::encodeName(m_path).constData()); }

void UploadLock::removeIfEmpty()
{
    if (size() == 0)
        remove();
}

} // namespace onsite::hq
