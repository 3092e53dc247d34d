#include "client/photos/photouploads.h"

#include <QDateTime>

namespace onsite::sync {

namespace {

QString nowText() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

PhotoUpload fromRow(const SqlRow &r)
{
    return {r[0].toString(), r[1].toLongLong(), r[2].toString(), r[3].toLongLong(), r[4].toInt() != 0, r[5].toString()};
}

const QString kSelect =
    QStringLiteral("SELECT sha256, size_bytes, mime_type, received, complete, failure FROM photo_uploads ");

} // namespace

void PhotoUploads::add(const QString &sha256, qint64 sizeBytes, const QString &mimeType)
{
    m_db.execute(QStringLiteral("INSERT INTO photo_uploads (sha256, size_bytes, mime_type, updated_at) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
                 {sha256, sizeBytes, mimeType, nowText()});
}

std::optional<PhotoUpload> PhotoUploads::find(const QString &sha256) const
{
    const auto rows = m_db.query(kSelect + QStringLiteral("WHERE sha256 = ?"), {sha256});
    return rows.empty() ? std::nullopt : std::optional<PhotoUpload>(fromRow(rows.front()));
}

bool PhotoUploads::isComplete(const QString &sha256) const
{
    const auto upload = find(sha256);
    return upload && upload->complete;
}

std::vector<PhotoUpload> PhotoUploads::waiting() const
{
    std::vector<PhotoUpload> result;
    for (const SqlRow &r : m_db.query(kSelect + QStringLiteral("WHERE complete = 0 AND failure = '' ORDER BY updated_at, sha256")))
        result.push_back(fromRow(r));
    return result;
}

int PhotoUploads::waitingCount() const
{
    return m_db.query(QStringLiteral("SELECT COUNT(*) FROM photo_uploads WHERE complete = 0 AND failure = ''"))
        .front()
        .value(0)
        .toInt();
}

void PhotoUploads::setReceived(const QString &sha256, qint64 received)
{
    m_db.execute(QStringLiteral("UPDATE photo_uploads SET received = ?, updated_at = ? WHERE sha256 = ?"),
                 {received, nowText(), sha256});
}

void PhotoUploads::setComplete(const QString &sha256)
{
    m_db.execute(QStringLiteral("UPDATE photo_uploads SET received = size_bytes, complete = 1, failure = '', "
                                "updated_at = ? WHERE sha256 = ?"),
                 {nowText(), sha256});
}

void PhotoUploads::setFailure(const QString &sha256, const QString &message)
{
    m_db.execute(QStringLiteral("UPDATE photo_uploads SET failure = ?, updated_at = ? WHERE sha256 = ?"),
                 {message, nowText(), sha256});
}

QStringList PhotoUploads::removeUnreferenced()
{
    QStringList gone;
    for (const SqlRow &r : m_db.query(QStringLiteral("SELECT sha256 FROM photo_uploads WHERE sha256 NOT IN "
                                                     "(SELECT sha256 FROM photos)")))
        gone << r[0].toString();
    for (const QString &sha : gone)
        m_db.execute(QStringLiteral("DELETE FROM photo_uploads WHERE sha256 = ?"), {sha});
    return gone;
}

} // namespace onsite::sync
