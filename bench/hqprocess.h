#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace onsite::bench {

// Drives the real onsite-hq binary: data folder set-up through its admin commands,
// then `serve` on a free loopback port, stopped with SIGTERM as an operator would.
class HqProcess
{
public:
    HqProcess(QString program, QString dataFolder);
    ~HqProcess();

    // Runs one admin command to completion; throws with its output on a non-zero exit.
    void run(const QStringList &arguments, const QByteArray &input = {});

    // Starts `serve --listen 127.0.0.1:0` and returns the port it printed.
    std::uint16_t serve();
    // SIGTERM, then waits; returns what the service wrote to stderr, and throws if it
    // did not stop cleanly (a crash or hang is a finding the report must show).
    QString stop();
    bool running() const { return m_serve.state() != QProcess::NotRunning; }
    // CPU time `serve` has used so far (user + system, all threads), from /proc: what HQ
    // itself spent, apart from the client and other processes on the machine.
    double serveCpuSeconds() const;

private:
    QString readText(const QString &suffix) const;

    QString m_program;
    QString m_data;
    QProcess m_serve;
};

} // namespace onsite::bench
