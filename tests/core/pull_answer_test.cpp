#include "hq/pullanswer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using onsite::hq::ChangeFeed;
using onsite::hq::pullAnswerJson;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// What HQ answered before: the page parsed into a PullResponse and written by Qt.
QByteArray throughQt(const ChangeFeed::Page &page, const QString &incarnation)
{
    onsite::protocol::PullResponse response = page.toResponse();
    response.incarnation = incarnation;
    return compact(response.toJson());
}

ChangeFeed::Page sample()
{
    ChangeFeed::Page page;
    page.cursor = 9'007'199'254'740'993; // above 2^53: an integer, not a double
    page.changes.push_back(
        {1, "score", "b3d0058d-7678-544b-95bf-e27400869112", "upsert",
         compact({{QStringLiteral("unit"), QStringLiteral("B00015")},
                  {QStringLiteral("input"), QStringLiteral("1")},
                  {QStringLiteral("recorded_at"), QStringLiteral("2026-06-20T08:01:15.000Z")}})});
    page.changes.push_back(
        {2, "finding", QStringLiteral("带\"引号\\与\t控制\u0001字符").toUtf8(), "upsert",
         compact(
             {{QStringLiteral("text"),
               QStringLiteral("村务公开栏未更新 \"近三月\"\n\u007f\U0001F600")},
              {QStringLiteral("accuracy_m"), 12.5},
              {QStringLiteral("tiny"), 1e-300},
              {QStringLiteral("photos"), QJsonArray{QStringLiteral("a"), 2, true, QJsonValue()}},
              {QStringLiteral("nested"),
               QJsonObject{{QStringLiteral("z"), 1}, {QStringLiteral("a"), QJsonObject{}}}}})});
    page.changes.push_back({3, "visit", "v-1", "delete", compact(QJsonObject())});
    return page;
}

TEST(PullAnswer, IsByteForByteWhatQtWroteFromTheParsedPage)
{
    ChangeFeed::Page page = sample();
    for (const bool more : {false, true}) {
        page.more = more;
        for (const QString &incarnation :
             {QString(), QStringLiteral("0b6f3c2e-5d1a-4c8e-9f00-123456789abc")}) {
            const QByteArray answer = pullAnswerJson(page, incarnation);
            EXPECT_EQ(answer.toStdString(), throughQt(page, incarnation).toStdString());
            QJsonParseError error;
            QJsonDocument::fromJson(answer, &error);
            EXPECT_EQ(error.error, QJsonParseError::NoError) << answer.toStdString();
        }
    }
}

TEST(PullAnswer, AnEmptyPageCarriesOnlyTheCursor)
{
    ChangeFeed::Page page;
    page.cursor = 42;
    EXPECT_EQ(pullAnswerJson(page, {}), QByteArray(R"({"changes":[],"cursor":42})"));
    EXPECT_EQ(pullAnswerJson(page, {}), throughQt(page, {}));
}

TEST(PullAnswer, AStoredRecordThatIsNoStrictJsonObjectGoesThroughQtAsBefore)
{
    // Rows HQ did not write (edited by hand, cut short): the answer stays readable, and
    // each record is what Qt made of it before: an empty object where Qt refuses the text,
    // Qt's reading where it is lenient (a raw tab in a string, "1.").
    const QByteArray deep =
        QByteArray("{\"a\":") + QByteArray(3000, '[') + QByteArray(3000, ']') + '}';
    const QList<QByteArray> unreadable{"garbage",
                                       "",
                                       "[1,2]",
                                       "{\"a\":",
                                       "{\"a\":}",
                                       "{\"a\":tru}",
                                       "{\"a\":1e999}",
                                       "{\"a\":-}",
                                       "{\"a\":1.}",
                                       "{\"a\":\"\xff\"}",
                                       "{\"a\":\"\xed\xa0\x80\"}",
                                       "{\"a\":\"\xc0\xaf\"}",
                                       "{\"a\":\"x\\u12\"}",
                                       "{\"a\":\"\\q\"}",
                                       "{\"a\":\"tab\there\"}",
                                       "{\"a\" 1}",
                                       "{\"a\":1}x",
                                       "{\"a\":1,}",
                                       "{a:1}",
                                       deep};
    for (const QByteArray &stored : unreadable) {
        ChangeFeed::Page page;
        page.cursor = 5;
        page.changes.push_back({5, "score", "s-1", "upsert", stored});
        const QByteArray answer = pullAnswerJson(page, {});
        EXPECT_EQ(answer.toStdString(), throughQt(page, {}).toStdString())
            << stored.left(40).toStdString();
        const QJsonObject parsed = QJsonDocument::fromJson(answer).object();
        ASSERT_EQ(parsed.value(QLatin1String("changes")).toArray().size(), 1)
            << answer.left(80).toStdString();
        const QJsonObject record = parsed.value(QLatin1String("changes"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QLatin1String("data"))
                                       .toObject();
        EXPECT_EQ(record, QJsonDocument::fromJson(stored).object())
            << stored.left(40).toStdString();
    }
}

TEST(PullAnswer, AReadableRecordWrittenOtherwiseGoesAsItIsAndReadsTheSame)
{
    const QByteArray spaced =
        "{ \"b\" : 1.7976931348623157e+308 , \"a\" : [ true , null , \"\xe4\xb8\xad\" ] }";
    ChangeFeed::Page page;
    page.cursor = 7;
    page.changes.push_back({7, "score", "s-2", "upsert", spaced});
    const QByteArray answer = pullAnswerJson(page, {});
    QJsonParseError error;
    const QJsonObject parsed = QJsonDocument::fromJson(answer, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << answer.toStdString();
    EXPECT_EQ(parsed.value(QLatin1String("changes"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QLatin1String("data"))
                  .toObject(),
              QJsonDocument::fromJson(spaced).object());
    EXPECT_FALSE(QJsonDocument::fromJson(spaced).object().isEmpty());
    EXPECT_TRUE(answer.contains(spaced)) << answer.toStdString();

    // Every record of the sample (escapes, emoji, DEL, tiny doubles, nesting) is taken as
    // it is: with a space added, it reaches the answer unchanged.
    for (const ChangeFeed::Page::Entry &change : sample().changes) {
        ChangeFeed::Page one;
        one.changes.push_back(change);
        one.changes.back().data.insert(1, ' ');
        EXPECT_TRUE(pullAnswerJson(one, {}).contains(one.changes.back().data))
            << change.data.toStdString();
    }
}

} // namespace
