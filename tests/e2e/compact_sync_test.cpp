// Protocol 2's push and pull against the real onsite-hq (protocol/compactwire.h): the same
// work as protocol 1's, in fewer bytes, with 204 for "all applied" and "nothing new".
#include "e2efixture.h"

#include "protocol/compactwire.h"
#include "protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace onsite::test {
namespace {

using CompactSync = HqEndToEnd;
using protocol::compact::compactJson;
using protocol::compact::expandJson;

const QString kPush = protocol::pushPath(true);
const QString kPull = protocol::pullPath(true);

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ApiReply compactPush(ApiClient &client, QJsonObject plain)
{
    plain.remove(QStringLiteral("device_id")); // the token names the device
    return client.send("POST", kPush,
                       compactJson(QJsonDocument(plain).toJson(QJsonDocument::Compact)));
}

QJsonObject expanded(const ApiReply &reply)
{
    const auto text = expandJson(reply.body);
    EXPECT_TRUE(text.has_value()) << reply.body.toStdString();
    return QJsonDocument::fromJson(text.value_or(QByteArray())).object();
}

TEST_P(CompactSync, ACompactPushAndPullDoWhatThePlainOnesDo)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const QString firstId = newId();
    const QJsonArray two{scoreMutation(1, firstId, QStringLiteral("DC"), QStringLiteral("1.4"),
                                       QStringLiteral("g1.li"), QStringLiteral("好"), 1001),
                         scoreMutation(2, newId(), QStringLiteral("DC"), QStringLiteral("2.4"),
                                       QStringLiteral("g1.li"), QStringLiteral("好"), 1002)};

    // A device that names no incarnation gets HQ's id: a 200 with the results, compacted.
    const ApiReply first = compactPush(*device, pushBody(QStringLiteral("dev-li"), two));
    ASSERT_EQ(first.status, 200) << first.body.toStdString();
    const QJsonObject firstAnswer = expanded(first);
    EXPECT_EQ(firstAnswer.value(QStringLiteral("last_processed_seq")).toInteger(), 2);
    ASSERT_EQ(firstAnswer.value(QStringLiteral("results")).toArray().size(), 2);
    EXPECT_EQ(firstAnswer.value(QStringLiteral("results"))
                  .toArray()
                  .at(1)
                  .toObject()
                  .value(QStringLiteral("status")),
              QStringLiteral("applied"));
    const QString incarnation =
        firstAnswer.value(QString::fromLatin1(protocol::kIncarnationKey)).toString();
    ASSERT_EQ(incarnation.size(), 36);
    const QString tag = protocol::incarnationTag(incarnation);

    // Naming the id: "every mutation applied" is a 204 without a body or its headers.
    QJsonObject third =
        pushBody(QStringLiteral("dev-li"),
                 {scoreMutation(3, newId(), QStringLiteral("DC"), QStringLiteral("2.5"),
                                QStringLiteral("g1.li"), QStringLiteral("好"), 1003)});
    third.insert(QLatin1String(protocol::kIncarnationTagKey), tag);
    const ApiReply quiet = compactPush(*device, third);
    EXPECT_EQ(quiet.status, 204) << quiet.body.toStdString();
    EXPECT_TRUE(quiet.body.isEmpty());
    EXPECT_FALSE(quiet.headers.contains("content-type"));
    EXPECT_FALSE(quiet.headers.contains("content-length"));

    // The compact page is the plain page, byte for byte, once expanded.
    const ApiReply plainPage = device->get(QStringLiteral("/api/v1/sync/pull?since=0&inc=") + tag);
    ASSERT_EQ(plainPage.status, 200);
    const ApiReply compactPage = device->get(kPull + QStringLiteral("?s=0&n=") + tag);
    ASSERT_EQ(compactPage.status, 200) << compactPage.body.toStdString();
    EXPECT_LT(compactPage.body.size(), plainPage.body.size() * 3 / 4);
    EXPECT_EQ(expandJson(compactPage.body).value_or(QByteArray()), plainPage.body);
    EXPECT_TRUE(compactPage.body.contains(
        compactJson(QJsonDocument(QJsonObject{{QStringLiteral("id"), firstId}})
                        .toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1)))
        << "ids go in 22 characters";
    const qint64 cursor = plainPage.json.value(QStringLiteral("cursor")).toInteger();
    ASSERT_EQ(plainPage.json.value(QStringLiteral("changes")).toArray().size(), 3);

    // Nothing new: 204, the cursor stays. Without the tag the incarnation still comes.
    EXPECT_EQ(device->get(kPull + QStringLiteral("?s=%1&n=%2").arg(cursor).arg(tag)).status, 204);
    const ApiReply untagged = device->get(kPull + QStringLiteral("?s=%1").arg(cursor));
    ASSERT_EQ(untagged.status, 200);
    EXPECT_EQ(expanded(untagged).value(QString::fromLatin1(protocol::kIncarnationKey)).toString(),
              incarnation);
    EXPECT_EQ(expanded(untagged).value(QStringLiteral("cursor")).toInteger(), cursor);
    // A page limit in its short name.
    const ApiReply one = device->get(kPull + QStringLiteral("?s=0&l=1&n=") + tag);
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(expanded(one).value(QStringLiteral("changes")).toArray().size(), 1);
    EXPECT_TRUE(expanded(one).value(QStringLiteral("more")).toBool());
}

TEST_P(CompactSync, RefusalsComeInFullAndErrorsInPlainJson)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    // A unit outside the group's scope is refused: the answer lists it.
    const ApiReply refused = compactPush(
        *device, pushBody(QStringLiteral("dev-li"),
                          {scoreMutation(1, newId(), QStringLiteral("NOPE"), QStringLiteral("1.4"),
                                         QStringLiteral("g1.li"), QStringLiteral("好"), 1001)}));
    ASSERT_EQ(refused.status, 200) << refused.body.toStdString();
    const QJsonObject result =
        expanded(refused).value(QStringLiteral("results")).toArray().at(0).toObject();
    EXPECT_EQ(result.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    EXPECT_FALSE(result.value(QStringLiteral("message")).toString().isEmpty());

    // Broken compact text: 400 in plain JSON, as every error.
    const ApiReply broken = device->send("POST", kPush, "{\"m\":[{\"s\":1,");
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(broken.json.value(QStringLiteral("error")).toString(), QStringLiteral("bad_request"));
    // The push's size cap holds for the expansion: 700 KB of "w":0 would parse as 4 MB.
    QByteArray times = "{\"m\":[";
    for (int i = 0; i < 100000; ++i)
        times += i ? ",{\"w\":0}" : "{\"w\":0}";
    times += "]}";
    const ApiReply swollen = device->send("POST", kPush, times);
    EXPECT_EQ(swollen.status, 413);
    EXPECT_EQ(swollen.json.value(QStringLiteral("error")).toString(), QStringLiteral("body_too_large"));
    // Naming another device is refused as in protocol 1.
    const ApiReply other =
        device->send("POST", kPush,
                     compactJson(QJsonDocument(pushBody(QStringLiteral("dev-other"), {}))
                                     .toJson(QJsonDocument::Compact)));
    EXPECT_EQ(other.status, 403) << other.body.toStdString();
    // No token, no sync.
    ApiClient stranger(device->baseUrl());
    EXPECT_EQ(stranger.get(kPull + QStringLiteral("?s=0")).status, 401);
    EXPECT_EQ(device->get(QStringLiteral("/api/v2/status")).status, 404)
        << "only push and pull are compact";
}

ONSITE_E2E_BACKENDS(CompactSync);

} // namespace
} // namespace onsite::test
