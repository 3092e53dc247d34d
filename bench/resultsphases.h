#pragma once

#include "domain/campaignsetup.h"

#include <QJsonObject>
#include <QTextStream>
#include <QString>

namespace onsite::bench {

// Where one computation of the results from scratch spends its time, step by step on a
// fresh connection: reading the score table, computing the units, ranking, building the
// results document and writing it as the API answers it. Wall and CPU seconds of each.
struct ResultsPhases
{
    struct Step
    {
        const char *name;
        double wall = 0;
        double cpu = 0;
    };
    Step read{"read"};          // CampaignStore::loadScoreTable
    Step compute{"compute"};    // ScoringEngine::computeUnits
    Step rank{"rank"};          // rankResults
    Step document{"document"};  // the results document's bytes (hq::resultsJsonBytes)
    qint64 rows = 0;
    qint64 bytes = 0;
};

ResultsPhases measureResultsPhases(const QString &path, const CampaignSetup &setup);

// Prints one line per step; returns {"read":{"wall_s","cpu_s"},…} for --json.
QJsonObject reportResultsPhases(QTextStream &out, const ResultsPhases &phases);

} // namespace onsite::bench
