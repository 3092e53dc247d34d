#pragma once

#include "http/httpmessage.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace onsite::console {

// Serves the built web console (Vite output: index.html and hashed files under
// assets/) from a folder. Hashed assets are cached for a year, index.html revalidated
// on every load (ETag); text is gzipped when the browser accepts it; every answer
// carries a strict Content-Security-Policy. A path without a file extension that is
// not a file is the console's own route, answered with index.html. Nothing outside
// the folder is ever read. Without a built console, answers 503 saying how to build it.
class StaticSite
{
public:
    explicit StaticSite(QString webRoot);

    const QString &root() const { return m_root; }
    bool hasBundle() const;
    http::Response serve(const http::Request &request);

    static QByteArray mimeTypeFor(const QString &fileName);
    static void addSecurityHeaders(http::Response &response);

private:
    struct CachedFile
    {
        QDateTime modified;
        qint64 size = -1;
        QByteArray bytes;
        QByteArray gzipped; // empty when not worth compressing
        QByteArray etag;
    };

    // The file under the root that the path names, or empty when none may be served.
    QString resolve(const QString &path) const;
    // A copy made under the lock (its byte arrays are shared, not copied): once the lock
    // is released another worker may add a file, and a growing QHash moves its entries,
    // so a pointer into m_cache would read emptied or freed memory.
    std::optional<CachedFile> load(const QString &filePath);
    http::Response missingBundle() const;

    QString m_root;
    QString m_canonicalRoot;
    std::mutex m_mutex;
    QHash<QString, CachedFile> m_cache;
};

} // namespace onsite::console
