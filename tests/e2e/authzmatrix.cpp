#include "authzmatrix.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace onsite::test::authz {

QString callerName(Caller caller)
{
    switch (caller) {
    case Hq:
        return QStringLiteral("hq (kpb.admin)");
    case Leader:
        return QStringLiteral("leader (g1.li)");
    case Inspector:
        return QStringLiteral("inspector (g1.zhang)");
    case Liaison:
        return QStringLiteral("liaison (dc.liaison)");
    case SignedOut:
        return QStringLiteral("signed out");
    case Revoked:
        return QStringLiteral("revoked / signed-out session (kpb.wang)");
    case Disabled:
        return QStringLiteral("disabled account (g3.xu)");
    case Crossed:
        return QStringLiteral("other API's credentials (kpb.admin)");
    case kCallerCount:
        break;
    }
    return QStringLiteral("?");
}

QString errorCode(const RawReply &reply) { return reply.status >= 400 ? reply.error() : QString(); }

QString pushOutcome(const RawReply &reply)
{
    if (reply.status != 200)
        return errorCode(reply);
    const QJsonObject first = reply.json.value(QStringLiteral("results")).toArray().first().toObject();
    const QString reason = first.value(QStringLiteral("reason")).toString();
    return first.value(QStringLiteral("status")).toString() + (reason.isEmpty() ? QString() : QLatin1Char(':') + reason);
}

Detail countOf(const QString &listKey)
{
    return [listKey](const RawReply &reply) {
        if (reply.status >= 400)
            return errorCode(reply);
        return QStringLiteral("n=%1").arg(reply.json.value(listKey).toArray().size());
    };
}

Detail fieldOf(const QString &key)
{
    return [key](const RawReply &reply) {
        if (reply.status >= 400)
            return errorCode(reply);
        const QJsonValue value = reply.json.value(key);
        const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return key + QLatin1Char('=') + QString::fromUtf8(text.mid(1, text.size() - 2));
    };
}

RawReply Matrix::send(Caller caller, const Call &call)
{
    const Credentials &who = m_callers[caller];
    QMap<QByteArray, QByteArray> headers;
    if (!call.body.isEmpty() || call.method != "GET")
        headers.insert("Content-Type", call.contentType);
    // The credentials a caller presents: a token to the sync API, a cookie (and CSRF
    // token on writes) to the console; Crossed presents the other kind.
    const bool presentsToken = (m_api == Api::Sync) != (caller == Crossed);
    if (presentsToken && !who.token.isEmpty())
        headers.insert("Authorization", "Bearer " + who.token);
    if (!presentsToken && !who.cookie.isEmpty()) {
        headers.insert("Cookie", who.cookie);
        if (call.csrf && call.method != "GET")
            headers.insert("X-CSRF-Token", who.csrf);
    }
    return rawHttp(m_port, call.method, call.target, headers, call.body);
}

int Matrix::check(const std::vector<Row> &rows)
{
    int cells = 0;
    for (const Row &row : rows) {
        for (int c = 0; c < kCallerCount; ++c) {
            const Caller caller = static_cast<Caller>(c);
            const Call call = row.make ? row.make(m_callers[caller]) : row.call;
            const QString expected = QString::fromUtf8(row.expected[c]);
            const RawReply reply = send(caller, call);
            ++cells;
            const int space = expected.indexOf(QLatin1Char(' '));
            const int wantedStatus = expected.left(space < 0 ? expected.size() : space).toInt();
            QString got = QString::number(reply.status);
            QString wanted = QString::number(wantedStatus);
            if (space >= 0) { // the cell names a detail too: compare it
                got += QLatin1Char(' ') + row.detail(reply);
                wanted = expected;
            }
            if (got != wanted) {
                ADD_FAILURE() << call.method.toStdString() << ' ' << call.target.toStdString() << " [" << row.note
                              << "] as " << callerName(caller).toStdString()
                              << ": expected " << wanted.toStdString() << ", got " << got.toStdString() << " — "
                              << reply.body.left(300).toStdString();
            }
        }
    }
    return cells;
}

} // namespace onsite::test::authz
