// Rows read as text (SqlConnection::queryEachText), on SQLite and through the default
// that any other connection inherits, and the score table interned from those bytes.
#include "scoring/scoretable.h"
#include "store/sqliteconnection.h"

#include <gtest/gtest.h>

namespace onsite {
namespace {

// Only query(): queryEach and queryEachText are SqlConnection's defaults.
class PlainConnection : public SqlConnection
{
public:
    explicit PlainConnection(SqlConnection &inner) : m_inner(inner) {}
    void execute(const QString &sql, const QVariantList &params) override { m_inner.execute(sql, params); }
    std::vector<SqlRow> query(const QString &sql, const QVariantList &params) override
    {
        return m_inner.query(sql, params);
    }
    void executeScript(const QString &sql) override { m_inner.executeScript(sql); }
    void begin() override { m_inner.begin(); }
    void commit() override { m_inner.commit(); }
    void rollback() override { m_inner.rollback(); }

private:
    SqlConnection &m_inner;
};

struct Cells
{
    std::vector<std::vector<QByteArray>> text;
    std::vector<std::vector<bool>> nulls;
};

Cells read(SqlConnection &db, const QString &sql, const QVariantList &params = {})
{
    Cells cells;
    db.queryEachText(sql, params, [&](const SqlTextRow &row) {
        cells.text.emplace_back();
        cells.nulls.emplace_back();
        for (int c = 0; c < row.size(); ++c) {
            cells.text.back().push_back(row[c].toByteArray());
            cells.nulls.back().push_back(row.isNull(c));
        }
    });
    return cells;
}

TEST(SqlTextRows, GiveUtf8TextNumbersAndNullsOnSqliteAndThroughTheDefault)
{
    SqliteConnection sqlite(QStringLiteral(":memory:"));
    sqlite.executeScript(QStringLiteral("CREATE TABLE t (pos INTEGER, name TEXT, n INTEGER);"
                                        "INSERT INTO t VALUES (1, '较好', 42), (2, '', NULL), (3, NULL, -7);"));
    PlainConnection plain(sqlite);
    for (SqlConnection *db : {static_cast<SqlConnection *>(&sqlite), static_cast<SqlConnection *>(&plain)}) {
        const Cells cells = read(*db, QStringLiteral("SELECT name, n FROM t WHERE pos >= ? ORDER BY pos"), {1});
        ASSERT_EQ(cells.text.size(), 3u);
        EXPECT_EQ(cells.text[0][0], QStringLiteral("较好").toUtf8());
        EXPECT_EQ(cells.text[0][1], QByteArray("42"));
        EXPECT_FALSE(cells.nulls[0][0]);
        EXPECT_EQ(cells.text[1][0], QByteArray());
        EXPECT_FALSE(cells.nulls[1][0]) << "an empty text is not NULL";
        EXPECT_TRUE(cells.nulls[1][1]);
        EXPECT_TRUE(cells.nulls[2][0]);
        EXPECT_EQ(cells.text[2][1], QByteArray("-7"));
    }
    EXPECT_THROW(read(sqlite, QStringLiteral("SELECT nothing FROM t")), SqlError);
    EXPECT_THROW(read(sqlite, QStringLiteral("SELECT name FROM t WHERE pos = ?"), {}), SqlError)
        << "a missing parameter is refused";
}

TEST(SqlTextRows, ScoreTableFromBytesEqualsTheTableFromStrings)
{
    const char *units[] = {"DC", "DC", "QS", "DC", "城区"};
    const char *inputs[] = {"好", "较好", "好", "", "一般"};
    const char *times[] = {"2026-06-20T09:00:00.000Z", "2026-06-20T09:00:00.000Z", "2026-02-29T09:00:00.000Z",
                           "2026-06-20T09:00:00Z", ""};
    ScoreTable fromBytes;
    ScoreTable fromStrings;
    for (int i = 0; i < 5; ++i) {
        const ScoreKind kind = i == 1 ? ScoreKind::Final : ScoreKind::Rater;
        fromBytes.add(QByteArrayView(units[i]), QByteArrayView("1.1"), QByteArrayView(i % 2 ? "a" : "b"), kind,
                      QByteArrayView(inputs[i]), ScoreTable::parseTimestamp(QByteArrayView(times[i])));
        fromStrings.add(QString::fromUtf8(units[i]), QStringLiteral("1.1"), QString::fromUtf8(i % 2 ? "a" : "b"),
                        kind, QString::fromUtf8(inputs[i]), ScoreTable::parseTimestamp(QString::fromUtf8(times[i])));
    }
    ASSERT_EQ(fromBytes.size(), fromStrings.size());
    EXPECT_EQ(fromBytes.units(), fromStrings.units());
    EXPECT_EQ(fromBytes.units(), (QStringList{QStringLiteral("DC"), QStringLiteral("QS"), QStringLiteral("城区")}));
    EXPECT_EQ(fromBytes.inputs(), fromStrings.inputs());
    EXPECT_EQ(fromBytes.accounts(), fromStrings.accounts());
    for (std::size_t i = 0; i < fromBytes.size(); ++i) {
        EXPECT_EQ(fromBytes.row(i).unit, fromStrings.row(i).unit);
        EXPECT_EQ(fromBytes.row(i).input, fromStrings.row(i).input);
        EXPECT_EQ(fromBytes.row(i).account, fromStrings.row(i).account);
        EXPECT_EQ(fromBytes.row(i).recordedAt, fromStrings.row(i).recordedAt) << i;
        EXPECT_EQ(fromBytes.kind(i), fromStrings.kind(i));
    }
    // 2026 is no leap year; an empty text is no time.
    EXPECT_EQ(fromBytes.row(2).recordedAt, ScoreTable::kInvalidTime);
    EXPECT_EQ(fromBytes.row(4).recordedAt, ScoreTable::kInvalidTime);
    EXPECT_NE(fromBytes.row(3).recordedAt, ScoreTable::kInvalidTime) << "read by QDateTime as before";
}

} // namespace
} // namespace onsite
