// Protocol 2's compact form (protocol/compactwire.h): what a push looks like in it, that
// every body comes back byte for byte, and that broken text is refused.
#include "protocol/compactwire.h"
#include "protocol/protocol.h"
#include "protocol/records.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include <gtest/gtest.h>

using namespace onsite;
using protocol::compact::compactJson;
using protocol::compact::expandJson;

namespace {

QByteArray qtText(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// compact → expand must give back Qt's own compact text of the object.
void expectRoundTrip(const QJsonObject &json)
{
    const QByteArray plain = qtText(json);
    const QByteArray compact = compactJson(plain);
    ASSERT_FALSE(compact.isEmpty()) << plain.constData();
    QJsonParseError error;
    QJsonDocument::fromJson(compact, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << "not JSON: " << compact.constData();
    const auto expanded = expandJson(compact);
    ASSERT_TRUE(expanded.has_value()) << compact.constData();
    EXPECT_EQ(*expanded, plain) << "compact: " << compact.constData();
}

QString valueOf(const QByteArray &compact, const QString &path)
{
    QJsonValue value = QJsonDocument::fromJson(compact).object();
    for (const QString &step : path.split(QLatin1Char('/'))) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        value = isIndex ? value.toArray().at(index) : value.toObject().value(step);
    }
    return value.isString() ? value.toString() : QString::number(value.toInteger());
}

} // namespace

TEST(CompactWire, AOneScorePushIsWrittenShortAndComesBackWhole)
{
    ScoreEntry score;
    score.id = QStringLiteral("019ee40c-58f8-73d0-858d-7678544b95bf");
    score.unitCode = QStringLiteral("B00015");
    score.indicatorCode = QStringLiteral("2.3");
    score.account = QStringLiteral("g1.li");
    score.kind = ScoreKind::Rater;
    score.input = QStringLiteral("较好");
    score.recordedAt = QDateTime(QDate(2026, 6, 20), QTime(8, 1, 15), Qt::UTC);
    const protocol::Mutation mutation{301,
                                      protocol::entity::kScore,
                                      score.id,
                                      protocol::op::kUpsert,
                                      QStringLiteral("1781942475000-00000"),
                                      protocol::scoreToJson(score)};
    QJsonObject push{{QStringLiteral("mutations"), QJsonArray{mutation.toJson()}},
                     {QStringLiteral("inc"), QStringLiteral("qjLjnIvv")}};

    const QByteArray compact = compactJson(qtText(push));
    EXPECT_EQ(
        compact,
        QByteArray(
            "{\"n\":\"qjLjnIvv\",\"m\":[{\"d\":{\"a\":\"g1.li\",\"q\":\"2.3\",\"v\":\"较好\","
            "\"k\":\"r\",\"w\":1781942475000,\"u\":\"B00015\"},\"e\":\"s\",\"h\":1781942475000,"
            "\"i\":\"AZ7kDFj4c9CFjXZ4VEuVvw\",\"o\":\"u\",\"s\":301}]}"));
    EXPECT_LT(compact.size(), qtText(push).size() * 2 / 3);
    expectRoundTrip(push);
    // What HQ reads after expanding is the device's mutation, digest and all.
    const auto expanded = expandJson(compact);
    ASSERT_TRUE(expanded);
    QString error;
    const auto read = protocol::Mutation::fromJson(QJsonDocument::fromJson(*expanded)
                                                       .object()
                                                       .value(QStringLiteral("mutations"))
                                                       .toArray()
                                                       .at(0)
                                                       .toObject(),
                                                   &error);
    ASSERT_TRUE(read) << error.toStdString();
    EXPECT_EQ(read->digest(), mutation.digest());
}

TEST(CompactWire, TimesBecomeMillisecondsOnlyWhenTheyComeBackExactly)
{
    auto compactTime = [](const QString &text) {
        return valueOf(compactJson(qtText({{QStringLiteral("recorded_at"), text}})),
                       QStringLiteral("w"));
    };
    EXPECT_EQ(compactTime(QStringLiteral("1970-01-01T00:00:00.000Z")), QStringLiteral("0"));
    EXPECT_EQ(
        compactTime(QStringLiteral("2024-02-29T23:59:59.999Z")),
        QString::number(
            QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch()));
    EXPECT_EQ(compactTime(QStringLiteral("9999-12-31T23:59:59.999Z")),
              QStringLiteral("253402300799999"));
    // Not the canonical form, or no real moment from 1970 on: the text goes as it is.
    for (const char *text :
         {"2026-02-29T08:00:00.000Z", "1969-12-31T23:59:59.999Z", "2026-06-20T08:01:15Z",
          "2026-06-20T08:01:15.000+08:00", "2026-13-01T00:00:00.000Z", "2026-06-20T24:00:00.000Z",
          "2026-06-20t08:01:15.000Z", ""})
        EXPECT_EQ(compactTime(QString::fromLatin1(text)), QString::fromLatin1(text)) << text;
    for (const char *key : {"recorded_at", "checked_in_at", "checked_out_at", "captured_at",
                            "original_at", "changed_at", "assigned_at"}) {
        QRandomGenerator random(7);
        for (int i = 0; i < 300; ++i) {
            const qint64 ms =
                static_cast<qint64>(random.bounded(253402300800.0)) * 1000 + random.bounded(1000);
            const QString text =
                QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
            expectRoundTrip({{QString::fromLatin1(key), text}});
        }
    }
}

TEST(CompactWire, IdsAndCodesThatCouldBeMistakenAreMarked)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    EXPECT_EQ(
        valueOf(compactJson(qtText({{QStringLiteral("id"), uuid}})), QStringLiteral("i")).size(),
        22);
    // Upper case is no canonical UUID text: it stays as it is.
    EXPECT_EQ(
        valueOf(compactJson(qtText({{QStringLiteral("id"), uuid.toUpper()}})), QStringLiteral("i")),
        uuid.toUpper());
    EXPECT_EQ(valueOf(compactJson(qtText(
                          {{QStringLiteral("id"), QStringLiteral("abcdefghijklmnopqrstuv")}})),
                      QStringLiteral("i")),
              QStringLiteral("~abcdefghijklmnopqrstuv"));
    EXPECT_EQ(valueOf(compactJson(qtText({{QStringLiteral("op"), QStringLiteral("u")}})),
                      QStringLiteral("o")),
              QStringLiteral("~u"));
    EXPECT_EQ(compactJson(qtText({{QStringLiteral("d"), 1}, {QStringLiteral("~x"), 2}})),
              QByteArray("{\"~d\":1,\"~~x\":2}"));
    for (const QJsonObject &json :
         {QJsonObject{{QStringLiteral("id"), uuid}},
          QJsonObject{{QStringLiteral("id"), uuid.toUpper()}},
          QJsonObject{{QStringLiteral("id"), QStringLiteral("abcdefghijklmnopqrstuv")}},
          QJsonObject{{QStringLiteral("id"), QStringLiteral("~AZ7kDFj4c9CFjXZ4VEuVvw")}},
          QJsonObject{{QStringLiteral("id"), QStringLiteral("AZ7kDFj4c9CFjXZ4VEuVvx")}},
          QJsonObject{{QStringLiteral("op"), QStringLiteral("u")},
                      {QStringLiteral("entity"), QStringLiteral("~s")}},
          QJsonObject{{QStringLiteral("status"), QStringLiteral("a")},
                      {QStringLiteral("kind"), QStringLiteral("问题")}},
          QJsonObject{{QStringLiteral("hlc"), QStringLiteral("1781942475000-00001")},
                      {QStringLiteral("d"), QJsonObject{{QStringLiteral("hlc"),
                                                         QStringLiteral("0781942475000-00000")}}}},
          QJsonObject{{QStringLiteral("a"), QStringLiteral("x")},
                      {QStringLiteral("ta"), 3},
                      {QStringLiteral("~"), QJsonArray{1, 2}},
                      {QStringLiteral(""), QString()}}})
        expectRoundTrip(json);
}

TEST(CompactWire, AnyBodyOfTheProtocolsKeysAndValuesComesBackByteForByte)
{
    const QStringList keys{QStringLiteral("data"),      QStringLiteral("entity"),
                           QStringLiteral("hlc"),       QStringLiteral("id"),
                           QStringLiteral("op"),        QStringLiteral("seq"),
                           QStringLiteral("mutations"), QStringLiteral("changes"),
                           QStringLiteral("cursor"),    QStringLiteral("more"),
                           QStringLiteral("inc"),       QStringLiteral("account"),
                           QStringLiteral("indicator"), QStringLiteral("input"),
                           QStringLiteral("kind"),      QStringLiteral("unit"),
                           QStringLiteral("status"),    QStringLiteral("results"),
                           QStringLiteral("reason"),    QStringLiteral("message"),
                           QStringLiteral("current"),   QStringLiteral("site"),
                           QStringLiteral("visit"),     QStringLiteral("last_processed_seq"),
                           QStringLiteral("d"),         QStringLiteral("s"),
                           QStringLiteral("~"),         QStringLiteral("~d"),
                           QStringLiteral("ti"),        QStringLiteral("title"),
                           QStringLiteral("问题"),      QStringLiteral("a\"b"),
                           QStringLiteral("device_id")};
    const QStringList texts{QStringLiteral("score"),
                            QStringLiteral("s"),
                            QStringLiteral("~s"),
                            QStringLiteral("upsert"),
                            QStringLiteral("delete"),
                            QStringLiteral("u"),
                            QStringLiteral("applied"),
                            QStringLiteral("conflict"),
                            QStringLiteral("rater"),
                            QStringLiteral("final"),
                            QStringLiteral("recheck_result"),
                            QStringLiteral("r"),
                            QStringLiteral("019ee40c-58f8-73d0-858d-7678544b95bf"),
                            QStringLiteral("AZ7kDFj4c9CFjXZ4VEuVvw"),
                            QStringLiteral("~"),
                            QStringLiteral(""),
                            QStringLiteral("较好"),
                            QStringLiteral("line\nbreak \"quoted\" \\ back"),
                            QStringLiteral("\u0001\u007f"),
                            QStringLiteral("1781942475000-00000"),
                            QStringLiteral("2026-06-20T08:01:15.000Z"),
                            QStringLiteral("2026-02-30T08:01:15.000Z")};
    QRandomGenerator random(20261205);
    std::function<QJsonValue(int)> value = [&](int depth) -> QJsonValue {
        switch (random.bounded(depth > 3 ? 4 : 7)) {
        case 0:
            return texts[random.bounded(texts.size())];
        case 1:
            return QUuid::createUuid().toString(QUuid::WithoutBraces);
        case 2:
            return static_cast<qint64>(random.bounded(2000000));
        case 3:
            return random.bounded(2) ? QJsonValue(true) : QJsonValue(QJsonValue::Null);
        case 4:
        case 5: {
            QJsonObject object;
            for (int n = random.bounded(6); n > 0; --n)
                object.insert(keys[random.bounded(keys.size())], value(depth + 1));
            return object;
        }
        default: {
            QJsonArray array;
            for (int n = random.bounded(4); n > 0; --n)
                array.append(value(depth + 1));
            return array;
        }
        }
    };
    for (int i = 0; i < 3000; ++i) {
        QJsonObject body;
        for (int n = 1 + random.bounded(6); n > 0; --n) {
            const QString key = keys[random.bounded(keys.size())];
            QJsonValue v = value(0);
            // A number under a time or clock key comes back as the text it names (the
            // compact form's own way of writing them); the protocol never sends one.
            if ((key == QLatin1String("hlc") || key.endsWith(QLatin1String("_at"))) && v.isDouble())
                v = QString::number(v.toInteger());
            body.insert(key, v);
        }
        ASSERT_NO_FATAL_FAILURE(expectRoundTrip(body));
    }
}

TEST(CompactWire, SpacesGoAndBrokenTextIsRefused)
{
    EXPECT_EQ(compactJson(" {\n \"data\" : { } ,\t\"seq\" : [ 1 , -2.5e3 ] }\r\n"),
              QByteArray("{\"d\":{},\"s\":[1,-2.5e3]}"));
    EXPECT_EQ(*expandJson("[ {\"o\" : \"d\"} ]"), QByteArray("[{\"op\":\"delete\"}]"));
    for (const char *broken : {"", "{", "}", "{\"a\":}", "[1,]", "{\"a\":1}x", "{\"a\" 1}", "{a:1}",
                               "[01]", "[1.]", "[-]", "[1e]", "[\"\\x\"]", "[\"\\u12g4\"]",
                               "[\"open]", "[tru]", "[nul]", "{\"a\":1,}", "[\"a\nb\"]"}) {
        EXPECT_FALSE(expandJson(broken).has_value()) << broken;
        EXPECT_TRUE(compactJson(broken).isEmpty()) << broken;
    }
    // Nesting is capped, so a body of brackets cannot take HQ's stack.
    EXPECT_TRUE(expandJson(QByteArray(64, '[') + QByteArray(64, ']')).has_value());
    EXPECT_FALSE(expandJson(QByteArray(65, '[') + QByteArray(65, ']')).has_value());
    EXPECT_FALSE(expandJson(QByteArray(1000000, '[')).has_value());
}

TEST(CompactWire, AnExpansionStopsPastItsLimit)
{
    // Each "w":0 is 5 bytes and expands to a 40-byte time: eight times over.
    QByteArray body = "[";
    for (int i = 0; i < 10000; ++i)
        body += (i ? ",{\"w\":0}" : "{\"w\":0}");
    body += "]";
    bool tooLarge = false;
    EXPECT_FALSE(expandJson(body, 100000, &tooLarge).has_value());
    EXPECT_TRUE(tooLarge);
    const auto whole = expandJson(body, 1000000, &tooLarge);
    ASSERT_TRUE(whole.has_value());
    EXPECT_FALSE(tooLarge);
    EXPECT_GT(whole->size(), 100000);
    EXPECT_LE(whole->size(), 1000000);
    // Broken text within the limit is not "too large".
    EXPECT_FALSE(expandJson("{\"w\":", 100, &tooLarge).has_value());
    EXPECT_FALSE(tooLarge);
}
