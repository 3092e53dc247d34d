#pragma once

#include "domain/campaignsetup.h"
#include "sqlconnection.h"

#include <QStringList>

namespace onsite {

// The one mapping of a campaign's set-up to its rows (campaign, units, indicators, sites
// and their checks, groups and their units, people), for HQ's import (CampaignStore) and
// the device's bootstrap (BootstrapApplier) alike. Every row is an upsert by its key and
// keeps the list's order as its position; each call returns the keys it wrote, so the
// device can drop what the set-up no longer holds.
class SetupRows
{
public:
    explicit SetupRows(SqlConnection &db) : m_db(db) {}

    // `withPresence`: also the presence rule (core schema 7). HQ's import writes it only
    // when it differs from the columns' defaults, so tools on an older schema keep working.
    void writeCampaign(const Campaign &campaign, bool withPresence);
    QStringList writeUnits(const std::vector<Unit> &units);
    QStringList writeIndicators(const std::vector<Indicator> &indicators);
    // The sites' checks are rewritten whole.
    QStringList writeSites(const std::vector<Site> &sites);
    // The groups' units are rewritten whole.
    QStringList writeGroups(const std::vector<InspectionGroup> &groups);
    QStringList writePeople(const std::vector<Person> &people);

private:
    SqlConnection &m_db;
};

} // namespace onsite
