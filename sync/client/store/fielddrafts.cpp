#include "client/store/fielddrafts.h"

#include "system/isotime.h"

#include <QDateTime>

namespace onsite::sync {

void FieldDrafts::keep(const QString &account, const QString &key, const QString &text)
{
    m_db.execute(
        QStringLiteral(
            "INSERT INTO field_drafts (account, draft_key, text, saved_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (account, draft_key) DO UPDATE SET text = excluded.text,"
            " saved_at = excluded.saved_at"),
        {account, key, text, isoUtcText(QDateTime::currentDateTimeUtc())});
    m_seen.insert(seenKey(account, key));
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

bool FieldDrafts::firstTouchThisRun(const QString &account, const QString &key)
{
    const QString seen = seenKey(account, key);
    if (m_seen.contains(seen))
        return false;
    m_seen.insert(seen);
    return true;
}

void FieldDrafts::discardAll(const QString &account)
{
    m_db.execute(QStringLiteral("DELETE FROM field_drafts WHERE account = ?"), {account});
}

} // namespace onsite::sync
