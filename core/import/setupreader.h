#pragma once

#include "csvtable.h"
#include "domain/campaignsetup.h"

#include <QByteArray>

namespace onsite {

// Fills a CampaignSetup file by file, checking each row against what was read
// before (units before indicators, groups before people). Throws ImportException.
class SetupReader
{
public:
    explicit SetupReader(CampaignSetup &setup) : m_setup(setup) {}

    void readCampaign(const QByteArray &bytes);
    void readUnits(const QByteArray &bytes);
    void readIndicators(const QByteArray &bytes);
    void readSites(const QByteArray &bytes);
    void readGroups(const QByteArray &bytes);
    void readPeople(const QByteArray &bytes);

private:
    void readIndicatorRow(const CsvRow &row, int position);
    void checkProjectTotals(const CsvTable &table, const QHash<QString, int> &projectLines) const;
    void checkThresholdCategories(const CsvRow &row, const Indicator &item) const;

    CampaignSetup &m_setup;
};

// Codes and accounts: letters, digits, '.', '_' and '-' only, so they survive URLs,
// file names and Excel unchanged.
bool isValidCode(const QString &code);

} // namespace onsite
