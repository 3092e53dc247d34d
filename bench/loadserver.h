#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>

namespace onsite::bench {

// Where HQ keeps its data for the load benchmark: a data folder, and for PostgreSQL a
// database of its own on the server named by the URL (created here, dropped at the end).
class LoadData
{
public:
    // `postgresAdminUrl` empty: SQLite in the folder.
    LoadData(QString hqBinary, QString folder, QString postgresAdminUrl);
    ~LoadData();

    QStringList arguments() const; // --data FOLDER [--db URL]
    bool postgres() const { return !m_databaseUrl.isEmpty(); }
    const QString &hqBinary() const { return m_binary; }
    const QString &folder() const { return m_folder; }
    const QString &databaseName() const { return m_databaseName; }

    // init, import-campaign, and `set-password` for the first account; the other
    // accounts get the same argon2id hash in one transaction (one hash costs 0.2 s of
    // CPU here, and a thousand would only slow the set-up: each sign-in still verifies).
    void prepare(const QString &campaignFolder, const QStringList &accounts,
                 const QString &password);
    // Runs an admin command; throws with its output on failure.
    void admin(const QStringList &arguments, const QByteArray &input = {}) const;
    // Connections the database server holds to this database now (PostgreSQL), or -1.
    int databaseConnections() const;

private:
    QString m_binary;
    QString m_folder;
    QString m_adminUrl;
    QString m_databaseName;
    QString m_databaseUrl;
};

// One `onsite-hq serve` on a free loopback port, and what it costs the machine.
class LoadServer
{
public:
    LoadServer(const LoadData &data, const QString &name, const QStringList &extraArguments = {});
    ~LoadServer();

    std::uint16_t port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    double cpuSeconds() const;      // user + system, all threads
    qint64 residentKiB() const;     // VmRSS
    qint64 peakResidentKiB() const; // VmHWM
    int openFiles() const;          // entries of /proc/PID/fd
    // SIGTERM and wait; returns the service's stderr, throws if it did not stop cleanly.
    QString stop();

private:
    QString m_logBase;
    QProcess m_process;
    std::uint16_t m_port = 0;
};

} // namespace onsite::bench
