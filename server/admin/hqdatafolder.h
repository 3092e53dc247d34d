#pragma once

#include "store/sqliteconnection.h"

#include <QString>

#include <memory>

namespace onsite {

// The HQ data folder: the SQLite database (hq.sqlite) and, later, photo storage.
class HqDataFolder
{
public:
    static QString defaultPath(); // $ONSITE_HQ_DATA, else ~/.local/share/onsite-hq
    static QString databaseFileName() { return QStringLiteral("hq.sqlite"); }

    explicit HqDataFolder(QString path) : m_path(std::move(path)) {}

    const QString &path() const { return m_path; }
    QString databasePath() const;
    bool isInitialized() const;

    // Creates the folder and an empty database at the current schema. Returns false
    // (and changes nothing) if it was already initialized.
    bool initialize();
    // Opens an initialized folder, applying pending schema migrations. Throws
    // std::runtime_error with a message for people if it is not initialized.
    std::unique_ptr<SqliteConnection> open() const;

private:
    QString m_path;
};

} // namespace onsite
