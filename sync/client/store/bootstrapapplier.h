#pragma once

#include "protocol/bootstrap.h"
#include "store/sqlconnection.h"

#include <QStringList>

namespace onsite::sync {

struct BootstrapOutcome
{
    QStringList removedUnits; // units whose local data was removed: access lost
    bool scopeGrew = false;   // a new unit came into scope: the pull starts over
    int rejectedPending = 0;  // unsynced local changes of lost units (kept visible as rejected)
    QStringList removedPhotoFiles; // content hashes whose files were deleted
};

// Makes the device's set-up tables mirror a bootstrap (upserts, then drops what is
// gone) and enforces the granted scope: losing access to a unit removes its data from
// the device. One transaction; photo files are deleted only after it committed.
class BootstrapApplier
{
public:
    BootstrapApplier(SqlConnection &db, QString photosFolder) : m_db(db), m_photosFolder(std::move(photosFolder)) {}

    BootstrapOutcome apply(const protocol::Bootstrap &bootstrap);

private:
    void saveSetup(const protocol::Bootstrap &bootstrap);
    int removeOutOfScope();
    void deleteAbsent(const QString &table, const QString &column, const QStringList &keep);

    SqlConnection &m_db;
    QString m_photosFolder;
};

} // namespace onsite::sync
