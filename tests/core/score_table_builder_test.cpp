// ScoreTableBuilder gathers rows in blocks before adding them to the table, on a second
// thread or on the reading one. Whichever way, the table must hold every row, in the
// order read, as adding them one by one would.
#include "store/scoretablebuilder.h"

#include <gtest/gtest.h>

#include <vector>

namespace onsite {
namespace {

struct TextRow
{
    QByteArray cells[6];
};

// More rows than several blocks, with codes longer than 16 bytes among short ones.
std::vector<TextRow> sampleRows()
{
    std::vector<TextRow> rows;
    const QByteArray longUnit = QByteArray("城区第一社区居民委员会"); // 33 bytes of UTF-8
    for (int i = 0; i < 10007; ++i) {
        TextRow row;
        row.cells[0] = i % 7 == 0 ? longUnit : "U" + QByteArray::number(i / 40);
        row.cells[1] = "1." + QByteArray::number(i % 13);
        row.cells[2] = i % 11 == 0 ? QByteArray("an-account-longer-than-sixteen")
                                   : "g1.r" + QByteArray::number(i % 10);
        row.cells[3] = i % 9 == 0 ? "final" : "rater";
        row.cells[4] = i % 3 == 0 ? QByteArray("较好") : QByteArray::number(i % 17);
        row.cells[5] = i % 101 == 0 ? QByteArray("not a time")
                                    : QByteArray("2026-06-20T09:00:") +
                                          QByteArray::number(10 + i % 50) + ".000Z";
        rows.push_back(row);
    }
    return rows;
}

ScoreTable builtThrough(bool onSecondThread, const std::vector<TextRow> &rows)
{
    ScoreTableBuilder builder(onSecondThread, onSecondThread ? 0 : rows.size());
    SqlTextRow text;
    text.resize(6);
    for (const TextRow &row : rows) {
        for (int c = 0; c < 6; ++c)
            text.set(c, row.cells[c]);
        builder.add(text);
    }
    return builder.finish();
}

TEST(ScoreTableBuilder, EveryRowInTheOrderReadOnOneThreadAndOnTwo)
{
    const std::vector<TextRow> rows = sampleRows();
    ScoreTable expected;
    for (const TextRow &row : rows) {
        expected.add(QString::fromUtf8(row.cells[0]), QString::fromUtf8(row.cells[1]),
                     QString::fromUtf8(row.cells[2]),
                     row.cells[3] == "final" ? ScoreKind::Final : ScoreKind::Rater,
                     QString::fromUtf8(row.cells[4]),
                     ScoreTable::parseTimestamp(QString::fromUtf8(row.cells[5])));
    }
    // With one processor the builder never starts its second thread: both passes then
    // take the one-thread path.
    for (const bool onSecondThread : {false, true}) {
        const ScoreTable table = builtThrough(onSecondThread, rows);
        ASSERT_EQ(table.size(), rows.size()) << onSecondThread;
        EXPECT_EQ(table.units(), expected.units());
        EXPECT_EQ(table.indicators(), expected.indicators());
        EXPECT_EQ(table.accounts(), expected.accounts());
        EXPECT_EQ(table.inputs(), expected.inputs());
        for (std::size_t p = 0; p < rows.size(); ++p) {
            const ScoreTable::Row &got = table.row(p);
            const ScoreTable::Row &want = expected.row(p);
            ASSERT_EQ(got.unit, want.unit) << p;
            ASSERT_EQ(got.indicator, want.indicator) << p;
            ASSERT_EQ(got.account, want.account) << p;
            ASSERT_EQ(got.input, want.input) << p;
            ASSERT_EQ(got.recordedAt, want.recordedAt) << p;
            ASSERT_EQ(table.kind(p), expected.kind(p)) << p;
        }
        EXPECT_EQ(table.row(101).recordedAt, ScoreTable::kInvalidTime);
        EXPECT_EQ(table.kind(9), ScoreKind::Final);
    }
}

TEST(ScoreTableBuilder, AnEmptyReadGivesAnEmptyTable)
{
    EXPECT_EQ(builtThrough(false, {}).size(), 0u);
    EXPECT_EQ(builtThrough(true, {}).size(), 0u);
}

} // namespace
} // namespace onsite
