#include "client/store/devicestore.h"

#include "client/store/devicemigrations.h"
#include "store/migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <stdexcept>

namespace onsite::sync {

namespace {

constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

void ensureFolder(const QString &path)
{
    if (!QDir().mkpath(path))
        throw std::runtime_error(QCoreApplication::translate("DeviceStore", "无法创建数据目录 %1")
                                     .arg(path)
                                     .toStdString());
}

// SQLite gives the -wal and -shm files the mode of the database file, so creating the
// file owner-only first keeps the token out of reach of other users from the start.
void createOwnerOnly(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly))
            throw std::runtime_error(QCoreApplication::translate("DeviceStore", "无法创建 %1：%2")
                                         .arg(path, file.errorString())
                                         .toStdString());
        file.close();
    }
    file.setPermissions(kOwnerOnly);
}

} // namespace

DeviceStore::DeviceStore(const QString &folder) : m_folder(QDir(folder).absolutePath())
{
    // Only a folder made here is closed to others: an existing one may be shared on purpose.
    if (!QFileInfo::exists(m_folder)) {
        ensureFolder(m_folder);
        QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    ensureFolder(photosFolder());
    createOwnerOnly(databasePath());
    m_connection = std::make_unique<SqliteConnection>(databasePath());
    // The device holds a scope-cut replica: a person's home unit, a finding's photo or
    // an author from another group may legitimately point outside the local copy, and
    // a pulled page must never be refused for that. The server enforces references.
    m_connection->executeScript(QStringLiteral("PRAGMA foreign_keys = OFF"));
    migrateSchema(*m_connection);
    migrateSchema(*m_connection, deviceMigrationSet());
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString side = databasePath() + QLatin1String(suffix);
        if (QFile::exists(side))
            QFile::setPermissions(side, kOwnerOnly);
    }
}

QString DeviceStore::photosFolder() const { return QDir(m_folder).filePath(QStringLiteral("photos")); }

QString DeviceStore::databasePath() const { return QDir(m_folder).filePath(QLatin1String(kDatabaseName)); }

} // namespace onsite::sync
