#include "devicecheck.h"

#include "client/fieldworkspace.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace onsite::bench {

QJsonObject checkDevice(const QString &folder)
{
    sync::FieldWorkspace workspace(folder);
    SqlConnection &db = workspace.store().db();
    QStringList findings;
    for (const SqlRow &row : db.query(QStringLiteral("PRAGMA integrity_check")))
        findings << row.value(0).toString();
    const auto count = [&](const QString &sql) { return db.query(sql).front().value(0).toLongLong(); };
    const QDir dir(folder);
    return {{QStringLiteral("integrity"), findings.join(QLatin1Char('\n'))},
            {QStringLiteral("account"), workspace.account()},
            {QStringLiteral("scores"), count(QStringLiteral("SELECT COUNT(*) FROM score_entries"))},
            {QStringLiteral("units"), count(QStringLiteral("SELECT COUNT(*) FROM scope_units"))},
            {QStringLiteral("sites"), count(QStringLiteral("SELECT COUNT(*) FROM sites"))},
            {QStringLiteral("database_bytes"), QFileInfo(dir.filePath(QStringLiteral("device.sqlite"))).size()},
            {QStringLiteral("wal_bytes"), QFileInfo(dir.filePath(QStringLiteral("device.sqlite-wal"))).size()}};
}

} // namespace onsite::bench
