#pragma once

#include "store/sqlconnection.h"

#include <QJsonObject>
#include <QString>

namespace onsite::sync {

// Writes the domain rows of the synced entities (score, visit, photo, finding,
// highlight, submission, recheck, recheck_result) from their wire form, so local edits, pulled changes and a conflict's
// winning record all take the same path into the core tables.
class RecordRows
{
public:
    explicit RecordRows(SqlConnection &db) : m_db(db) {}

    static bool knows(const QString &entity);

    // Inserts or replaces the record `id`. `source` marks where a score came from (the
    // device id, or "hq" for pulled ones). Throws SqlError when `data` is malformed.
    void upsert(const QString &entity, const QString &id, const QJsonObject &data, const QString &source);
    void remove(const QString &entity, const QString &id);

    // Id of the stored score with this (unit, indicator, account, kind), or empty.
    QString scoreIdFor(const QString &unit, const QString &indicator, const QString &account, const QString &kind) const;

private:
    void upsertScore(const QString &id, const QJsonObject &data, const QString &source);
    void upsertVisit(const QString &id, const QJsonObject &data);
    void upsertPhoto(const QString &id, const QJsonObject &data);
    void upsertFinding(const QString &id, const QJsonObject &data);
    void upsertHighlight(const QString &id, const QJsonObject &data);
    void upsertSubmission(const QString &id, const QJsonObject &data);
    void upsertRecheck(const QString &id, const QJsonObject &data);
    void upsertRecheckResult(const QString &id, const QJsonObject &data);

    SqlConnection &m_db;
};

} // namespace onsite::sync
