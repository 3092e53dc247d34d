#include "e2efixture.h"

#include <QJsonDocument>

namespace onsite::test {

void HqEndToEnd::SetUp()
{
    if (GetParam() == Backend::Postgres && !HqProcess::postgresAvailable())
        GTEST_SKIP() << "ONSITE_TEST_POSTGRES_URL is not set (scripts/start-postgres.sh prints it)";
    hq = std::make_unique<HqProcess>(GetParam());
    hq->prepare();
    hq->start();
}

void HqEndToEnd::TearDown()
{
    if (hq)
        hq->terminate();
    hq.reset();
}

std::unique_ptr<ApiClient> HqEndToEnd::signIn(const QString &account, const QString &deviceId)
{
    auto client = std::make_unique<ApiClient>(hq->baseUrl());
    const ApiReply reply = client->login(account, HqProcess::passwordOf(account), deviceId);
    EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
    return client;
}

std::string backendName(const ::testing::TestParamInfo<Backend> &info)
{
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

QJsonObject scoreMutation(qint64 seq, const QString &id, const QString &unit, const QString &indicator,
                          const QString &account, const QString &input, qint64 clockMs, const QString &kind,
                          const QString &reason)
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), QStringLiteral("score")},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), QStringLiteral("upsert")},
            {QStringLiteral("hlc"), QStringLiteral("%1-00000").arg(clockMs, 13, 10, QLatin1Char('0'))},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("unit"), unit},
                                                 {QStringLiteral("indicator"), indicator},
                                                 {QStringLiteral("account"), account},
                                                 {QStringLiteral("kind"), kind},
                                                 {QStringLiteral("input"), input},
                                                 {QStringLiteral("reason"), reason},
                                                 {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}}}};
}

QJsonObject pushBody(const QString &deviceId, const QJsonArray &mutations)
{
    return {{QStringLiteral("device_id"), deviceId}, {QStringLiteral("mutations"), mutations}};
}

std::vector<PulledChange> pullAll(ApiClient &client, qint64 since, int pageSize, qint64 *cursor)
{
    std::vector<PulledChange> changes;
    for (int page = 0; page < 100000; ++page) {
        const ApiReply reply = client.get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=%2").arg(since).arg(pageSize));
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        if (reply.status != 200)
            break;
        for (const QJsonValue &value : reply.json.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = value.toObject();
            changes.push_back({c.value(QStringLiteral("seq")).toInteger(), c.value(QStringLiteral("entity")).toString(),
                               c.value(QStringLiteral("id")).toString(), c.value(QStringLiteral("op")).toString(),
                               c.value(QStringLiteral("data")).toObject()});
        }
        since = reply.json.value(QStringLiteral("cursor")).toInteger();
        if (!reply.json.value(QStringLiteral("more")).toBool())
            break;
    }
    if (cursor)
        *cursor = since;
    return changes;
}

QJsonObject resultsOf(HqProcess &hq)
{
    QString out;
    EXPECT_EQ(hq.admin({QStringLiteral("results"), QStringLiteral("--format"), QStringLiteral("json")}, &out), 0) << out.toStdString();
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

QJsonObject itemOf(const QJsonObject &results, const QString &unit, const QString &indicator)
{
    for (const QJsonValue &u : results.value(QStringLiteral("units")).toArray()) {
        if (u.toObject().value(QStringLiteral("unit")).toString() != unit)
            continue;
        for (const QJsonValue &item : u.toObject().value(QStringLiteral("items")).toArray()) {
            if (item.toObject().value(QStringLiteral("indicator")).toString() == indicator)
                return item.toObject();
        }
    }
    return {};
}

} // namespace onsite::test
