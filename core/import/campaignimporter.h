#pragma once

#include "domain/campaignsetup.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace onsite {

// Reads and validates the six campaign files HQ staff prepare in Excel. Nothing is
// returned unless every file is valid; the first problem found is thrown as an
// ImportException naming file, line and column.
class CampaignImporter
{
public:
    static const QStringList &fileNames(); // campaign.csv, units.csv, …

    // Reads the files from a folder.
    static CampaignSetup importFolder(const QString &folder);
    // Same, from file contents keyed by file name (used by tests and uploads).
    static CampaignSetup importFiles(const QMap<QString, QByteArray> &files);
};

} // namespace onsite
