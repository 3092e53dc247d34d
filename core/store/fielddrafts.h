#pragma once

#include "sqlconnection.h"

#include <QString>

#include <optional>

namespace onsite {

// What an inspector has typed but not yet saved (visit notes, a threshold value, a
// finding being written), kept so that an app killed by the system or a flat battery
// loses nothing. A draft is not a record: it never enters the outbox and never syncs;
// the record is made when the field is committed, and the draft is dropped then.
//
// Drafts live in the device's own database, which is encrypted at rest, so what was
// typed is never written anywhere in plain text. They belong to one account: another
// person signing in on the same tablet never sees them.
class FieldDrafts
{
public:
    // Creates the drafts table (its own migration set) when missing.
    explicit FieldDrafts(SqlConnection &db);

    // Replaces the draft of `key` (e.g. "visit-notes:<visit id>") for `account`.
    void keep(const QString &account, const QString &key, const QString &text);
    std::optional<QString> find(const QString &account, const QString &key);
    void discard(const QString &account, const QString &key);
    // Every draft of `account` (its unsynced work was thrown away at sign-out).
    void discardAll(const QString &account);

private:
    SqlConnection &m_db;
};

} // namespace onsite
