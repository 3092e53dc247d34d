#pragma once

#include "domain/campaignsetup.h"
#include "domain/scoreentry.h"
#include "scoring/scoretable.h"
#include "sqlconnection.h"

#include <optional>
#include <vector>

namespace onsite {

// Persists a campaign's set-up and its score entries. One data folder holds one
// campaign; every write is a single transaction, so a failure changes nothing.
class CampaignStore
{
public:
    explicit CampaignStore(SqlConnection &connection) : m_db(connection) {}

    bool hasCampaign();
    QString campaignName(); // empty before a campaign is loaded
    // Throws SqlError if a campaign is already stored.
    void saveSetup(const CampaignSetup &setup);
    std::optional<CampaignSetup> loadSetup();

    void addScores(const std::vector<ScoreEntry> &entries);
    // Every entry in full, ordered by recorded_at, id.
    std::vector<ScoreEntry> loadScores();
    // What the scoring engine reads, in the table's own order (no sort: the unique key
    // on (unit, indicator, account, kind) leaves no tie for that order to break).
    ScoreTable loadScoreTable();
    // The same for the entries of these units only.
    ScoreTable loadScoreTable(const QStringList &unitCodes);

private:
    std::size_t scoreCount();
    void loadIndicators(CampaignSetup &setup);
    void loadSites(CampaignSetup &setup);
    void loadGroupsAndPeople(CampaignSetup &setup);

    SqlConnection &m_db;
};

} // namespace onsite
