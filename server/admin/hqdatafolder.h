#pragma once

#include "store/sqlconnection.h"

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

    // Creates the folder and brings the database to the current schema. Returns false
    // (and changes nothing) if it was already initialized.
    bool initialize();
    // Opens the database, applying pending schema migrations: the folder's SQLite file,
    // or the PostgreSQL database given with --db. Throws std::runtime_error with a
    // message for people if the folder is not initialized.
    std::unique_ptr<SqlConnection> open() const;
    // A connection to the same database without migrating (for worker threads).
    std::unique_ptr<SqlConnection> connect() const;

    // postgresql://… to keep the data in PostgreSQL instead of hq.sqlite.
    void setDatabaseUrl(const QString &url) { m_databaseUrl = url; }
    const QString &databaseUrl() const { return m_databaseUrl; }
    bool usesPostgres() const { return !m_databaseUrl.isEmpty(); }
    QString describeDatabase() const;

private:
    QString m_path;
    QString m_databaseUrl;
};

} // namespace onsite
