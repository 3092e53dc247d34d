#pragma once

#include <QString>

namespace onsite::sync {

// Why a request to the server did not succeed, in words for the person (translated) plus
// the details a support call needs (HTTP status, the server's error code).
struct SyncError
{
    enum class Kind {
        None,
        Unreachable, // no connection: offline, refused, name not found
        Timeout,
        Tls,         // the connection is not trustworthy (certificate)
        Server,      // the server answered with an error status
        BadAnswer,   // the server answered something this device cannot read
        Local,       // the device could not store or read its own data
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code;    // the server's "error" field, e.g. "invalid_token"
    QString message; // for people
    int retryAfterSeconds = 0; // from Retry-After on 429
    qint64 received = -1;      // from an offset_mismatch answer, when given

    bool ok() const { return kind == Kind::None; }
    // The server was not reached at all (as opposed to reached and refusing).
    bool unreachable() const { return kind == Kind::Unreachable || kind == Kind::Timeout || kind == Kind::Tls; }
    // Retrying cannot help until the person acts (sign in again, update the app).
    bool needsPerson() const { return httpStatus == 401 || httpStatus == 426; }

    // One line for people: the message plus, for server answers, status and code.
    QString text() const;
    // What the inspector reads: for HQ's known answers, what happened and what to do
    // (whatToDo), else the message; the status, code and HQ's own words go to detail().
    QString headline() const;
    // "HTTP 401 · invalid_token · 登录凭据无效"; empty unless HQ answered.
    QString detail() const;

    static SyncError server(int status, const QString &code, const QString &message);
    static SyncError local(const QString &message);
    // The sentence telling the inspector what to do about HQ's error `code` (or, without
    // one, its HTTP `status`); empty when neither is known.
    static QString whatToDo(int status, const QString &code);
};

} // namespace onsite::sync
