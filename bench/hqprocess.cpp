#include "hqprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

#include <stdexcept>
#include <unistd.h>

namespace onsite::bench {

namespace {

std::runtime_error failure(const QString &what) { return std::runtime_error(what.toStdString()); }

} // namespace

HqProcess::HqProcess(QString program, QString dataFolder) : m_program(std::move(program)), m_data(std::move(dataFolder)) {}

HqProcess::~HqProcess()
{
    if (running()) {
        m_serve.terminate();
        if (!m_serve.waitForFinished(10000))
            m_serve.kill();
        m_serve.waitForFinished(5000);
    }
}

void HqProcess::run(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_program, arguments + QStringList{QStringLiteral("--data"), m_data});
    if (!process.waitForStarted())
        throw failure(QStringLiteral("cannot start %1: %2").arg(m_program, process.errorString()));
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // An import of thousands of units takes a while on a busy machine; 10 minutes is a hang.
    if (!process.waitForFinished(600000))
        throw failure(QStringLiteral("onsite-hq %1 did not finish").arg(arguments.join(QLatin1Char(' '))));
    const QString output = QString::fromUtf8(process.readAll());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        throw failure(QStringLiteral("onsite-hq %1 failed (exit %2):\n%3")
                          .arg(arguments.join(QLatin1Char(' ')))
                          .arg(process.exitCode())
                          .arg(output));
    }
}

std::uint16_t HqProcess::serve()
{
    // Output goes to files, not pipes: this process makes blocking socket calls
    // without an event loop, and a full pipe would stall the service mid-benchmark.
    m_serve.setStandardOutputFile(m_data + QStringLiteral(".serve-stdout.txt"));
    m_serve.setStandardErrorFile(m_data + QStringLiteral(".serve-stderr.txt"));
    m_serve.start(m_program, {QStringLiteral("serve"), QStringLiteral("--data"), m_data, QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0")});
    if (!m_serve.waitForStarted())
        throw failure(QStringLiteral("cannot start onsite-hq serve: %1").arg(m_serve.errorString()));
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && running()) {
        const auto match = listening.match(readText(QStringLiteral(".serve-stdout.txt")));
        if (match.hasMatch())
            return static_cast<std::uint16_t>(match.captured(1).toUInt());
        m_serve.waitForFinished(50); // a short sleep that also notices an early exit
    }
    throw failure(QStringLiteral("onsite-hq serve did not report its port; stdout: %1 stderr: %2")
                      .arg(readText(QStringLiteral(".serve-stdout.txt")), readText(QStringLiteral(".serve-stderr.txt"))));
}

QString HqProcess::readText(const QString &suffix) const
{
    QFile file(m_data + suffix);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

double HqProcess::serveCpuSeconds() const
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(m_serve.processId()));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    // Fields after the command name (which may hold spaces, so split after its ')'):
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    const QByteArray line = file.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

QString HqProcess::stop()
{
    if (!running())
        throw failure(QStringLiteral("onsite-hq serve had already exited (code %1): %2")
                          .arg(m_serve.exitCode())
                          .arg(readText(QStringLiteral(".serve-stderr.txt"))));
    m_serve.terminate();
    if (!m_serve.waitForFinished(30000)) {
        m_serve.kill();
        m_serve.waitForFinished(5000);
        throw failure(QStringLiteral("onsite-hq serve did not stop within 30 s of SIGTERM"));
    }
    const QString err = readText(QStringLiteral(".serve-stderr.txt"));
    if (m_serve.exitStatus() != QProcess::NormalExit || m_serve.exitCode() != 0)
        throw failure(QStringLiteral("onsite-hq serve exited with %1 after SIGTERM: %2").arg(m_serve.exitCode()).arg(err));
    return err;
}

} // namespace onsite::bench
