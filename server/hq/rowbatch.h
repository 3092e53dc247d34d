#pragma once

#include "store/sqlconnection.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace onsite::hq {

// Inserts many rows with multi-row INSERT statements: chunks of 64 rows, the rest in
// powers of two, so a push of thousands of rows costs a few dozen statements and only
// seven statement texts per table are ever prepared (each connection caches them).
// `values` holds the rows one after the other, `columns` values each; `tail` follows
// the VALUES list (an ON CONFLICT clause).
inline void insertRows(SqlConnection &db, const QString &head, int columns, const QVariantList &values,
                       const QString &tail = {})
{
    constexpr qsizetype kChunk = 64;
    QStringList marks;
    marks.fill(QStringLiteral("?"), columns);
    const QString row = QLatin1Char('(') + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    const auto statement = [&](qsizetype rows) {
        QString sql = head + QStringLiteral(" VALUES ");
        sql.reserve(sql.size() + rows * (row.size() + 1) + tail.size() + 1);
        for (qsizetype i = 0; i < rows; ++i) {
            if (i > 0)
                sql += QLatin1Char(',');
            sql += row;
        }
        if (!tail.isEmpty())
            sql += QLatin1Char(' ') + tail;
        return sql;
    };
    const qsizetype total = values.size() / columns;
    qsizetype done = 0;
    for (qsizetype size = kChunk; size >= 1; size /= 2) {
        if (total - done < size)
            continue;
        const QString sql = statement(size);
        while (total - done >= size) { // below 64 rows, each smaller size fits at most once
            db.executeSlice(sql, values, done * columns, size * columns);
            done += size;
        }
    }
}

} // namespace onsite::hq
