#pragma once

#include "http/httpmessage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace onsite::console {

// Answers and request helpers shared by the console endpoints (docs/API.md: every
// error is {"error": code, "message": text}).
http::Response badRequest(const QString &message);
http::Response notFound(const QString &message);
http::Response forbidden(const QString &message);
http::Response methodNotAllowed(const QString &allowed);

// The value of one cookie from the Cookie header, or empty.
QString cookieValue(const http::Request &request, const QByteArray &name);

QString isoTime(const QDateTime &time);
// ISO-8601 UTC with milliseconds, or null for an invalid time.
QJsonValue isoOrNull(const QDateTime &time);
// The stored text, or null when empty.
QJsonValue textOrNull(const QString &text);

} // namespace onsite::console
