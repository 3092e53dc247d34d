#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace onsite::test {

enum class Backend { Sqlite, Postgres };

// A real onsite-hq on loopback with the sample campaign and demo passwords, on a
// fresh data folder (and, for PostgreSQL, a fresh database). Start, SIGKILL and
// restart it on the same data.
class HqProcess
{
public:
    static QString binary();                    // the built onsite-hq
    static QString passwordOf(const QString &account) { return account + QStringLiteral("-pass"); }
    static bool postgresAvailable();

    explicit HqProcess(Backend backend);
    ~HqProcess();

    // A data folder with the sample campaign imported and a password for every
    // account (copied from one prepared per run).
    void prepare();
    // Runs an admin command on the same data; returns exit code, output in `out`.
    int admin(const QStringList &arguments, QString *out = nullptr, const QByteArray &input = {});
    // Starts `serve` (extra arguments appended) and waits for its port.
    void start(const QStringList &extraArguments = {});
    void kill();      // SIGKILL: no chance to finish anything
    void terminate(); // SIGTERM and wait
    bool running() const;

    QString baseUrl() const;
    quint16 port() const { return m_port; }
    qint64 pid() const;
    qint64 residentKiB() const; // VmRSS of the server process
    double cpuSeconds() const; // user + system CPU time the process has used
    const QString &dataFolder() const { return m_dataFolder; }
    QStringList dataArguments() const;
    QString serverOutput() const { return m_output; }

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    QString m_dataFolder;
    QString m_databaseName; // PostgreSQL: this test's own copy of the prepared database
    QString m_databaseUrl;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_output;
    QString m_scheme = QStringLiteral("http");
};

} // namespace onsite::test
