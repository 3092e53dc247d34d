#pragma once

#include "store/sqlconnection.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace onsite::sync {

// The device's sync bookkeeping as key/value rows in `sync_state`, plus the scope the
// server last granted (`scope_units`). Every setter is one statement, so callers can
// group several inside their own transaction (the pull cursor with its page).
class SyncState
{
public:
    explicit SyncState(SqlConnection &db) : m_db(db) {}

    QString value(const QString &key, const QString &fallback = {}) const;
    void setValue(const QString &key, const QString &value);
    void remove(const QString &key);

    // A UUID made the first time it is asked for and kept for the device's life: the
    // server numbers this device's mutations under it.
    QString deviceId();

    QString serverUrl() const { return value(QStringLiteral("server_url")); }
    void setServerUrl(const QString &url) { setValue(QStringLiteral("server_url"), url); }
    QString account() const { return value(QStringLiteral("account")); }
    void setAccount(const QString &account) { setValue(QStringLiteral("account"), account); }
    QString caCertificateFile() const { return value(QStringLiteral("ca_cert")); }
    void setCaCertificateFile(const QString &path) { setValue(QStringLiteral("ca_cert"), path); }

    qint64 cursor() const;
    void setCursor(qint64 cursor);

    QDateTime lastSuccess() const;
    void setLastSuccess(const QDateTime &time);
    // The last failure as one line (logs, the command line), and as the app shows it: what
    // to do, and the technical detail apart (empty for a state written before they were kept).
    QString lastError() const { return value(QStringLiteral("last_error")); }
    QString lastErrorHeadline() const { return value(QStringLiteral("last_error_headline")); }
    QString lastErrorDetail() const { return value(QStringLiteral("last_error_detail")); }
    void setLastError(const QString &line, const QString &headline = {}, const QString &detail = {})
    {
        setValue(QStringLiteral("last_error"), line);
        setValue(QStringLiteral("last_error_headline"), headline);
        setValue(QStringLiteral("last_error_detail"), detail);
    }
    QDateTime lastBootstrap() const;
    void setLastBootstrap(const QDateTime &time);

    QStringList scopeUnits() const;
    void setScopeUnits(const QStringList &units);

private:
    SqlConnection &m_db;
};

} // namespace onsite::sync
