// HQ's feed stores every pushed score as protocol::scoreJsonText; devices pull those
// bytes as they are, so the text must be exactly what Qt's writer makes of scoreToJson.
#include "protocol/records.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <gtest/gtest.h>

#include <algorithm>

using namespace onsite;

namespace {

QString throughQt(const ScoreEntry &s)
{
    return QString::fromUtf8(
        QJsonDocument(protocol::scoreToJson(s)).toJson(QJsonDocument::Compact));
}

ScoreEntry sample()
{
    ScoreEntry s;
    s.id = QStringLiteral("019ee40b-3400-7123-8567-89abcdef0123");
    s.unitCode = QStringLiteral("DC");
    s.indicatorCode = QStringLiteral("1.4");
    s.account = QStringLiteral("g1.li");
    s.kind = ScoreKind::Rater;
    s.input = QStringLiteral("较好");
    s.recordedAt = QDateTime(QDate(2026, 6, 20), QTime(8, 1, 15, 42), Qt::UTC);
    return s;
}

} // namespace

TEST(ScoreJsonText, IsQtsTextForAPlainScoreWithAndWithoutAReason)
{
    ScoreEntry s = sample();
    EXPECT_EQ(
        protocol::scoreJsonText(s).toStdString(),
        R"({"account":"g1.li","indicator":"1.4","input":"较好","kind":"rater","recorded_at":"2026-06-20T08:01:15.042Z","unit":"DC"})");
    EXPECT_EQ(protocol::scoreJsonText(s), throughQt(s));
    s.kind = ScoreKind::Final;
    s.reason = QStringLiteral("组长核定：复核第一书记驻村日志");
    EXPECT_EQ(protocol::scoreJsonText(s), throughQt(s));
    EXPECT_TRUE(protocol::scoreJsonText(s).contains(QStringLiteral("\"reason\":\"组长核定")));
}

TEST(ScoreJsonText, TextQtWouldEscapeIsEscapedAsQtDoes)
{
    const QStringList awkward{QStringLiteral("引号\"在内"),
                              QStringLiteral("反斜杠\\"),
                              QStringLiteral("换行\n制表\t回车\r"),
                              QString(QChar(0x01)) + QChar(0x1f) + QChar(0x7f),
                              QString(QChar(0xd83d)) + QChar(0xde00), // 😀, a surrogate pair
                              QString(QChar(0xd800)),                 // a lone surrogate
                              QStringLiteral("</script>&<>'"),
                              QString()};
    for (const QString &text : awkward) {
        ScoreEntry s = sample();
        s.reason = text;
        EXPECT_EQ(protocol::scoreJsonText(s), throughQt(s)) << "reason " << text.toStdString();
        s = sample();
        s.input = text;
        EXPECT_EQ(protocol::scoreJsonText(s), throughQt(s)) << "input " << text.toStdString();
    }
    ScoreEntry noTime = sample();
    noTime.recordedAt = QDateTime();
    EXPECT_EQ(protocol::scoreJsonText(noTime), throughQt(noTime));
}

TEST(ScoreJsonText, RandomTextGivesQtsText)
{
    QRandomGenerator random(20261204);
    auto randomText = [&random] {
        QString text;
        const int length = int(random.bounded(12));
        for (int i = 0; i < length; ++i) {
            // Mostly printable ASCII and Chinese, so about half the scores are plain; now
            // and then a character Qt escapes or a surrogate.
            const int pick = int(random.bounded(100));
            if (pick < 60)
                text += QChar(char16_t(0x20 + random.bounded(0x5f)));
            else if (pick < 97)
                text += QChar(char16_t(0x4e00 + random.bounded(0x5000)));
            else if (pick < 99)
                text += QChar(char16_t(
                    QStringLiteral("\"\\\x7f\n\x01").at(int(random.bounded(5))).unicode()));
            else
                text += QChar(char16_t(0xd800 + random.bounded(0x800)));
        }
        return text;
    };
    int plain = 0;
    for (int i = 0; i < 5'000; ++i) {
        ScoreEntry s = sample();
        s.unitCode = randomText();
        s.indicatorCode = randomText();
        s.account = randomText();
        s.input = randomText();
        s.reason = randomText();
        s.kind = i % 2 ? ScoreKind::Final : ScoreKind::Rater;
        const QString text = protocol::scoreJsonText(s);
        ASSERT_EQ(text, throughQt(s)) << "round " << i;
        const QString all = s.unitCode + s.indicatorCode + s.account + s.input + s.reason;
        plain += std::all_of(all.begin(), all.end(), [](QChar c) {
            return c.unicode() >= 0x20 && c != QLatin1Char('"') && c != QLatin1Char('\\') &&
                   c.unicode() != 0x7f && !c.isSurrogate();
        });
    }
    EXPECT_GT(plain, 1'000); // the written-by-hand path, not only Qt's, was compared
}
