#pragma once

#include "followuphttp.h"
#include "photoendpoint.h"

#include "hq/photostore.h"
#include "store/sqlconnection.h"

#include <optional>

namespace onsite::console {

// Evidence files of the follow-up (docs/FOLLOWUP-API.md §Evidence files): resumable,
// content-addressed uploads like the tablets' photos (images or PDF), and the files of
// the records the caller may see.
class EvidenceEndpoints
{
public:
    EvidenceEndpoints(QString dataFolder, PhotoEndpoint &content);

    std::optional<http::Response> handle(SqlConnection &db, FollowUpCall &call, const QString &path);

private:
    http::Response upload(SqlConnection &db, FollowUpCall &call, const QString &sha256);
    http::Response file(SqlConnection &db, FollowUpCall &call, const QString &sha256);

    QString m_dataFolder;
    PhotoEndpoint &m_content;
    hq::PhotoStore m_store; // one instance: it serialises the chunks of an upload
};

} // namespace onsite::console
