#include "hqprocess.h"

#include "postgres/postgrestestdb.h"
#include "system/processstatus.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>

#include <unistd.h>

#include <csignal>
#include <map>
#include <stdexcept>

namespace onsite::test {

namespace {

const QStringList kAccounts = {
    QStringLiteral("kpb.admin"), QStringLiteral("g1.li"),     QStringLiteral("g1.zhang"),   QStringLiteral("g1.liu"),
    QStringLiteral("g1.chen"),   QStringLiteral("g2.yang"),   QStringLiteral("g2.huang"),   QStringLiteral("g3.xu"),
    QStringLiteral("g3.hu"),     QStringLiteral("dc.liaison"), QStringLiteral("xc.liaison"),
};

// A prepared data folder (and PostgreSQL database) per backend and build of onsite-hq,
// shared by every test process: ctest runs each test in a process of its own, and
// preparing means eleven argon2id hashes, slow on purpose. Each test copies it.
struct Template
{
    QString dataFolder;
    QString databaseName; // PostgreSQL only
    QString databaseUrl;
};

std::map<Backend, std::unique_ptr<Template>> &templates()
{
    static std::map<Backend, std::unique_ptr<Template>> cache;
    return cache;
}

// Names one build of onsite-hq: a rebuilt binary prepares its own template.
QString buildStamp()
{
    const QFileInfo binary(HqProcess::binary());
    const QByteArray identity = binary.absoluteFilePath().toUtf8() + '|' + QByteArray::number(binary.size()) + '|' +
                                QByteArray::number(binary.lastModified().toMSecsSinceEpoch());
    return QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16));
}

// The build directory's own tag: templates of other build directories on the same
// PostgreSQL (another checkout, another engineer) are never dropped.
QString buildDirectoryTag()
{
    const QByteArray where = QFileInfo(HqProcess::binary()).absolutePath().toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(where, QCryptographicHash::Sha256).toHex().left(8));
}

QString randomName(const char *prefix)
{
    return QStringLiteral("%1_%2").arg(QLatin1String(prefix)).arg(QRandomGenerator::global()->generate64(), 16, 16,
                                                                   QLatin1Char('0'));
}

QString databaseUrl(const QString &name)
{
    QUrl url(postgresAdminUrl());
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

int runHq(const QStringList &arguments, QString *out, const QByteArray &input)
{
    QProcess process;
    process.start(HqProcess::binary(), arguments);
    if (!process.waitForStarted())
        throw std::runtime_error("cannot start onsite-hq");
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QFileInfo &entry : QDir(from).entryInfoList(QDir::Files)) {
        if (!QFile::copy(entry.filePath(), QDir(to).filePath(entry.fileName())))
            throw std::runtime_error("cannot copy " + entry.filePath().toStdString());
    }
}

bool databaseExists(PostgresConnection &admin, const QString &name)
{
    return !admin.query(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = ?"), {name}).empty();
}

void prepareTemplate(Backend backend, const Template &made)
{
    QStringList data{QStringLiteral("--data"), made.dataFolder};
    if (backend == Backend::Postgres) {
        PostgresConnection admin(postgresAdminUrl());
        // Templates of this directory's earlier builds are of no more use.
        for (const SqlRow &row : admin.query(QStringLiteral("SELECT datname FROM pg_database WHERE datname LIKE ? "
                                                            "AND datname <> ?"),
                                             {QStringLiteral("onsite_tpl_%1_%").arg(buildDirectoryTag()), made.databaseName}))
            admin.executeScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(row.value(0).toString()));
        admin.executeScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(made.databaseName));
        admin.executeScript(QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0").arg(made.databaseName));
        data << QStringLiteral("--db") << made.databaseUrl;
    }
    QString out;
    if (runHq(QStringList{QStringLiteral("init")} + data, &out, {}) != 0)
        throw std::runtime_error("init failed: " + out.toStdString());
    if (runHq(QStringList{QStringLiteral("import-campaign"), sampleCampaignDir()} + data, &out, {}) != 0)
        throw std::runtime_error("import-campaign failed: " + out.toStdString());
    for (const QString &account : kAccounts) {
        if (runHq(QStringList{QStringLiteral("set-password"), account} + data, &out,
                  HqProcess::passwordOf(account).toUtf8() + '\n') != 0)
            throw std::runtime_error("set-password failed: " + out.toStdString());
    }
}

const Template &templateFor(Backend backend)
{
    auto &slot = templates()[backend];
    if (slot)
        return *slot;
    const QString stamp = buildStamp() + (backend == Backend::Postgres ? QStringLiteral("_pg") : QStringLiteral("_lite"));
    const QString root = QDir::temp().filePath(QStringLiteral("onsite-e2e-template-") + stamp);
    auto made = std::make_unique<Template>();
    made->dataFolder = QDir(root).filePath(QStringLiteral("hq"));
    if (backend == Backend::Postgres) {
        made->databaseName = QStringLiteral("onsite_tpl_%1_%2").arg(buildDirectoryTag(), stamp);
        made->databaseUrl = databaseUrl(made->databaseName);
    }
    // One process prepares, the others wait for it; a holder that died is noticed.
    QLockFile lock(root + QStringLiteral(".lock"));
    lock.setStaleLockTime(10 * 60 * 1000);
    if (!lock.tryLock(10 * 60 * 1000))
        throw std::runtime_error("cannot lock the e2e template " + root.toStdString());
    const QString readyMark = QDir(root).filePath(QStringLiteral("ready"));
    bool ready = QFile::exists(readyMark);
    if (ready && backend == Backend::Postgres) {
        PostgresConnection admin(postgresAdminUrl());
        ready = databaseExists(admin, made->databaseName);
    }
    if (!ready) {
        QDir(root).removeRecursively();
        prepareTemplate(backend, *made);
        QFile mark(readyMark);
        if (!mark.open(QIODevice::WriteOnly))
            throw std::runtime_error("cannot mark the e2e template ready");
    }
    slot = std::move(made);
    return *slot;
}

} // namespace

QString HqProcess::binary() { return QStringLiteral(ONSITE_HQ_BINARY); }

bool HqProcess::postgresAvailable() { return !postgresAdminUrl().isEmpty(); }

HqProcess::HqProcess(Backend backend) : m_backend(backend)
{
    m_dataFolder = m_dir.filePath(QStringLiteral("hq"));
}

HqProcess::~HqProcess()
{
    if (running())
        kill();
    if (!m_databaseName.isEmpty()) {
        try {
            PostgresConnection admin(postgresAdminUrl());
            admin.executeScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_databaseName));
        } catch (const std::exception &e) {
            ADD_FAILURE() << "could not drop " << m_databaseName.toStdString() << ": " << e.what();
        }
    }
}

QStringList HqProcess::dataArguments() const
{
    QStringList arguments{QStringLiteral("--data"), m_dataFolder};
    if (!m_databaseUrl.isEmpty())
        arguments << QStringLiteral("--db") << m_databaseUrl;
    return arguments;
}

int HqProcess::admin(const QStringList &arguments, QString *out, const QByteArray &input)
{
    return runHq(arguments + dataArguments(), out, input);
}

void HqProcess::prepare()
{
    const Template &prepared = templateFor(m_backend);
    copyFolder(prepared.dataFolder, m_dataFolder);
    if (m_backend == Backend::Postgres) {
        m_databaseName = randomName("onsite_e2e");
        PostgresConnection admin(postgresAdminUrl());
        admin.executeScript(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(m_databaseName, prepared.databaseName));
        m_databaseUrl = databaseUrl(m_databaseName);
    }
}

void HqProcess::start(const QStringList &extraArguments)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(binary(), QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                           QStringLiteral("127.0.0.1:0")} +
                                   dataArguments() + extraArguments);
    if (!m_process->waitForStarted())
        throw std::runtime_error("cannot start onsite-hq serve");
    static const QRegularExpression listening(QStringLiteral("listening on (https?)://127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer deadline(30000);
    m_output.clear();
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(200);
        m_output += QString::fromUtf8(m_process->readAll());
        const auto match = listening.match(m_output);
        if (match.hasMatch()) {
            m_scheme = match.captured(1);
            m_port = static_cast<quint16>(match.captured(2).toUInt());
            return;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    throw std::runtime_error("onsite-hq serve did not start: " + m_output.toStdString());
}

void HqProcess::kill()
{
    if (!m_process)
        return;
    // processId() is 0 once Qt has reaped the process, and kill(0) would hit our own
    // process group.
    const qint64 pid = m_process->processId();
    if (pid > 0)
        ::kill(static_cast<pid_t>(pid), SIGKILL);
    m_process->waitForFinished(10000);
}

void HqProcess::terminate()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(10000))
        kill();
}

bool HqProcess::running() const { return m_process && m_process->state() == QProcess::Running; }

QString HqProcess::baseUrl() const { return QStringLiteral("%1://127.0.0.1:%2").arg(m_scheme).arg(m_port); }

qint64 HqProcess::pid() const { return m_process ? m_process->processId() : 0; }

qint64 HqProcess::residentKiB() const { return pid() > 0 ? processStatusKiB("VmRSS:", pid()) : -1; }

double HqProcess::cpuSeconds() const
{
    // /proc/PID/stat: utime and stime are fields 14 and 15, after the command in parentheses.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid()));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    return (fields[11].toDouble() + fields[12].toDouble()) / ticks;
}

} // namespace onsite::test
