#include "import/csvparser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace onsite;

namespace {

const QString kFile = QStringLiteral("test.csv");

std::vector<CsvRecord> parse(const QString &text)
{
    return parseCsv(text, kFile);
}

// Fields as std::string so gtest prints readable diffs.
std::vector<std::string> fieldsOf(const CsvRecord &record)
{
    std::vector<std::string> fields;
    for (const QString &field : record.fields)
        fields.push_back(field.toStdString());
    return fields;
}

std::vector<int> linesOf(const std::vector<CsvRecord> &records)
{
    std::vector<int> lines;
    for (const CsvRecord &record : records)
        lines.push_back(record.line);
    return lines;
}

ImportError parseError(const QString &text)
{
    try {
        const auto records = parse(text);
        ADD_FAILURE() << "parsed " << records.size() << " records instead of throwing";
    } catch (const ImportException &e) {
        return e.error();
    }
    return {};
}

using Fields = std::vector<std::string>;

} // namespace

TEST(CsvParser, SplitsPlainFields)
{
    const auto records = parse(QStringLiteral("编码,名称,类别\r\nDC,东城区,城区\r\n"));
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(fieldsOf(records[0]), (Fields{"编码", "名称", "类别"}));
    EXPECT_EQ(fieldsOf(records[1]), (Fields{"DC", "东城区", "城区"}));
    EXPECT_EQ(linesOf(records), (std::vector<int>{1, 2}));
}

TEST(CsvParser, KeepsCommasInsideQuotedFields)
{
    const auto records = parse(QStringLiteral("a,\"1,2,3\",b\r\n"));
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(fieldsOf(records[0]), (Fields{"a", "1,2,3", "b"}));
}

TEST(CsvParser, UndoublesQuotesInsideQuotedFields)
{
    const auto records = parse(QStringLiteral("\"支部“三会一课”\"\"规范\"\"\",\"\"\"\"\r\n"));
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(fieldsOf(records[0]), (Fields{"支部“三会一课”\"规范\"", "\""}));
}

TEST(CsvParser, EmptyQuotedFieldIsEmpty)
{
    const auto records = parse(QStringLiteral("a,\"\",b\n"));
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(fieldsOf(records[0]), (Fields{"a", "", "b"}));
}

TEST(CsvParser, LineBreakInQuotedFieldWithCrlf)
{
    const auto records = parse(QStringLiteral("h1,h2\r\n1,\"第一行\r\n第二行\"\r\n2,x\r\n"));
    ASSERT_EQ(records.size(), 3u);
    // Whatever the file used, a break inside a cell comes out as '\n'.
    EXPECT_EQ(fieldsOf(records[1]), (Fields{"1", "第一行\n第二行"}));
    // The record that holds the break starts on line 2; the next one is on line 4.
    EXPECT_EQ(linesOf(records), (std::vector<int>{1, 2, 4}));
}

TEST(CsvParser, LineBreakInQuotedFieldWithLf)
{
    const auto records = parse(QStringLiteral("h1,h2\n1,\"a\nb\nc\"\n2,x\n3,y"));
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(fieldsOf(records[1]), (Fields{"1", "a\nb\nc"}));
    EXPECT_EQ(linesOf(records), (std::vector<int>{1, 2, 5, 6}));
}

TEST(CsvParser, LineBreakInQuotedFieldWithCr)
{
    const auto records = parse(QStringLiteral("1,\"a\rb\"\r2,x\r"));
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(fieldsOf(records[0]), (Fields{"1", "a\nb"}));
    EXPECT_EQ(linesOf(records), (std::vector<int>{1, 3}));
}

TEST(CsvParser, AcceptsCrlfLfAndCrLineEnds)
{
    for (const QString &end : {QStringLiteral("\r\n"), QStringLiteral("\n"), QStringLiteral("\r")}) {
        SCOPED_TRACE(end.toStdString() == "\r\n" ? "CRLF" : end.toStdString() == "\n" ? "LF" : "CR");
        const auto records = parse(QStringLiteral("a,b") + end + QStringLiteral("c,d") + end + QStringLiteral("e,f"));
        ASSERT_EQ(records.size(), 3u);
        EXPECT_EQ(fieldsOf(records[0]), (Fields{"a", "b"}));
        EXPECT_EQ(fieldsOf(records[2]), (Fields{"e", "f"}));
        EXPECT_EQ(linesOf(records), (std::vector<int>{1, 2, 3}));
    }
}

TEST(CsvParser, MixedLineEndsCountEachBreakOnce)
{
    const auto records = parse(QStringLiteral("a\r\nb\nc\rd"));
    EXPECT_EQ(linesOf(records), (std::vector<int>{1, 2, 3, 4}));
}

TEST(CsvParser, TrailingNewlineAddsNoRecord)
{
    const auto with = parse(QStringLiteral("a,b\r\nc,d\r\n"));
    const auto without = parse(QStringLiteral("a,b\r\nc,d"));
    ASSERT_EQ(with.size(), 2u);
    ASSERT_EQ(without.size(), 2u);
    EXPECT_EQ(fieldsOf(with[1]), fieldsOf(without[1]));
    EXPECT_EQ(fieldsOf(without[1]), (Fields{"c", "d"}));
}

TEST(CsvParser, TrailingEmptyFieldIsKept)
{
    // HQ staff in people.csv end in two empty cells; the row must keep every column
    // so that cells still line up with the header.
    const auto records = parse(QStringLiteral("kpb.admin,赵考评,考评办,,\r\n"));
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(fieldsOf(records[0]), (Fields{"kpb.admin", "赵考评", "考评办", "", ""}));
}

TEST(CsvParser, SkipsBlankAndCommaOnlyRowsButCountsTheirLines)
{
    const auto records = parse(QStringLiteral("h1,h2\r\n\r\n,,,,\r\na,b\r\n  ,  \r\n\r\nc,d\r\n,,\r\n"));
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(fieldsOf(records[1]), (Fields{"a", "b"}));
    EXPECT_EQ(fieldsOf(records[2]), (Fields{"c", "d"}));
    EXPECT_EQ(linesOf(records), (std::vector<int>{1, 4, 7}));
}

TEST(CsvParser, EmptyTextHasNoRecords)
{
    EXPECT_TRUE(parse(QString()).empty());
    EXPECT_TRUE(parse(QStringLiteral("\r\n\r\n")).empty());
}

TEST(CsvParser, UnterminatedQuoteNamesWhereTheFieldStarts)
{
    // The quote opens on line 3 in column 2 and swallows the rest of the file; the
    // error must point back at the opening, not at the end of the file.
    const ImportError error = parseError(QStringLiteral("h1,h2\r\na,b\r\nc,\"never closed\r\nd,e\r\nf,g\r\n"));
    EXPECT_EQ(error.file, kFile);
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.column, 2);
    EXPECT_FALSE(error.message.isEmpty());
}

TEST(CsvParser, UnterminatedQuoteInFirstColumn)
{
    const ImportError error = parseError(QStringLiteral("a,b\n\"x,y"));
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 1);
}

TEST(CsvParser, TextAfterClosingQuoteIsRejected)
{
    const ImportError error = parseError(QStringLiteral("h1,h2,h3\r\na,\"b\"c,d\r\n"));
    EXPECT_EQ(error.file, kFile);
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 2);
    EXPECT_TRUE(error.message.contains(QStringLiteral("右引号"))) << error.message.toStdString();
}

TEST(CsvParser, QuoteInsideUnquotedFieldIsRejected)
{
    // Excel never writes this; it means the file was edited by hand and a cell's
    // boundaries are uncertain, so guessing would be worse than rejecting.
    const ImportError error = parseError(QStringLiteral("h1,h2,h3\r\nx,y,ab\"c\r\n"));
    EXPECT_EQ(error.file, kFile);
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 3);
    EXPECT_TRUE(error.message.contains(QStringLiteral("引号"))) << error.message.toStdString();
}

TEST(CsvParser, ErrorAfterMultilineCellCountsItsLines)
{
    const ImportError error = parseError(QStringLiteral("a,\"1\n2\n3\"\nb,c\"d\n"));
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.column, 2);
}

TEST(CsvParser, ExceptionTextNamesFileLineAndColumn)
{
    try {
        parse(QStringLiteral("h\r\n\"open"));
        FAIL() << "no exception";
    } catch (const ImportException &e) {
        const QString text = QString::fromUtf8(e.what());
        EXPECT_TRUE(text.startsWith(kFile)) << e.what();
        EXPECT_TRUE(text.contains(QStringLiteral("第 2 行"))) << e.what();
        EXPECT_TRUE(text.contains(QStringLiteral("第 1 列"))) << e.what();
    }
}
