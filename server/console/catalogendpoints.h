#pragma once

#include "followuphttp.h"

#include "store/sqlconnection.h"

#include <optional>

namespace onsite::console {

// 典型经验, 创新项目, 示范点 and the liaison's published results
// (docs/FOLLOWUP-API.md): what the units contribute and what HQ screens.
class CatalogEndpoints
{
public:
    CatalogEndpoints(QString dataFolder, QByteArray historyKey)
        : m_dataFolder(std::move(dataFolder)), m_historyKey(std::move(historyKey))
    {
    }

    // Nothing when the path is not one of these endpoints.
    std::optional<http::Response> handle(SqlConnection &db, FollowUpCall &call, const QString &path);

private:
    http::Response experiences(SqlConnection &db, FollowUpCall &call);
    http::Response reviewExperience(SqlConnection &db, FollowUpCall &call, const QString &ref);
    http::Response projects(SqlConnection &db, FollowUpCall &call);
    http::Response reviewProject(SqlConnection &db, FollowUpCall &call, const QString &id);
    http::Response demoSites(SqlConnection &db, FollowUpCall &call);
    http::Response updateDemoSite(SqlConnection &db, FollowUpCall &call, const QString &code);
    http::Response ownResults(SqlConnection &db, FollowUpCall &call);

    QString m_dataFolder;
    QByteArray m_historyKey;
};

} // namespace onsite::console
