#include "import/textdecoding.h"

#include "testsupport.h"

#include <gtest/gtest.h>

using namespace onsite;

namespace {

const QByteArray kBom("\xEF\xBB\xBF");

// Mixes ASCII, common and less common CJK and full-width punctuation, as the
// campaign files do.
QString sampleText()
{
    return QStringLiteral("编码,名称,类别\r\nDC,东城区,城区\r\nQS,青山县,山区县（“示范”；甲）\r\n");
}

} // namespace

TEST(TextDecoding, Utf8WithBomIsDecodedWithoutTheBom)
{
    const auto decoded = decodeSpreadsheetText(kBom + sampleText().toUtf8());
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->encoding, TextEncoding::Utf8WithBom);
    EXPECT_EQ(decoded->text, sampleText());
    EXPECT_FALSE(decoded->text.startsWith(QChar(0xFEFF))) << "a BOM left in would corrupt the first column name";
}

TEST(TextDecoding, Utf8WithoutBom)
{
    const auto decoded = decodeSpreadsheetText(sampleText().toUtf8());
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->encoding, TextEncoding::Utf8);
    EXPECT_EQ(decoded->text, sampleText());
}

TEST(TextDecoding, PlainAsciiIsUtf8)
{
    const auto decoded = decodeSpreadsheetText(QByteArray("code,name\r\nDC,x\r\n"));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->encoding, TextEncoding::Utf8);
    EXPECT_EQ(decoded->text, QStringLiteral("code,name\r\nDC,x\r\n"));
}

TEST(TextDecoding, Gb18030)
{
    const auto bytes = encodeGb18030(sampleText());
    ASSERT_TRUE(bytes);
    // Sanity: the bytes really differ from UTF-8, so the GB18030 branch is what is tested.
    ASSERT_NE(*bytes, sampleText().toUtf8());
    const auto decoded = decodeSpreadsheetText(*bytes);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->encoding, TextEncoding::Gb18030);
    EXPECT_EQ(decoded->text, sampleText());
}

TEST(TextDecoding, Gb18030KnownBytes)
{
    // "城区" in GBK, as Notepad or Excel on Chinese Windows writes it.
    const auto decoded = decodeSpreadsheetText(QByteArray("\xB3\xC7\xC7\xF8"));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->encoding, TextEncoding::Gb18030);
    EXPECT_EQ(decoded->text, QStringLiteral("城区"));
    EXPECT_EQ(encodeGb18030(QStringLiteral("城区")), QByteArray("\xB3\xC7\xC7\xF8"));
}

TEST(TextDecoding, Gb18030FourByteCharacters)
{
    // Characters outside GBK use GB18030's four-byte form; rare names of people and
    // villages do occur.
    const QString text = QStringLiteral("𠀀村,€");
    const auto bytes = encodeGb18030(text);
    ASSERT_TRUE(bytes);
    const auto decoded = decodeSpreadsheetText(*bytes);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->encoding, TextEncoding::Gb18030);
    EXPECT_EQ(decoded->text, text);
}

TEST(TextDecoding, SampleFilesInGb18030DecodeToTheSameText)
{
    for (const auto &[name, bytes] : test::sampleCampaignFiles().asKeyValueRange()) {
        SCOPED_TRACE(name.toStdString());
        const auto original = decodeSpreadsheetText(bytes);
        ASSERT_TRUE(original);
        EXPECT_EQ(original->encoding, TextEncoding::Utf8WithBom);
        const auto gb = encodeGb18030(original->text);
        ASSERT_TRUE(gb);
        const auto decoded = decodeSpreadsheetText(*gb);
        ASSERT_TRUE(decoded);
        EXPECT_EQ(decoded->encoding, TextEncoding::Gb18030);
        EXPECT_EQ(decoded->text, original->text);
    }
}

TEST(TextDecoding, EmptyInput)
{
    const auto decoded = decodeSpreadsheetText(QByteArray());
    ASSERT_TRUE(decoded);
    EXPECT_TRUE(decoded->text.isEmpty());
}

TEST(TextDecoding, BytesThatAreNeitherAreRejected)
{
    // 0xFF never occurs in UTF-8 and is no GB18030 lead byte.
    EXPECT_FALSE(decodeSpreadsheetText(QByteArray("DC,\xFF\xFE,x\r\n")));
    // A GB18030 lead byte cut off at the end of the file.
    EXPECT_FALSE(decodeSpreadsheetText(QByteArray("\xB3\xC7\xC7")));
    // A stray 0x80 is invalid in both.
    EXPECT_FALSE(decodeSpreadsheetText(QByteArray("a,\x80,b")));
}

TEST(TextDecoding, BomFollowedByInvalidUtf8IsRejected)
{
    // A BOM promises UTF-8; falling back to GB18030 behind it would import mojibake.
    const auto gb = encodeGb18030(QStringLiteral("城区"));
    ASSERT_TRUE(gb);
    EXPECT_FALSE(decodeSpreadsheetText(kBom + *gb));
}
