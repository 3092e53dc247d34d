#pragma once

#include "store/sqliteconnection.h"

#include <QString>

#include <memory>

namespace onsite::sync {

// The device's data folder: `device.sqlite` (core schema + device tables) and the
// content-addressed `photos/` folder. The file holds the sign-in token, so the folder
// and the database are readable by the owner only.
class DeviceStore
{
public:
    static constexpr const char *kDatabaseName = "device.sqlite";

    // Creates the folder and database as needed and brings both schemas up to date.
    // Throws SqlError (database) or std::runtime_error (folder) with a readable message.
    explicit DeviceStore(const QString &folder);

    SqlConnection &db() { return *m_connection; }
    const QString &folder() const { return m_folder; }
    QString photosFolder() const;
    QString databasePath() const;

private:
    QString m_folder;
    std::unique_ptr<SqliteConnection> m_connection;
};

} // namespace onsite::sync
