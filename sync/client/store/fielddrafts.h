#pragma once

#include "store/sqlconnection.h"

#include <QSet>
#include <QString>

#include <optional>

namespace onsite::sync {

// What an inspector has typed but not yet saved (visit notes, a threshold value, a
// finding being written), kept so that an app killed by the system or a flat battery
// loses nothing. A draft is not a record: it never enters the outbox and never syncs;
// the record is made when the field is committed, and the draft is dropped then.
//
// Drafts live in the device store (table field_drafts, devicemigrations.cpp), which is
// encrypted at rest, so what was typed is never written anywhere in plain text. They
// belong to one account: another person signing in on the same tablet never sees them.
// One FieldDrafts lives as long as its FieldWorkspace, i.e. one run of the app.
class FieldDrafts
{
public:
    explicit FieldDrafts(SqlConnection &db) : m_db(db) {}

    // Replaces the draft of `key` (e.g. "visit-notes:<visit id>") for `account`.
    void keep(const QString &account, const QString &key, const QString &text);
    std::optional<QString> find(const QString &account, const QString &key);
    void discard(const QString &account, const QString &key);
    // Every draft of `account` (its unsynced work was thrown away at sign-out).
    void discardAll(const QString &account);

    // True the first time this run writes or asks about `key`: a draft found then was left
    // by an earlier run (the app was killed), to be put back and committed once.
    bool firstTouchThisRun(const QString &account, const QString &key);

private:
    static QString seenKey(const QString &account, const QString &key) { return account + QLatin1Char('\n') + key; }

    SqlConnection &m_db;
    QSet<QString> m_seen; // account + '\n' + key, this run
};

} // namespace onsite::sync
