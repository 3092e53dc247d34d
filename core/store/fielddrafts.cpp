#include "fielddrafts.h"

#include "migrations.h"
#include "system/isotime.h"

#include <QDateTime>

namespace onsite {

namespace {

const MigrationSet &draftMigrations()
{
    static const MigrationSet set{QStringLiteral("draft_schema_meta"),
                                  {{1, QStringLiteral("drafts of fields typed but not yet saved"),
                                    QStringLiteral("CREATE TABLE field_drafts ("
                                                   " account TEXT NOT NULL,"
                                                   " draft_key TEXT NOT NULL,"
                                                   " text TEXT NOT NULL,"
                                                   " saved_at TEXT NOT NULL,"
                                                   " PRIMARY KEY (account, draft_key))")}}};
    return set;
}

} // namespace

FieldDrafts::FieldDrafts(SqlConnection &db) : m_db(db)
{
    migrateSchema(m_db, draftMigrations());
}

void FieldDrafts::keep(const QString &account, const QString &key, const QString &text)
{
    m_db.execute(
        QStringLiteral(
            "INSERT INTO field_drafts (account, draft_key, text, saved_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (account, draft_key) DO UPDATE SET text = excluded.text,"
            " saved_at = excluded.saved_at"),
        {account, key, text, isoUtcText(QDateTime::currentDateTimeUtc())});
}

std::optional<QString> FieldDrafts::find(const QString &account, const QString &key)
{
    const auto rows = m_db.query(
        QStringLiteral("SELECT text FROM field_drafts WHERE account = ? AND draft_key = ?"),
        {account, key});
    if (rows.empty())
        return std::nullopt;
    return rows.front().value(0).toString();
}

void FieldDrafts::discard(const QString &account, const QString &key)
{
    m_db.execute(QStringLiteral("DELETE FROM field_drafts WHERE account = ? AND draft_key = ?"),
                 {account, key});
}

void FieldDrafts::discardAll(const QString &account)
{
    m_db.execute(QStringLiteral("DELETE FROM field_drafts WHERE account = ?"), {account});
}

} // namespace onsite
