#pragma once

#include "store/sqlconnection.h"

#include <QJsonObject>
#include <QString>

namespace onsite::sync {

// Writes a synced record that arrives in its wire form (a pulled change, a conflict's
// winner) into the core tables: parsed into its domain struct, then written through the
// one record↔row mapping (FieldRecordRows) that the device's own writes and HQ use too.
class RecordRows
{
public:
    explicit RecordRows(SqlConnection &db) : m_db(db) {}

    static bool knows(const QString &entity);

    // Inserts or replaces the record `id`. `source` marks where a score came from (the
    // device id, or "hq" for pulled ones). Throws SqlError when `data` is malformed.
    void upsert(const QString &entity, const QString &id, const QJsonObject &data,
                const QString &source);
    void remove(const QString &entity, const QString &id);

    // Id of the stored score with this (unit, indicator, account, kind), or empty.
    QString scoreIdFor(const QString &unit, const QString &indicator, const QString &account,
                       const QString &kind) const;

private:
    SqlConnection &m_db;
};

} // namespace onsite::sync
