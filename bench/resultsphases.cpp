#include "resultsphases.h"

#include "procstats.h"

#include "hq/resultsjson.h"
#include "scoring/scoringengine.h"
#include "store/campaignstore.h"
#include "store/sqliteconnection.h"
#include "store/unitsubmissions.h"

#include <QElapsedTimer>

namespace onsite::bench {

namespace {

// Runs `work` and adds its wall and CPU seconds to `step`.
template<typename Work>
auto timed(ResultsPhases::Step &step, Work &&work)
{
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    auto result = work();
    step.wall = timer.nsecsElapsed() / 1e9;
    step.cpu = cpuSeconds() - cpu;
    return result;
}

} // namespace

ResultsPhases measureResultsPhases(const QString &path, const CampaignSetup &setup)
{
    ResultsPhases phases;
    SqliteConnection db(path);
    const ScoringEngine engine(setup);
    const ScoreTable table = timed(phases.read, [&] { return CampaignStore(db).loadScoreTable(); });
    phases.rows = static_cast<qint64>(table.size());
    std::vector<UnitResult> units = timed(phases.compute, [&] { return engine.computeUnits(table); });
    const CampaignResults results = timed(phases.rank, [&] { return rankResults(std::move(units)); });
    const QStringList locked = UnitSubmissions(db).lockedUnits();
    const QByteArray bytes = timed(phases.document, [&] { return hq::resultsJsonBytes(setup, results, locked); });
    phases.bytes = bytes.size();
    return phases;
}

QJsonObject reportResultsPhases(QTextStream &out, const ResultsPhases &phases)
{
    QJsonObject figures;
    for (const ResultsPhases::Step *step :
         {&phases.read, &phases.compute, &phases.rank, &phases.document}) {
        out << QStringLiteral("  step %1: %2 s (CPU %3 s)\n")
                   .arg(QString::fromLatin1(step->name), -9)
                   .arg(step->wall, 0, 'f', 3)
                   .arg(step->cpu, 0, 'f', 3);
        figures.insert(QString::fromLatin1(step->name),
                       QJsonObject{{QStringLiteral("wall_s"), step->wall}, {QStringLiteral("cpu_s"), step->cpu}});
    }
    out.flush();
    return figures;
}

} // namespace onsite::bench
