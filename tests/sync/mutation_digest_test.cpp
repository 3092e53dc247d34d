// Mutation::digest is stored with every push result and looked up by value when a
// restored HQ meets resent records: its fast form (the plain fields spliced beside Qt's
// own serialisation of the data) must give exactly the digest of the canonical object.
#include "protocol/protocol.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <gtest/gtest.h>

using onsite::protocol::Mutation;

namespace {

// The canonical form as first defined: the whole mutation but its number, compact JSON.
QString canonicalDigest(const Mutation &m)
{
    QJsonObject content = m.toJson();
    content.remove(QStringLiteral("seq"));
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(content).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
}

Mutation score(const QString &id, const QJsonObject &data)
{
    return {7, QStringLiteral("score"), id, QStringLiteral("upsert"), QStringLiteral("1781942400000-00042"), data};
}

const QJsonObject kScore{{QStringLiteral("unit"), QStringLiteral("DC")},
                         {QStringLiteral("indicator"), QStringLiteral("1.4")},
                         {QStringLiteral("account"), QStringLiteral("g1.li")},
                         {QStringLiteral("input"), QStringLiteral("较好")},
                         {QStringLiteral("kind"), QStringLiteral("rater")},
                         {QStringLiteral("reason"), QStringLiteral("现场查看：\"台账\"\n齐全\\")},
                         {QStringLiteral("value"), 87.25},
                         {QStringLiteral("nested"), QJsonArray{1, true, QJsonValue(), QStringLiteral("x")}}};

} // namespace

TEST(MutationDigest, EqualsTheDigestOfTheCanonicalObject)
{
    const std::vector<Mutation> cases{
        score(QStringLiteral("3f2b9c1e-0d4a-4c55-9a8e-1b2c3d4e5f60"), kScore),
        score(QStringLiteral("plain"), {}),
        {3, QStringLiteral("visit"), QStringLiteral("v-1"), QStringLiteral("delete"),
         QStringLiteral("1781942400000-00000"), {}},
        // Fields JSON escapes or encodes take the slow path and still agree.
        score(QStringLiteral("id with \"quote\" and \\ back"), kScore),
        score(QStringLiteral("编号-一"), kScore),
        score(QStringLiteral("tab\there\x01"), kScore),
        {1, QStringLiteral("sc\u00e9re"), QStringLiteral("a"), QStringLiteral("upsert"), QStringLiteral("h\u2028"), kScore},
    };
    for (const Mutation &m : cases)
        EXPECT_EQ(m.digest(), canonicalDigest(m)) << m.id.toStdString();

    QRandomGenerator random(12);
    for (int i = 0; i < 500; ++i) {
        QString id;
        for (int c = 0; c < 12; ++c)
            id += QChar(char16_t(random.bounded(0x20, 0x7F))); // every printable ASCII, quotes included
        QJsonObject data = kScore;
        data.insert(QStringLiteral("input"), QString::number(random.bounded(100)));
        const Mutation m = score(id, data);
        ASSERT_EQ(m.digest(), canonicalDigest(m)) << id.toStdString();
    }
}

TEST(MutationDigest, DiffersForOtherContentAndIgnoresTheNumber)
{
    const Mutation base = score(QStringLiteral("s-1"), kScore);
    Mutation renumbered = base;
    renumbered.seq = 99;
    EXPECT_EQ(renumbered.digest(), base.digest());
    Mutation otherInput = base;
    otherInput.data.insert(QStringLiteral("input"), QStringLiteral("好"));
    Mutation otherClock = base;
    otherClock.hlc = QStringLiteral("1781942400000-00043");
    Mutation otherId = base;
    otherId.id = QStringLiteral("s-2");
    Mutation otherOp = base;
    otherOp.op = QStringLiteral("delete");
    for (const Mutation *other : {&otherInput, &otherClock, &otherId, &otherOp})
        EXPECT_NE(other->digest(), base.digest());
    // A field's text moved into its neighbour is other content.
    Mutation shifted = base;
    shifted.id = QStringLiteral("s-1\",\"op\":\"upsert");
    shifted.op = QStringLiteral("");
    EXPECT_NE(shifted.digest(), base.digest());
}
