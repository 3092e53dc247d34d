#include "fielddevice.h"

#include "hqprocess.h"

#include <QDir>
#include <QProcess>

namespace onsite::test {

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    if (!source.exists() || !QDir().mkpath(to))
        return false;
    for (const QFileInfo &entry : source.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = QDir(to).filePath(entry.fileName());
        const bool copied = entry.isDir() ? copyTree(entry.filePath(), target) : QFile::copy(entry.filePath(), target);
        if (!copied)
            return false;
    }
    return true;
}

} // namespace

FieldRun FieldDevice::run(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(ONSITE_FIELD_BINARY), arguments + QStringList{QStringLiteral("--data"), folder()});
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

FieldRun FieldDevice::login(const QString &server, const QString &account)
{
    return run({QStringLiteral("login"), QStringLiteral("--server"), server, QStringLiteral("--user"), account,
                QStringLiteral("--password"), HqProcess::passwordOf(account)});
}

bool FieldDevice::backUp(const QString &backupName)
{
    return copyTree(folder(), m_dir.filePath(backupName));
}

bool FieldDevice::restore(const QString &backupName)
{
    QDir(folder()).removeRecursively();
    return copyTree(m_dir.filePath(backupName), folder());
}

} // namespace onsite::test
