#include "testsupport.h"

#include "import/campaignimporter.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <stdexcept>

namespace onsite::test {

QString sampleCampaignDir() { return QStringLiteral(ONSITE_SAMPLE_CAMPAIGN_DIR); }

QString samplePath(const QString &fileName) { return QDir(sampleCampaignDir()).filePath(fileName); }

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + path.toStdString());
    return file.readAll();
}

QMap<QString, QByteArray> sampleCampaignFiles()
{
    QMap<QString, QByteArray> files;
    for (const QString &name : CampaignImporter::fileNames())
        files.insert(name, readFile(samplePath(name)));
    return files;
}

QByteArray replaceLine(const QByteArray &csv, int line, const QByteArray &text)
{
    QList<QByteArray> lines = csv.split('\n');
    if (line < 1 || line > lines.size())
        throw std::out_of_range("replaceLine: no such line");
    lines[line - 1] = text + "\r";
    return lines.join('\n');
}

QByteArray appendLine(const QByteArray &csv, const QByteArray &text)
{
    QByteArray result = csv;
    if (!result.endsWith('\n'))
        result += "\r\n";
    return result + text + "\r\n";
}

QString pdfToText(const QByteArray &pdf)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("document.pdf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return {};
    file.close();
    QProcess process;
    process.start(QStringLiteral("pdftotext"), {file.fileName(), QStringLiteral("-")});
    if (!process.waitForFinished(60000))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace onsite::test
