#include "authzfixture.h"

#include "consolerecords.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace onsite::test {

using namespace authz;


QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

namespace {

// A clock for pushed mutations: later rows are later edits, so no row loses to an
// earlier one on the same record (final values and submissions are one per unit).
QString clockNow()
{
    static qint64 last = 0;
    last = std::max(last + 1, QDateTime::currentMSecsSinceEpoch());
    return QStringLiteral("%1-00000").arg(last, 13, 10, QLatin1Char('0'));
}

} // namespace

QJsonObject mutation(qint64 seq, const QString &entity, const QString &id, const QJsonObject &data)
{
    return {{QStringLiteral("seq"), seq},   {QStringLiteral("entity"), entity},     {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")}, {QStringLiteral("hlc"), clockNow()},
            {QStringLiteral("data"), data}};
}

QJsonObject scoreData(const QString &unit, const QString &indicator, const QString &account, const QString &kind,
                      const QString &input, const QString &reason)
{
    return {{QStringLiteral("unit"), unit},   {QStringLiteral("indicator"), indicator},
            {QStringLiteral("account"), account}, {QStringLiteral("kind"), kind},
            {QStringLiteral("input"), input}, {QStringLiteral("reason"), reason},
            {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}};
}

std::function<Call(Credentials &)> pushOne(const QString &entity,
                                           std::function<QJsonObject(const Credentials &)> data,
                                           const QString &deviceOverride)
{
    return [entity, data, deviceOverride](Credentials &who) {
        const qint64 seq = who.nextSeq++;
        const QString id = QStringLiteral("authz-%1-%2-%3").arg(entity, who.account).arg(seq);
        const QString device = deviceOverride.isEmpty() ? who.deviceId : deviceOverride;
        return Call{"POST", "/api/v1/sync/push", compact(pushBody(device, {mutation(seq, entity, id, data(who))}))};
    };
}

std::function<Call(Credentials &)> signInAs(const QByteArray &path, bool device)
{
    return [path, device](Credentials &who) {
        // A made-up account gets a made-up password; everyone else their real one.
        const bool real = who.account != QLatin1String("nobody.here");
        QJsonObject body{{QStringLiteral("account"), who.account},
                         {QStringLiteral("password"), real ? HqProcess::passwordOf(who.account) : QStringLiteral("guess-1234")}};
        if (device) {
            // Its own device id, so the tokens the other rows use stay as they are.
            body.insert(QStringLiteral("device_id"), QStringLiteral("authz-sign-in-row"));
            body.insert(QStringLiteral("device_name"), QStringLiteral("matrix"));
        }
        return Call{"POST", path, compact(body)};
    };
}

QByteArray imageOf(const QString &account) { return jpegImage(24, 16, static_cast<int>(qHash(account) % 997) + 10); }
} // namespace onsite::test
