// The device's side of protocol 2 (protocol/compactwire.h): pushes and pulls go compact
// to an HQ that speaks it, come back whole, and go plain to an HQ that does not.
#include "client/transport/syncclient.h"
#include "protocol/compactwire.h"
#include "protocol/protocol.h"
#include "sync/fakehq.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <optional>

using namespace onsite;
using namespace onsite::sync;
using onsite::test::FakeHq;
using onsite::test::FakeRequest;
using onsite::test::FakeResponse;
using onsite::test::waitUntil;

namespace {

const QString kRecordId = QStringLiteral("019ee40c-58f8-73d0-858d-7678544b95bf");
const QString kIncarnation = QStringLiteral("0430664c-1adc-4817-8ec3-962fc7448649");

protocol::Mutation mutation(qint64 seq)
{
    return {seq,
            protocol::entity::kScore,
            kRecordId,
            protocol::op::kUpsert,
            QStringLiteral("1781942475000-00000"),
            {{QStringLiteral("unit"), QStringLiteral("B00015")},
             {QStringLiteral("input"), QStringLiteral("1")}}};
}

std::pair<SyncError, protocol::PushResponse> push(SyncClient &client,
                                                  std::vector<protocol::Mutation> mutations)
{
    std::optional<std::pair<SyncError, protocol::PushResponse>> result;
    client.push({QStringLiteral("dev-1"), std::move(mutations), false, {}},
                [&](const SyncError &e, const protocol::PushResponse &r) { result.emplace(e, r); });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
    return result.value_or(std::pair<SyncError, protocol::PushResponse>{});
}

std::pair<SyncError, protocol::PullResponse> pull(SyncClient &client, qint64 since)
{
    std::optional<std::pair<SyncError, protocol::PullResponse>> result;
    client.pull(since, protocol::kDefaultPullLimit,
                [&](const SyncError &e, const protocol::PullResponse &r) { result.emplace(e, r); });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
    return result.value_or(std::pair<SyncError, protocol::PullResponse>{});
}

FakeResponse compactAnswer(const QJsonObject &plain)
{
    return {200,
            protocol::compact::compactJson(QJsonDocument(plain).toJson(QJsonDocument::Compact)),
            {},
            false,
            false};
}

FakeResponse loginAnswer(int protocolVersion)
{
    return FakeResponse::json(200, {{QStringLiteral("token"), QStringLiteral("tok")},
                                    {QStringLiteral("account"), QStringLiteral("g1.li")},
                                    {QStringLiteral("protocol"), protocolVersion}});
}

void login(SyncClient &client)
{
    std::optional<SyncError> result;
    client.login(QStringLiteral("g1.li"), QStringLiteral("pw"), QStringLiteral("dev-1"),
                 QStringLiteral("平板"),
                 [&](const SyncError &e, const LoginAnswer &) { result = e; });
    ASSERT_TRUE(waitUntil([&] { return result.has_value(); }, 10000));
    ASSERT_TRUE(result->ok()) << result->text().toStdString();
}

} // namespace

TEST(SyncCompact, AnHqOfProtocol2GetsCompactBodiesAndTheirAnswersReadWhole)
{
    int pulls = 0;
    FakeHq hq([&](const FakeRequest &r) {
        if (r.path.endsWith(QLatin1String("/push")))
            return FakeResponse{204, {}, {}, false, false};
        if (pulls++ == 0)
            return FakeResponse{204, {}, {}, false, false};
        const protocol::Change change{301, protocol::entity::kScore, kRecordId,
                                      protocol::op::kUpsert, mutation(1).data};
        return compactAnswer(protocol::PullResponse{{change}, 301, true, kIncarnation}.toJson());
    });
    hq.speaksCompact = true;
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    client.setKnownIncarnation(kIncarnation);

    // 204 to a push: every mutation sent was applied.
    const auto [pushError, pushed] = push(client, {mutation(7), mutation(8)});
    ASSERT_TRUE(pushError.ok()) << pushError.text().toStdString();
    EXPECT_EQ(pushed.lastProcessedSeq, 8);
    ASSERT_EQ(pushed.results.size(), 2u);
    EXPECT_EQ(pushed.results[0].seq, 7);
    EXPECT_EQ(pushed.results[1].status, protocol::MutationStatus::Applied);
    ASSERT_EQ(hq.requests.size(), 1u);
    const FakeRequest &sent = hq.requests[0];
    EXPECT_EQ(sent.path, protocol::pushPath(true));
    EXPECT_FALSE(sent.headers.contains("x-onsite-protocol"));
    EXPECT_FALSE(sent.body.contains("device_id")) << "the token names the device";
    EXPECT_TRUE(sent.body.contains("\"m\":[{")) << sent.body.constData();
    const auto expanded = protocol::compact::expandJson(sent.body);
    ASSERT_TRUE(expanded);
    const QJsonObject body = QJsonDocument::fromJson(*expanded).object();
    EXPECT_EQ(body.value(QStringLiteral("inc")).toString(), protocol::incarnationTag(kIncarnation));
    EXPECT_EQ(body.value(QStringLiteral("mutations"))
                  .toArray()
                  .at(1)
                  .toObject()
                  .value(QStringLiteral("id"))
                  .toString(),
              kRecordId);

    // 204 to a pull: nothing new, the cursor stays where it was.
    const auto [quietError, quiet] = pull(client, 300);
    ASSERT_TRUE(quietError.ok());
    EXPECT_EQ(quiet.cursor, 300);
    EXPECT_TRUE(quiet.changes.empty());
    EXPECT_FALSE(quiet.more);
    EXPECT_EQ(hq.requests[1].path, protocol::pullPath(true));
    EXPECT_EQ(hq.requests[1].query.queryItemValue(QStringLiteral("s")), QStringLiteral("300"));
    EXPECT_EQ(hq.requests[1].query.queryItemValue(QStringLiteral("n")),
              protocol::incarnationTag(kIncarnation));

    // A compact page reads as the plain one.
    const auto [pageError, page] = pull(client, 300);
    ASSERT_TRUE(pageError.ok()) << pageError.text().toStdString();
    ASSERT_EQ(page.changes.size(), 1u);
    EXPECT_EQ(page.changes[0].entity, protocol::entity::kScore);
    EXPECT_EQ(page.changes[0].id, kRecordId);
    EXPECT_EQ(page.changes[0].op, protocol::op::kUpsert);
    EXPECT_EQ(page.changes[0].data.value(QStringLiteral("unit")).toString(),
              QStringLiteral("B00015"));
    EXPECT_EQ(page.cursor, 301);
    EXPECT_TRUE(page.more);
    EXPECT_EQ(page.incarnation, kIncarnation);
    EXPECT_TRUE(client.compactWire());
}

TEST(SyncCompact, AResultThatIsNotAppliedComesInFull)
{
    FakeHq hq([](const FakeRequest &) {
        protocol::PushResponse answer;
        answer.lastProcessedSeq = 2;
        answer.results = {{1, protocol::MutationStatus::Applied, {}, {}, {}},
                          {2,
                           protocol::MutationStatus::Rejected,
                           QStringLiteral("conflict_of_interest"),
                           QStringLiteral("回避"),
                           {}}};
        return compactAnswer(answer.toJson());
    });
    hq.speaksCompact = true;
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    const auto [error, pushed] = push(client, {mutation(1), mutation(2)});
    ASSERT_TRUE(error.ok());
    ASSERT_EQ(pushed.results.size(), 2u);
    EXPECT_EQ(pushed.results[1].status, protocol::MutationStatus::Rejected);
    EXPECT_EQ(pushed.results[1].reason, QStringLiteral("conflict_of_interest"));
    EXPECT_EQ(pushed.results[1].message, QStringLiteral("回避"));
}

TEST(SyncCompact, AnOlderHqAnswering404IsThenSpokenToInProtocol1)
{
    FakeHq hq([](const FakeRequest &r) {
        if (r.path.endsWith(QLatin1String("/push")))
            return FakeResponse::json(200, {{QStringLiteral("last_processed_seq"), 1},
                                            {QStringLiteral("results"),
                                             QJsonArray{protocol::MutationResult{
                                                 1, protocol::MutationStatus::Applied, {}, {}, {}}
                                                            .toJson()}}});
        return FakeResponse::json(
            200, {{QStringLiteral("changes"), QJsonArray()}, {QStringLiteral("cursor"), 5}});
    });
    SyncClient client;
    client.transport().setBaseUrl(hq.url());
    const auto [error, pushed] = push(client, {mutation(1)});
    ASSERT_TRUE(error.ok()) << error.text().toStdString();
    EXPECT_EQ(pushed.results.size(), 1u);
    EXPECT_EQ(hq.compactRefusals, 1);
    ASSERT_EQ(hq.requests.size(), 1u);
    EXPECT_EQ(hq.requests[0].path, QStringLiteral("/api/v1/sync/push"));
    EXPECT_EQ(hq.requests[0].header("X-Onsite-Protocol"), QByteArray("1"));
    EXPECT_EQ(hq.requests[0].json().value(QStringLiteral("device_id")).toString(),
              QStringLiteral("dev-1"));

    // Once told, the client does not knock again.
    EXPECT_TRUE(pull(client, 0).first.ok());
    EXPECT_EQ(hq.compactRefusals, 1);
    EXPECT_EQ(hq.requests.back().path, QStringLiteral("/api/v1/sync/pull"));
    EXPECT_EQ(hq.requests.back().query.queryItemValue(QStringLiteral("since")),
              QStringLiteral("0"));
    EXPECT_FALSE(client.compactWire());
}

TEST(SyncCompact, TheLoginAnswerSaysWhichProtocolHqSpeaks)
{
    for (const int version : {1, 2}) {
        FakeHq hq([&](const FakeRequest &r) {
            if (r.path.endsWith(QLatin1String("/login")))
                return loginAnswer(version);
            return FakeResponse{204, {}, {}, false, false};
        });
        hq.speaksCompact = true; // it would take both: the client goes by what HQ said
        SyncClient client;
        client.transport().setBaseUrl(hq.url());
        ASSERT_NO_FATAL_FAILURE(login(client));
        EXPECT_EQ(hq.requests[0].header("X-Onsite-Protocol"), QByteArray("1"))
            << "sign-in is protocol 1's";
        pull(client, 0);
        EXPECT_EQ(hq.requests.back().path, version == 1
                                               ? QStringLiteral("/api/v1/sync/pull")
                                               : protocol::pullPath(true));
        EXPECT_EQ(client.compactWire(), version == 2);
    }
}
