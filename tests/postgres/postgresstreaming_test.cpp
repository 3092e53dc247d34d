// PostgresConnection::queryEach and queryEachText read row by row (libpq's single-row
// mode): a large result never sits in memory whole, and after a failure or a throwing
// callback the connection is ready for the next statement.
#include "postgrestestdb.h"
#include "system/processstatus.h"

#include <gtest/gtest.h>

using onsite::SqlError;
using onsite::SqlRow;
using onsite::SqlTextRow;
using onsite::test::PostgresTest;

namespace {

class PostgresStreamingTest : public PostgresTest
{
};

const QString kWide = QStringLiteral("SELECT g, repeat('x', 2000) FROM generate_series(1, ?) AS g");

} // namespace

TEST_F(PostgresStreamingTest, ALargeResultIsReadRowByRowInBoundedMemory)
{
    constexpr int kRows = 100000; // 200 MB of text when read whole
    for (int text = 0; text < 2; ++text) {
        onsite::resetPeakResident();
        const double before = onsite::processStatusKiB("VmRSS:") / 1024.0;
        qint64 rows = 0;
        qint64 sum = 0;
        qint64 bytes = 0;
        if (text) {
            db->queryEachText(kWide, {kRows}, [&](const SqlTextRow &row) {
                ++rows;
                sum += row[0].toByteArray().toLongLong();
                bytes += row[1].size();
            });
        } else {
            db->queryEach(kWide, {kRows}, [&](const SqlRow &row) {
                ++rows;
                sum += row[0].toLongLong();
                bytes += row[1].toString().size();
            });
        }
        const double peak = onsite::processStatusKiB("VmHWM:") / 1024.0 - before;
        EXPECT_EQ(rows, kRows);
        EXPECT_EQ(sum, qint64(kRows) * (kRows + 1) / 2);
        EXPECT_EQ(bytes, qint64(kRows) * 2000);
        EXPECT_LT(peak, 40.0) << "peak memory grew by " << peak << " MB reading " << (text ? "text" : "variants");
    }
}

TEST_F(PostgresStreamingTest, TextRowsGiveNullsAndUtf8)
{
    std::vector<QByteArray> cells;
    std::vector<bool> nulls;
    db->queryEachText(QStringLiteral("SELECT '较好'::text, NULL::text, ''::text, 42, ?::text"), {QStringLiteral("甲")},
                      [&](const SqlTextRow &row) {
                          for (int c = 0; c < row.size(); ++c) {
                              cells.push_back(row[c].toByteArray());
                              nulls.push_back(row.isNull(c));
                          }
                      });
    ASSERT_EQ(cells.size(), 5u);
    EXPECT_EQ(cells[0], QStringLiteral("较好").toUtf8());
    EXPECT_TRUE(nulls[1]);
    EXPECT_FALSE(nulls[2]);
    EXPECT_EQ(cells[2], QByteArray());
    EXPECT_EQ(cells[3], QByteArray("42"));
    EXPECT_EQ(cells[4], QStringLiteral("甲").toUtf8());
}

TEST_F(PostgresStreamingTest, AThrowingCallbackLeavesTheConnectionReady)
{
    int seen = 0;
    EXPECT_THROW(db->queryEach(kWide, {5000},
                               [&](const SqlRow &) {
                                   if (++seen == 10)
                                       throw std::runtime_error("stop");
                               }),
                 std::runtime_error);
    EXPECT_EQ(seen, 10) << "no row after the throw reaches the callback";
    EXPECT_EQ(db->query(QStringLiteral("SELECT 1 + 1")).front().front().toInt(), 2);
}

TEST_F(PostgresStreamingTest, AnErrorPartWayThroughIsReportedAndTheConnectionStaysReady)
{
    // Division by zero at row 1000: the rows before it may arrive, then the error.
    int seen = 0;
    EXPECT_THROW(db->queryEachText(QStringLiteral("SELECT 1 / (1000 - g) FROM generate_series(1, 2000) AS g"), {},
                                   [&](const SqlTextRow &) { ++seen; }),
                 SqlError);
    EXPECT_LT(seen, 1000);
    EXPECT_THROW(db->queryEach(QStringLiteral("SELECT * FROM no_such_table"), {}, [](const SqlRow &) {}), SqlError);
    EXPECT_THROW(db->queryEach(QStringLiteral("SELECT ?"), {}, [](const SqlRow &) {}), SqlError);
    EXPECT_EQ(db->query(QStringLiteral("SELECT 3")).front().front().toInt(), 3);
    // And inside a transaction the rows written before are read back streamed.
    db->executeScript(QStringLiteral("CREATE TABLE s (v INTEGER)"));
    onsite::SqlTransaction transaction(*db);
    db->execute(QStringLiteral("INSERT INTO s SELECT generate_series(1, 300)"));
    qint64 sum = 0;
    db->queryEach(QStringLiteral("SELECT v FROM s"), {}, [&](const SqlRow &row) { sum += row[0].toLongLong(); });
    EXPECT_EQ(sum, 300 * 301 / 2);
    transaction.commit();
}
