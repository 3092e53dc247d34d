#pragma once

#include "followuphttp.h"

#include "store/sqlconnection.h"

#include <optional>

namespace onsite::console {

// The rectification ledger's endpoints (docs/FOLLOWUP-API.md §Rectification items):
// releases, items and every step on them, and the board for 调度.
class RectificationEndpoints
{
public:
    RectificationEndpoints(QString dataFolder, QByteArray historyKey)
        : m_dataFolder(std::move(dataFolder)), m_historyKey(std::move(historyKey))
    {
    }

    // Nothing when the path is not one of these endpoints.
    std::optional<http::Response> handle(SqlConnection &db, FollowUpCall &call, const QString &path);

private:
    http::Response list(SqlConnection &db, FollowUpCall &call);
    http::Response detail(SqlConnection &db, FollowUpCall &call, const RectificationItem &item);
    http::Response step(SqlConnection &db, FollowUpCall &call, const QString &id, const QString &step);
    http::Response add(SqlConnection &db, FollowUpCall &call);
    http::Response releases(SqlConnection &db, FollowUpCall &call);
    http::Response board(SqlConnection &db, FollowUpCall &call);

    QString m_dataFolder;
    QByteArray m_historyKey;
};

} // namespace onsite::console
