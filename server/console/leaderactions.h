#pragma once

#include "consoleauth.h"

#include "http/httpmessage.h"
#include "store/sqlconnection.h"

namespace onsite::console {

// A group leader's own actions in the console, and HQ's (docs/API.md §Leader actions):
// a final value (组长核定) with its reason, and submitting or reopening a unit. Written
// through hq::HqWriter in the leader's name, so ScorePolicy decides as it does for a
// tablet, and the change feed carries them to the group's tablets.
class LeaderActions
{
public:
    LeaderActions(SqlConnection &db, const ConsoleCaller &caller, QByteArray historyKey)
        : m_db(db), m_caller(caller), m_historyKey(std::move(historyKey))
    {
    }

    // POST /api/v1/hq/units/{code}/final {"indicator","input","reason"}
    http::Response setFinalValue(const http::Request &request, const QString &unitCode, const QDateTime &now);
    // POST /api/v1/hq/units/{code}/submission {"locked","note"}
    http::Response setSubmission(const http::Request &request, const QString &unitCode, const QDateTime &now);

private:
    std::optional<http::Response> refuseUnit(const QString &unitCode) const;
    http::Response write(const QString &entity, const QString &id, const QJsonObject &data, const QDateTime &now);

    SqlConnection &m_db;
    const ConsoleCaller &m_caller;
    QByteArray m_historyKey;
};

} // namespace onsite::console
