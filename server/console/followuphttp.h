#pragma once

#include "consoleauth.h"
#include "followupjson.h"

#include "followup/followuperror.h"
#include "http/httpmessage.h"
#include "policy/followuppolicy.h"

#include <QJsonObject>

#include <optional>

namespace onsite::console {

// What every follow-up endpoint shares: the caller's policy, the JSON view for that
// caller, and the answers for refusals (docs/FOLLOWUP-API.md: status per reason code).
struct FollowUpCall
{
    const http::Request &request;
    const ConsoleCaller &caller;
    FollowUpPolicy policy;
    FollowUpJson view;
    QDateTime now;

    FollowUpCall(const http::Request &request, const ConsoleCaller &caller, const QDateTime &now);
    const CampaignSetup &setup() const { return *caller.setup; }
    const QString &account() const { return caller.person().account; }
    // The units the caller may see, in units.csv order.
    QStringList units() const;
};

http::Response followUpJson(int status, const QJsonObject &body);
http::Response refusal(FollowUpRefusal refusal, const QString &message);
http::Response refusal(const followup::FollowUpError &error);
// Throws FollowUpError when the step is refused: forbidden, or the unit is not the caller's.
void require(const FollowUpCall &call, FollowUpAction action, const QString &unitCode = {});
void require(const FollowUpCall &call, FollowUpAction action, const RectificationItem &item);
// The request's JSON object body; throws FollowUpError bad_request otherwise.
QJsonObject jsonBody(const http::Request &request);
// A string member (absent: empty); throws bad_request for another type.
QString stringField(const QJsonObject &body, const QString &name);
QStringList stringList(const QJsonObject &body, const QString &name);
QDate dateField(const QJsonObject &body, const QString &name, bool required);

} // namespace onsite::console
