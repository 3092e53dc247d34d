#include "loadserver.h"

#include "store/postgresconnection.h"
#include "store/sqliteconnection.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

#include <stdexcept>
#include <unistd.h>

namespace onsite::bench {

namespace {

std::runtime_error failure(const QString &what)
{
    return std::runtime_error(what.toStdString());
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

qint64 statusKiB(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').front().toLongLong();
    }
    return -1;
}

} // namespace

LoadData::LoadData(QString hqBinary, QString folder, QString postgresAdminUrl)
    : m_binary(std::move(hqBinary)), m_folder(std::move(folder)),
      m_adminUrl(std::move(postgresAdminUrl))
{
    if (m_adminUrl.isEmpty())
        return;
    m_databaseName = QStringLiteral("onsite_load_%1")
                         .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    PostgresConnection admin(m_adminUrl);
    admin.executeScript(QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0")
                            .arg(m_databaseName));
    QUrl url(m_adminUrl);
    url.setPath(QLatin1Char('/') + m_databaseName);
    m_databaseUrl = url.toString();
}

LoadData::~LoadData()
{
    if (m_databaseName.isEmpty())
        return;
    try {
        PostgresConnection admin(m_adminUrl);
        admin.executeScript(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_databaseName));
    } catch (const std::exception &e) {
        std::fprintf(stderr, "onsite-load-bench: could not drop %s: %s\n",
                     qPrintable(m_databaseName), e.what());
    }
}

QStringList LoadData::arguments() const
{
    QStringList arguments{QStringLiteral("--data"), m_folder};
    if (!m_databaseUrl.isEmpty())
        arguments << QStringLiteral("--db") << m_databaseUrl;
    return arguments;
}

void LoadData::admin(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_binary, arguments + this->arguments());
    if (!process.waitForStarted())
        throw failure(QStringLiteral("cannot start %1").arg(m_binary));
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(600000))
        throw failure(
            QStringLiteral("onsite-hq %1 did not finish").arg(arguments.join(QLatin1Char(' '))));
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        throw failure(
            QStringLiteral("onsite-hq %1 failed: %2")
                .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(process.readAll())));
}

void LoadData::prepare(const QString &campaignFolder, const QStringList &accounts,
                       const QString &password)
{
    admin({QStringLiteral("init")});
    admin({QStringLiteral("import-campaign"), campaignFolder});
    admin({QStringLiteral("set-password"), accounts.first()}, password.toUtf8() + '\n');
    std::unique_ptr<SqlConnection> db;
    if (postgres())
        db = std::make_unique<PostgresConnection>(m_databaseUrl);
    else
        db = std::make_unique<SqliteConnection>(
            QDir(m_folder).filePath(QStringLiteral("hq.sqlite")));
    const auto rows = db->query(
        QStringLiteral("SELECT password_hash, updated_at FROM hq_accounts WHERE account = ?"),
        {accounts.first()});
    if (rows.empty())
        throw failure(QStringLiteral("set-password left no hash for %1").arg(accounts.first()));
    SqlTransaction transaction(*db);
    for (qsizetype i = 1; i < accounts.size(); ++i)
        db->execute(
            QStringLiteral(
                "INSERT INTO hq_accounts (account, password_hash, updated_at) VALUES (?, ?, ?)"),
            {accounts[i], rows.front().value(0), rows.front().value(1)});
    transaction.commit();
}

int LoadData::databaseConnections() const
{
    if (!postgres())
        return -1;
    try {
        PostgresConnection admin(m_adminUrl);
        return admin
            .query(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = ?"),
                   {m_databaseName})
            .front()
            .value(0)
            .toInt();
    } catch (const std::exception &) {
        return -1;
    }
}

LoadServer::LoadServer(const LoadData &data, const QString &name, const QStringList &extraArguments)
    : m_logBase(data.folder() + QStringLiteral(".") + name)
{
    // Files, not pipes: nothing in this process reads them while the load runs.
    m_process.setStandardOutputFile(m_logBase + QStringLiteral(".stdout.txt"));
    m_process.setStandardErrorFile(m_logBase + QStringLiteral(".stderr.txt"));
    m_process.start(data.hqBinary(),
                    QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                QStringLiteral("127.0.0.1:0")} +
                        data.arguments() + extraArguments);
    if (!m_process.waitForStarted())
        throw failure(
            QStringLiteral("cannot start onsite-hq serve: %1").arg(m_process.errorString()));
    static const QRegularExpression listening(
        QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && running()) {
        const auto match = listening.match(readText(m_logBase + QStringLiteral(".stdout.txt")));
        if (match.hasMatch()) {
            m_port = static_cast<std::uint16_t>(match.captured(1).toUInt());
            return;
        }
        m_process.waitForFinished(50);
    }
    throw failure(QStringLiteral("onsite-hq serve did not report its port: %1")
                      .arg(readText(m_logBase + QStringLiteral(".stderr.txt"))));
}

LoadServer::~LoadServer()
{
    if (running()) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

double LoadServer::cpuSeconds() const
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid()));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = file.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

qint64 LoadServer::residentKiB() const
{
    return statusKiB(pid(), "VmRSS:");
}
qint64 LoadServer::peakResidentKiB() const
{
    return statusKiB(pid(), "VmHWM:");
}

int LoadServer::openFiles() const
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid()))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

QString LoadServer::stop()
{
    if (!running())
        throw failure(QStringLiteral("onsite-hq serve had already exited (code %1): %2")
                          .arg(m_process.exitCode())
                          .arg(readText(m_logBase + QStringLiteral(".stderr.txt"))));
    m_process.terminate();
    if (!m_process.waitForFinished(60000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        throw failure(QStringLiteral("onsite-hq serve did not stop within 60 s of SIGTERM"));
    }
    const QString err = readText(m_logBase + QStringLiteral(".stderr.txt"));
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0)
        throw failure(QStringLiteral("onsite-hq serve exited with %1 after SIGTERM: %2")
                          .arg(m_process.exitCode())
                          .arg(err));
    return err;
}

} // namespace onsite::bench
