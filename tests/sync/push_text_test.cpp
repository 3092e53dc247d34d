// The device writes a push's JSON text directly (PushRequest::toJsonText) instead of
// building a QJsonObject tree and serialising it. HQ reads either the same, but the bytes
// must be exactly Qt's: the compact wire and the byte budgets were measured on them, and
// a mutation's text is the form its digest is taken over.
#include "protocol/jsontext.h"
#include "protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <gtest/gtest.h>

using onsite::protocol::Mutation;
using onsite::protocol::PushRequest;

namespace {

QByteArray throughQt(const PushRequest &request, bool withDeviceId)
{
    QJsonObject json = request.toJson();
    if (!withDeviceId)
        json.remove(QStringLiteral("device_id"));
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// Text from every corner Qt's writer treats apart: plain ASCII, quotes and backslashes,
// control characters, DEL, Chinese, characters beyond the BMP, a lone surrogate.
QString randomText(QRandomGenerator &random)
{
    static const std::vector<char16_t> odd{u'"',   u'\\',  u'\n', u'\t',  0x01,   0x1f,
                                           0x7f,   0x80,   0xe9,  0x2028, 0x4e2d, 0x6587,
                                           0xd800, 0xdfff, u'/',  u' '};
    QString text;
    const int length = random.bounded(0, 14);
    for (int i = 0; i < length; ++i) {
        const int pick = random.bounded(10);
        if (pick < 6)
            text += QChar(char16_t(random.bounded(0x20, 0x7f)));
        else if (pick < 9)
            text += QChar(odd[random.bounded(int(odd.size()))]);
        else
            text += QString::fromUcs4(U"\U0001F600");
    }
    return text;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 1 ? 6 : 8)) {
    case 0:
        return randomText(random);
    case 1:
        return qint64(random.generate64() >> random.bounded(64));
    case 2:
        return random.generateDouble() * std::pow(10.0, random.bounded(-8, 20));
    case 3:
        return random.bounded(2) == 1;
    case 4:
        return QJsonValue();
    case 5:
        return double(random.bounded(-1000000, 1000000));
    case 6: {
        QJsonArray array;
        for (int i = random.bounded(4); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(5); i > 0; --i)
            object.insert(randomText(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

TEST(PushText, ATypicalScorePushIsQtsTextByteForByte)
{
    const QJsonObject score{
        {QStringLiteral("unit"), QStringLiteral("DC001")},
        {QStringLiteral("indicator"), QStringLiteral("1.4")},
        {QStringLiteral("account"), QStringLiteral("g1.li")},
        {QStringLiteral("input"), QStringLiteral("较好")},
        {QStringLiteral("kind"), QStringLiteral("rater")},
        {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:00:00.000Z")}};
    const PushRequest request{
        QStringLiteral("dev-1"),
        {{1, QStringLiteral("score"), QStringLiteral("0190f5a3-1c2b-7d4e-8f60-1b2c3d4e5f60"),
          QStringLiteral("upsert"), QStringLiteral("1781942400000-00000"), score}},
        false,
        QStringLiteral("Ab3")};
    EXPECT_EQ(request.toJsonText().toStdString(), throughQt(request, true).toStdString());
    EXPECT_EQ(request.toJsonText(false).toStdString(), throughQt(request, false).toStdString());
    EXPECT_FALSE(request.toJsonText(false).contains("device_id"));
    EXPECT_TRUE(request.toJsonText(false).contains(
        "\"inc\":\"Ab3\",\"mutations\":[{\"data\":{\"account\""));
}

TEST(PushText, AnEmptyPushAndAResendAreQtsText)
{
    PushRequest request{QStringLiteral("dev-1"), {}, false, {}};
    EXPECT_EQ(request.toJsonText(), throughQt(request, true));
    EXPECT_EQ(request.toJsonText(false), QByteArray("{\"mutations\":[]}"));
    request.resend = true;
    request.mutations.push_back({9007199254740993,
                                 QStringLiteral("visit"),
                                 QStringLiteral("v"),
                                 QStringLiteral("delete"),
                                 QStringLiteral("1781942400000-00001"),
                                 {}});
    EXPECT_EQ(request.toJsonText(), throughQt(request, true));
    EXPECT_TRUE(request.toJsonText().endsWith("\"seq\":9007199254740993}],\"resend\":true}"));
}

TEST(PushText, RandomRequestsAreQtsTextAndTheirDigestsUnchanged)
{
    QRandomGenerator random(20261206);
    for (int round = 0; round < 2000; ++round) {
        PushRequest request;
        request.deviceId =
            random.bounded(4) == 0 ? randomText(random) : QStringLiteral("dev-%1").arg(round);
        request.resend = random.bounded(3) == 0;
        if (random.bounded(2) == 0)
            request.incarnationTag = randomText(random);
        qint64 seq = random.bounded(1, 1000);
        for (int i = random.bounded(5); i > 0; --i) {
            Mutation m;
            m.seq = seq += random.bounded(1, 1 << 20);
            const bool odd = random.bounded(6) == 0; // fields that need escapes or UTF-8
            m.entity = odd ? randomText(random) : QStringLiteral("score");
            m.id = odd ? randomText(random) : QStringLiteral("id-%1").arg(random.generate());
            m.op = random.bounded(2) ? QStringLiteral("upsert") : QStringLiteral("delete");
            m.hlc = odd ? randomText(random)
                        : QStringLiteral("1781942400000-%1").arg(i, 5, 10, QLatin1Char('0'));
            m.data = randomValue(random, 1).toObject();
            for (int k = random.bounded(6); k > 0; --k)
                m.data.insert(randomText(random), randomValue(random, 1));
            request.mutations.push_back(m);
        }
        const bool withDeviceId = random.bounded(2) == 0;
        ASSERT_EQ(request.toJsonText(withDeviceId), throughQt(request, withDeviceId))
            << "round " << round;
        for (const Mutation &m : request.mutations) {
            QJsonObject content = m.toJson();
            content.remove(QStringLiteral("seq"));
            QByteArray text;
            m.appendJsonText(text, false);
            ASSERT_EQ(text, QJsonDocument(content).toJson(QJsonDocument::Compact))
                << "round " << round;
        }
    }
}

TEST(PushText, StringsAreWrittenAsQtWritesThem)
{
    QRandomGenerator random(7);
    for (int i = 0; i < 5000; ++i) {
        const QString text = randomText(random);
        QByteArray mine;
        onsite::protocol::appendJsonString(mine, text);
        const QByteArray qt = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        ASSERT_EQ(mine, qt.mid(1, qt.size() - 2)) << text.toStdString();
    }
}
