#include "campaignimporter.h"

#include "csvtable.h"
#include "setupreader.h"

#include <QDir>

namespace onsite {

const QStringList &CampaignImporter::fileNames()
{
    static const QStringList names = {
        QStringLiteral("campaign.csv"), QStringLiteral("units.csv"),  QStringLiteral("indicators.csv"),
        QStringLiteral("sites.csv"),    QStringLiteral("groups.csv"), QStringLiteral("people.csv"),
    };
    return names;
}

CampaignSetup CampaignImporter::importFolder(const QString &folder)
{
    const QDir dir(folder);
    if (!dir.exists()) {
        throw ImportException(ImportError{folder, 0, 0, {}, QStringLiteral("文件夹不存在")});
    }
    QMap<QString, QByteArray> files;
    for (const QString &name : fileNames())
        files.insert(name, readImportFile(dir.filePath(name), name));
    return importFiles(files);
}

CampaignSetup CampaignImporter::importFiles(const QMap<QString, QByteArray> &files)
{
    for (const QString &name : fileNames()) {
        if (!files.contains(name))
            throw ImportException(ImportError{name, 0, 0, {}, QStringLiteral("缺少此文件")});
    }
    CampaignSetup setup;
    SetupReader reader(setup);
    reader.readCampaign(files.value(QStringLiteral("campaign.csv")));
    reader.readUnits(files.value(QStringLiteral("units.csv")));
    reader.readIndicators(files.value(QStringLiteral("indicators.csv")));
    reader.readSites(files.value(QStringLiteral("sites.csv")));
    reader.readGroups(files.value(QStringLiteral("groups.csv")));
    reader.readPeople(files.value(QStringLiteral("people.csv")));
    return setup;
}

} // namespace onsite
