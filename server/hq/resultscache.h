#pragma once

#include "domain/campaignsetup.h"
#include "resultsjson.h"
#include "scoring/scoringengine.h"
#include "store/sqlconnection.h"

#include <QHash>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <mutex>

namespace onsite::hq {

// The current results, kept between requests. Every write of a score enters the change
// feed with its unit, so a request recomputes only the units with scores changed since
// the last one and re-ranks; the others keep their results and their JSON. Keyed by
// the feed, not by this process's own writes, so several HQ processes on one database
// stay correct. Thread-safe: concurrent requests wait for one computation.
class ResultsCache
{
public:
    // The document resultsJson() builds, for the scores HQ holds now: its bytes as
    // QJsonDocument::toJson(Compact) writes them, and parsed.
    QByteArray currentJsonBytes(SqlConnection &db, const CampaignSetup &setup);
    QJsonObject currentJson(SqlConnection &db, const CampaignSetup &setup);
    // The document's "units" array ("[…]", by rank) with only the units `include` accepts
    // (every unit without one), and the warnings, for views of the document.
    QByteArray unitsJson(SqlConnection &db, const CampaignSetup &setup,
                         const std::function<bool(const QString &unitCode)> &include, QStringList *warnings);
    std::shared_ptr<const CampaignResults> current(SqlConnection &db, const CampaignSetup &setup);

    // How the last call was served, for the benchmark and the tests.
    struct Refresh
    {
        qint64 head = 0;
        int unitsRecomputed = 0; // every unit on the first call
    };
    Refresh lastRefresh() const;

private:
    void refresh(SqlConnection &db, const CampaignSetup &setup);

    mutable std::mutex m_mutex;
    const CampaignSetup *m_setup = nullptr;
    qint64 m_head = -1;
    std::vector<UnitResult> m_units; // set-up order, unranked
    QHash<QString, UnitJsonParts> m_unitJson; // each unit's bytes without rank and submission
    std::shared_ptr<const CampaignResults> m_results;
    Refresh m_lastRefresh;
};

} // namespace onsite::hq
