// Push and pull answers leave HQ's incarnation id out only when the device named the
// same id by its tag (protocol::incarnationTag): a device that names none, or an old
// one, still gets the id, and after `onsite-hq after-restore` every device gets the new
// one on its next push or pull. Sync answers carry no X-Onsite-Protocol header.
#include "e2efixture.h"

#include "protocol/protocol.h"

#include <QTcpSocket>
#include <QThread>

namespace onsite::test {
namespace {

using IncarnationTag = HqEndToEnd;

const QString kIncarnation = QString::fromLatin1(protocol::kIncarnationKey);

// Scores of distinct items (HQ keeps one per unit, item, rater and kind).
ApiReply pushOne(ApiClient &client, qint64 seq, const QString &tag)
{
    static const QStringList items{QStringLiteral("1.4"), QStringLiteral("2.4"),
                                   QStringLiteral("2.5")};
    QJsonObject body =
        pushBody(QStringLiteral("dev-li"),
                 {scoreMutation(seq, QStringLiteral("tag-%1").arg(seq), QStringLiteral("DC"),
                                items.at((seq - 1) % items.size()), QStringLiteral("g1.li"),
                                QStringLiteral("好"), 1000 + seq)});
    if (!tag.isEmpty())
        body.insert(QLatin1String(protocol::kIncarnationTagKey), tag);
    return client.post(QStringLiteral("/api/v1/sync/push"), body);
}

ApiReply pullFrom(ApiClient &client, qint64 since, const QString &tag)
{
    QString path = QStringLiteral("/api/v1/sync/pull?since=%1").arg(since);
    if (!tag.isEmpty())
        path += QStringLiteral("&inc=") + tag;
    return client.get(path);
}

TEST_P(IncarnationTag, TheIdIsLeftOutOnlyWhileTheDeviceNamesTheSameOne)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));

    // A device that names no id (a new one, or one from before tags) gets it on both.
    const ApiReply firstPush = pushOne(*device, 1, {});
    ASSERT_EQ(firstPush.status, 200) << firstPush.body.toStdString();
    const QString id = firstPush.json.value(kIncarnation).toString();
    ASSERT_EQ(id.size(), 36);
    const ApiReply firstPull = pullFrom(*device, 0, {});
    ASSERT_EQ(firstPull.status, 200);
    EXPECT_EQ(firstPull.json.value(kIncarnation).toString(), id);
    EXPECT_FALSE(firstPull.headers.contains("x-onsite-protocol"))
        << "sync answers go without the header";
    EXPECT_FALSE(firstPull.json.contains(QStringLiteral("more"))) << "more is sent only when true";

    // Naming it: left out, and the answers are otherwise whole.
    const QString tag = protocol::incarnationTag(id);
    ASSERT_EQ(tag.size(), 8);
    const ApiReply taggedPush = pushOne(*device, 2, tag);
    ASSERT_EQ(taggedPush.status, 200);
    EXPECT_FALSE(taggedPush.json.contains(kIncarnation)) << taggedPush.body.toStdString();
    EXPECT_EQ(taggedPush.json.value(QStringLiteral("last_processed_seq")).toInteger(), 2);
    const ApiReply taggedPull = pullFrom(*device, 0, tag);
    ASSERT_EQ(taggedPull.status, 200);
    EXPECT_FALSE(taggedPull.json.contains(kIncarnation)) << taggedPull.body.toStdString();
    EXPECT_EQ(taggedPull.json.value(QStringLiteral("changes")).toArray().size(), 2);

    // Another id's tag (a device that synced with an HQ before its restore): the id comes.
    const QString otherTag = protocol::incarnationTag(QStringLiteral("another-incarnation"));
    EXPECT_EQ(pushOne(*device, 3, otherTag).json.value(kIncarnation).toString(), id);
    EXPECT_EQ(pullFrom(*device, 0, otherTag).json.value(kIncarnation).toString(), id);

    // The bootstrap answer always carries the whole id.
    EXPECT_EQ(device->get(QStringLiteral("/api/v1/bootstrap")).json.value(kIncarnation).toString(),
              id);
}

TEST_P(IncarnationTag, AfterRestoreADeviceNamingTheOldIdGetsTheNewOne)
{
    auto device = signIn(QStringLiteral("g1.li"), QStringLiteral("dev-li"));
    const ApiReply first = pushOne(*device, 1, {});
    ASSERT_EQ(first.status, 200);
    const QString oldTag = protocol::incarnationTag(first.json.value(kIncarnation).toString());
    ASSERT_FALSE(pullFrom(*device, 0, oldTag).json.contains(kIncarnation));

    const QString listen = QStringLiteral("127.0.0.1:%1").arg(hq->port());
    hq->terminate();
    QString out;
    ASSERT_EQ(hq->admin({QStringLiteral("after-restore")}, &out), 0) << out.toStdString();
    hq->start({QStringLiteral("--listen"), listen});
    for (int i = 0; i < 100; ++i) { // until HQ accepts connections again
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), hq->port());
        if (socket.waitForConnected(200))
            break;
        QThread::msleep(100);
    }

    const ApiReply pulled = pullFrom(*device, 0, oldTag);
    ASSERT_EQ(pulled.status, 200) << pulled.body.toStdString();
    const QString renewed = pulled.json.value(kIncarnation).toString();
    EXPECT_EQ(renewed.size(), 36);
    EXPECT_NE(protocol::incarnationTag(renewed), oldTag);
    const ApiReply pushed = pushOne(*device, 2, oldTag);
    ASSERT_EQ(pushed.status, 200);
    EXPECT_EQ(pushed.json.value(kIncarnation).toString(), renewed);
    EXPECT_FALSE(
        pushOne(*device, 3, protocol::incarnationTag(renewed)).json.contains(kIncarnation));
}

ONSITE_E2E_BACKENDS(IncarnationTag);

} // namespace
} // namespace onsite::test
