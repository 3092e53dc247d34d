#pragma once

#include "hq/photostore.h"
#include "http/httpmessage.h"
#include "policy/consoleaccess.h"
#include "store/sqlconnection.h"

#include <QString>

namespace onsite::console {

// GET /api/v1/hq/photos/{sha256}[?size=thumb]: a photo of a unit the caller may see.
// Photos are addressed by content, so browsers may keep them for good (ETag on the
// hash). Thumbnails (JPEG, at most 320 px wide) are made once and kept beside the
// photos under thumbs/.
class PhotoEndpoint
{
public:
    static constexpr int kThumbWidth = 320;

    explicit PhotoEndpoint(QString dataFolder);

    http::Response serve(SqlConnection &db, const ConsoleAccess &access, const http::Request &request,
                         const QString &sha256);
    // The same answer for content whose visibility the caller decided (follow-up files).
    http::Response serveContent(const http::Request &request, const QString &sha256, bool visible);

private:
    std::optional<QByteArray> thumbnail(const QString &sha256, const QByteArray &original);

    QString m_dataFolder;
    hq::PhotoStore m_photos;
};

} // namespace onsite::console
