#pragma once

// The machinery of the authorization matrix (authorization_matrix_test.cpp): who calls,
// how one cell's request is made and sent, and how its answer is compared with the
// table. Every request goes byte for byte over its own connection (rawHttp), so what
// is checked is what a browser, a tablet or an attacker gets.

#include "consoleclient.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <functional>
#include <vector>

namespace onsite::test::authz {

// The table's columns.
enum Caller {
    Hq,        // kpb.admin (考评办)
    Leader,    // g1.li, leader of 第一检查组 (DC, BH, SM)
    Inspector, // g1.zhang, 第一检查组, home unit QS
    Liaison,   // dc.liaison, unit DC
    SignedOut, // no credentials at all
    Revoked,   // kpb.wang: a device token revoked by `onsite-hq revoke`, a console session after sign-out
    Disabled,  // g3.xu: token and session taken before `onsite-hq disable-account`
    Crossed,   // kpb.admin's credentials of the other API (a console cookie on the sync API, a token on the console)
    kCallerCount
};
QString callerName(Caller caller);

enum class Api { Sync, Console };

// What one caller holds.
struct Credentials
{
    QString account;   // whose credentials these are; a made-up account for SignedOut
    QString deviceId = {};  // the device its token was issued for
    QByteArray token = {};  // sync API bearer token
    QByteArray cookie = {}; // console session cookie, "onsite_session=…"
    QByteArray csrf = {};   // the console session's CSRF token
    qint64 nextSeq = 1; // the next push number of the token's device
};

// One cell's request.
struct Call
{
    QByteArray method;
    QByteArray target = {}; // path and query, as sent
    QByteArray body = {};
    QByteArray contentType = "application/json";
    bool csrf = true; // console writes carry the session's CSRF token unless false
};

// What a cell names after the status ("403 forbidden", "200 rejected:out_of_scope").
using Detail = std::function<QString(const RawReply &)>;
QString errorCode(const RawReply &reply);       // `error` of an error answer, else empty
QString pushOutcome(const RawReply &reply);     // the first result: status[:reason]
Detail countOf(const QString &listKey);         // "n=<entries of the list>"
Detail fieldOf(const QString &key);             // "<key>=<value as JSON>"

struct Row
{
    Call call;
    // One expectation per caller: "<status>" or "<status> <detail>".
    std::array<const char *, kCallerCount> expected;
    const char *note = ""; // what the row shows, for failure messages
    Detail detail = errorCode;
    // Builds the request from the caller's credentials instead of `call` (a push in
    // the caller's own name and device, an upload of the caller's own photo).
    std::function<Call(Credentials &)> make = {};
};

class Matrix
{
public:
    Matrix(quint16 port, Api api, std::array<Credentials, kCallerCount> callers)
        : m_port(port), m_api(api), m_callers(std::move(callers))
    {
    }

    // Sends every cell in table order (row by row, callers left to right) and adds a
    // test failure naming endpoint, method and caller for each cell that differs.
    // Returns the number of cells checked.
    int check(const std::vector<Row> &rows);

    Credentials &credentials(Caller caller) { return m_callers[caller]; }

private:
    RawReply send(Caller caller, const Call &call);

    quint16 m_port;
    Api m_api;
    std::array<Credentials, kCallerCount> m_callers;
};

} // namespace onsite::test::authz
