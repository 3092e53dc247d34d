// onsite-results-bench: HQ results at scale (docs/BENCHMARKS.md, "Results").
//
// A generated campaign is written into an HQ SQLite database through the real store,
// then the results that `onsite-hq results --format json` prints and the console's
// /api/v1/hq/results serves are timed, round for round beside a plain SQL
// GROUP BY over the same rows. A benchmark, not a test: it asserts no timings.
// --smoke (in ctest) runs a tiny campaign and checks the results against a
// straightforward reference.
#include "exportbench.h"
#include "procstats.h"
#include "resultscampaign.h"
#include "resultsphases.h"

#include "export/headlessgui.h"
#include "hq/hqschema.h"
#include "hq/hqwriter.h"
#include "hq/resultscache.h"
#include "hq/resultsjson.h"
#include "store/campaignstore.h"
#include "system/hugepages.h"
#include "store/sqliteconnection.h"
#include "store/unitsubmissions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace onsite;
using namespace onsite::bench;

namespace {

QTextStream out(stdout);

struct Timing
{
    double wall = 0;
    double cpu = 0;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

bool holdsCampaign(const QString &path, const CampaignSetup &setup)
{
    if (!QFile::exists(path))
        return false;
    SqliteConnection db(path);
    const auto rows = db.query(QStringLiteral("SELECT name FROM campaign"));
    return !rows.empty() && rows.front()[0].toString() == setup.campaign.name;
}

void generate(const QString &path, const CampaignSetup &setup, const bench::ResultsShape &shape)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    QElapsedTimer timer;
    timer.start();
    SqliteConnection db(path);
    hq::migrateHqDatabase(db);
    CampaignStore store(db);
    store.saveSetup(setup);
    qint64 rows = 0;
    bench::generateResultsScores(setup, shape, 50000, [&](const std::vector<ScoreEntry> &chunk) {
        store.addScores(chunk);
        rows += static_cast<qint64>(chunk.size());
    });
    db.execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    out << QStringLiteral("generated %1 score entries through CampaignStore::addScores in %2 s\n")
               .arg(rows).arg(timer.elapsed() / 1000.0, 0, 'f', 1);
    out.flush();
}

// The plain SQL aggregate: one GROUP BY (unit, item) over the rater rows, every
// result row read. What the engine's work is compared with.
Timing sqlBaseline(const QString &path, qint64 *groups)
{
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT unit_code, indicator_code, COUNT(*), SUM(CASE input WHEN '好' THEN 1.0 WHEN '较好' "
                       "THEN 0.8 WHEN '一般' THEN 0.6 ELSE 0.3 END) FROM score_entries WHERE kind = 'rater' "
                       "GROUP BY unit_code, indicator_code",
                       -1, &statement, nullptr);
    *groups = 0;
    double checksum = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        ++*groups;
        checksum += sqlite3_column_double(statement, 3);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    const Timing timing{timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu};
    if (checksum < 0) // keeps the read from being optimised away
        out << "negative checksum\n";
    return timing;
}

struct RealRun
{
    Timing time;
    double peakMb = 0;
    QByteArray document;
};

// A computation from scratch on a fresh connection (the set-up is cached
// by the console), serialised as the API answers it.
RealRun realResults(const QString &path, const CampaignSetup &setup)
{
    resetPeakResident();
    const double before = statusMb("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    SqliteConnection db(path);
    RealRun run;
    CampaignStore store(db);
    const CampaignResults results = ScoringEngine(setup).compute(store.loadScoreTable());
    run.document = hq::resultsJsonBytes(setup, results, UnitSubmissions(db).lockedUnits());
    run.time = Timing{timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu};
    run.peakMb = statusMb("VmHWM:") - before;
    return run;
}

// A serving HQ's path: one ResultsCache across requests. The first request computes
// every unit; later ones recompute only the units whose scores changed since.
struct ServedRun
{
    Timing first;
    Timing unchanged;
    Timing afterOneUnit;
    Timing afterTenUnits;
    int recomputedOne = 0;
    int recomputedTen = 0;
    QByteArray document;
};

Timing timedRequest(hq::ResultsCache &cache, SqlConnection &db, const CampaignSetup &setup, QByteArray *document)
{
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    *document = cache.currentJsonBytes(db, setup);
    return Timing{timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu};
}

// Re-scores one item of each of `units` units through HqWriter, as a sync or 补录 would:
// the score row changes and the change enters the feed.
void rescore(SqlConnection &db, const CampaignSetup &setup, int units, int round)
{
    std::vector<ScoreEntry> entries;
    for (const SqlRow &row : db.query(
             QStringLiteral("SELECT id, unit_code, indicator_code, account, input FROM score_entries WHERE kind = 'rater' "
                            "AND indicator_code = (SELECT MIN(indicator_code) FROM score_entries) "
                            "GROUP BY unit_code ORDER BY unit_code LIMIT ?"),
             {units})) {
        const QStringList levels{QStringLiteral("好"), QStringLiteral("较好"), QStringLiteral("一般"), QStringLiteral("差")};
        const QString input = levels[(levels.indexOf(row[4].toString()) + 1 + round) % levels.size()];
        entries.push_back(ScoreEntry{row[0].toString(), row[1].toString(), row[2].toString(), row[3].toString(),
                                     ScoreKind::Rater, input, {}, QDateTime::currentDateTimeUtc(), QStringLiteral("bench")});
    }
    hq::HqWriter writer(db, setup, QByteArray(32, 'k'), hq::HqWriter::kPaperOrigin);
    if (const auto refusal = writer.write(hq::HqWriter::scoreChanges(entries), QDateTime::currentDateTimeUtc()))
        out << QStringLiteral("rescore refused: %1\n").arg(refusal->result.message);
}

ServedRun servedResults(const QString &path, const CampaignSetup &setup, int round)
{
    SqliteConnection db(path);
    hq::ResultsCache cache;
    ServedRun run;
    run.first = timedRequest(cache, db, setup, &run.document);
    run.unchanged = timedRequest(cache, db, setup, &run.document);
    rescore(db, setup, 1, round);
    run.afterOneUnit = timedRequest(cache, db, setup, &run.document);
    run.recomputedOne = cache.lastRefresh().unitsRecomputed;
    rescore(db, setup, 10, round);
    run.afterTenUnits = timedRequest(cache, db, setup, &run.document);
    run.recomputedTen = cache.lastRefresh().unitsRecomputed;
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    restartWithHugePages(argv); // the memory set-up onsite-hq runs with
    const auto app = exports::createHeadlessGuiApplication(argc, argv); // the PDF report paints

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("HQ results at scale beside a plain SQL GROUP BY."));
    parser.addHelpOption();
    const QCommandLineOption unitsOption(QStringLiteral("units"), QStringLiteral("Units."), QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption itemsOption(QStringLiteral("items"), QStringLiteral("Items per unit."), QStringLiteral("M"), QStringLiteral("200"));
    const QCommandLineOption ratersOption(QStringLiteral("raters"), QStringLiteral("Raters per unit."), QStringLiteral("R"), QStringLiteral("10"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Timed rounds of each."), QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("HQ SQLite file (reused when it holds the same campaign)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption checkOption(QStringLiteral("check"), QStringLiteral("Check the results against the reference."));
    const QCommandLineOption smokeOption(QStringLiteral("smoke"), QStringLiteral("Tiny campaign, one round, reference check (ctest)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Write the figures here."), QStringLiteral("FILE"));
    const QCommandLineOption exportsOnlyOption(QStringLiteral("exports-only"),
                                               QStringLiteral("Time only the SQL aggregate and the exports."));
    const QCommandLineOption phasesOnlyOption(QStringLiteral("phases-only"),
                                              QStringLiteral("Time only the SQL aggregate and the results' steps (profiling)."));
    parser.addOptions({unitsOption, itemsOption, ratersOption, roundsOption, dbOption, checkOption, smokeOption, jsonOption,
                       exportsOnlyOption, phasesOnlyOption});
    parser.process(*app);

    const double loadStart = loadAverage();
    const bool smoke = parser.isSet(smokeOption);
    const bool exportsOnly = parser.isSet(exportsOnlyOption) && !smoke;
    bench::ResultsShape shape{parser.value(unitsOption).toInt(), parser.value(itemsOption).toInt(),
                              parser.value(ratersOption).toInt()};
    if (smoke && !parser.isSet(unitsOption))
        shape = bench::ResultsShape{60, 30, 6};
    const int rounds = smoke ? 1 : std::max(1, parser.value(roundsOption).toInt());
    const QString path = parser.isSet(dbOption)
        ? parser.value(dbOption)
        : QDir::temp().filePath(QStringLiteral("onsite-results-bench-%1x%2x%3.sqlite").arg(shape.units).arg(shape.items).arg(shape.raters));

    const CampaignSetup setup = bench::generateResultsSetup(shape);
    if (smoke || !holdsCampaign(path, setup))
        generate(path, setup, shape);
    else
        out << QStringLiteral("reusing %1\n").arg(path);

    qint64 entries = 0;
    double rowBytes = 0;
    {
        SqliteConnection db(path);
        const auto rows = db.query(QStringLiteral(
            "SELECT COUNT(*), SUM(length(CAST(id AS BLOB)) + length(CAST(unit_code AS BLOB)) + length(CAST(indicator_code AS BLOB)) "
            "+ length(CAST(account AS BLOB)) + length(CAST(kind AS BLOB)) + length(CAST(input AS BLOB)) + length(CAST(reason AS BLOB)) "
            "+ length(CAST(recorded_at AS BLOB)) + length(CAST(source AS BLOB)) + length(CAST(updated_at AS BLOB))) FROM score_entries"));
        entries = rows.front()[0].toLongLong();
        rowBytes = rows.front()[1].toDouble();
    }
    out << QStringLiteral("campaign: %1 units × %2 items × %3 raters = %4 score entries, %5 MB of row text\n")
               .arg(shape.units).arg(shape.items).arg(shape.raters).arg(entries).arg(rowBytes / 1e6, 0, 'f', 1);
    out.flush();

    std::vector<double> real, realCpu, baseline, baselineCpu, peaks;
    QByteArray document;
    qint64 groups = 0;
    for (int round = 0; round < rounds; ++round) {
        const Timing sql = sqlBaseline(path, &groups);
        baseline.push_back(sql.wall);
        baselineCpu.push_back(sql.cpu);
        if (exportsOnly) {
            out << QStringLiteral("round %1: SQL GROUP BY %2 s (CPU %3 s)\n").arg(round + 1).arg(sql.wall, 0, 'f', 3)
                       .arg(sql.cpu, 0, 'f', 3);
            continue;
        }
        if (parser.isSet(phasesOnlyOption)) {
            out << QStringLiteral("round %1: SQL GROUP BY %2 s (CPU %3 s); the results step by step:\n")
                       .arg(round + 1).arg(sql.wall, 0, 'f', 3).arg(sql.cpu, 0, 'f', 3);
            reportResultsPhases(out, measureResultsPhases(path, setup));
            continue;
        }
        RealRun run = realResults(path, setup);
        real.push_back(run.time.wall);
        realCpu.push_back(run.time.cpu);
        peaks.push_back(run.peakMb);
        document = std::move(run.document);
        out << QStringLiteral("round %1: results %2 s (CPU %3 s, peak +%4 MB), SQL GROUP BY %5 s (CPU %6 s, %7 groups)\n")
                   .arg(round + 1).arg(run.time.wall, 0, 'f', 3).arg(run.time.cpu, 0, 'f', 3).arg(run.peakMb, 0, 'f', 0)
                   .arg(sql.wall, 0, 'f', 3).arg(sql.cpu, 0, 'f', 3).arg(groups);
        out.flush();
    }
    if (parser.isSet(phasesOnlyOption))
        return 0;
    QJsonObject phaseFigures;
    if (!exportsOnly) {
        out << "the results step by step:\n";
        phaseFigures = reportResultsPhases(out, measureResultsPhases(path, setup));
    }
    std::vector<double> servedFirst, servedUnchanged, servedOne, servedTen, servedOneCpu, servedTenCpu, servedFirstCpu,
        servedUnchangedCpu;
    for (int round = 0; round < (exportsOnly ? 0 : rounds); ++round) {
        const ServedRun served = servedResults(path, setup, round);
        servedFirst.push_back(served.first.wall);
        servedUnchanged.push_back(served.unchanged.wall);
        servedFirstCpu.push_back(served.first.cpu);
        servedUnchangedCpu.push_back(served.unchanged.cpu);
        servedOne.push_back(served.afterOneUnit.wall);
        servedOneCpu.push_back(served.afterOneUnit.cpu);
        servedTen.push_back(served.afterTenUnits.wall);
        servedTenCpu.push_back(served.afterTenUnits.cpu);
        document = served.document;
        out << QStringLiteral("served round %1: first request %2 s, unchanged %3 s, after 1 unit re-scored %4 s "
                              "(CPU %5 s, %6 units recomputed), after 10 units %7 s (CPU %8 s, %9 recomputed)\n")
                   .arg(round + 1).arg(served.first.wall, 0, 'f', 3).arg(served.unchanged.wall, 0, 'f', 3)
                   .arg(served.afterOneUnit.wall, 0, 'f', 3).arg(served.afterOneUnit.cpu, 0, 'f', 3)
                   .arg(served.recomputedOne).arg(served.afterTenUnits.wall, 0, 'f', 3)
                   .arg(served.afterTenUnits.cpu, 0, 'f', 3).arg(served.recomputedTen);
        out.flush();
        if (smoke || parser.isSet(checkOption)) {
            // The units kept from before must read exactly as a computation from scratch.
            SqliteConnection db(path);
            const QByteArray fresh = QJsonDocument(hq::currentResultsJson(db, setup)).toJson(QJsonDocument::Compact);
            if (fresh != served.document || served.recomputedOne != 1 || served.recomputedTen != 10) {
                out << QStringLiteral("MISMATCH the served results differ from a fresh computation "
                                      "(or recomputed %1/%2 units, expected 1/10)\n")
                           .arg(served.recomputedOne).arg(served.recomputedTen);
                return 1;
            }
            out << "served check: the kept and recomputed units agree with a fresh computation\n";
        }
    }
    out << QStringLiteral("served median: first %1 s, unchanged %2 s, after 1 unit %3 s (CPU %4 s), after 10 units "
                          "%5 s (CPU %6 s); SQL GROUP BY %7 s\n")
               .arg(median(servedFirst), 0, 'f', 3).arg(median(servedUnchanged), 0, 'f', 3)
               .arg(median(servedOne), 0, 'f', 3).arg(median(servedOneCpu), 0, 'f', 3)
               .arg(median(servedTen), 0, 'f', 3).arg(median(servedTenCpu), 0, 'f', 3)
               .arg(median(baseline), 0, 'f', 3);
    const double ratio = median(real) / median(baseline);
    const double cpuRatio = median(realCpu) / median(baselineCpu);
    out << QStringLiteral("median: results %1 s (CPU %2 s), SQL GROUP BY %3 s (CPU %4 s), ratio %5 (CPU %6); "
                          "peak memory of the results +%7 MB (%8× the rows' text); answer %9 MB\n")
               .arg(median(real), 0, 'f', 3).arg(median(realCpu), 0, 'f', 3).arg(median(baseline), 0, 'f', 3)
               .arg(median(baselineCpu), 0, 'f', 3).arg(ratio, 0, 'f', 2).arg(cpuRatio, 0, 'f', 2)
               .arg(median(peaks), 0, 'f', 0).arg(median(peaks) * 1e6 / rowBytes, 0, 'f', 2)
               .arg(document.size() / 1e6, 0, 'f', 1);
    // The console's exports of the live results, on a warm cache, as `serve` keeps it.
    const double loadBeforeExports = loadAverage();
    out << QStringLiteral("load average before the exports: %1\n").arg(loadBeforeExports);
    out.flush();
    const auto sharedSetup = std::make_shared<const CampaignSetup>(setup);
    const std::vector<ExportRun> exportRuns = servedExports(path, sharedSetup, rounds);
    const QJsonObject exportFigures = reportExports(out, exportRuns, median(baseline), median(baselineCpu));

    double load[3] = {};
    getloadavg(load, 3);
    out << QStringLiteral("load average after: %1 %2 %3 (%4 cores)\n").arg(load[0]).arg(load[1]).arg(load[2])
               .arg(QThread::idealThreadCount());

    // --json FILE (bench/run-all.sh reads it; keep the keys stable). Seconds are medians
    // of the rounds; "_s" is wall time, "_cpu_s" CPU seconds of this process:
    // {"units","items","raters","entries": the campaign, "row_bytes": the summed bytes of
    //  every score_entries column, "load_start","load_before_exports","load_after": load
    //  average (1 min),
    //  "results_s","results_cpu_s","peak_mb": the results from scratch (read, compute,
    //  rank, the document's bytes); "answer_bytes": the document's size,
    //  "sql_group_by_s","sql_group_by_cpu_s": the plain SQL aggregate; "ratio","cpu_ratio",
    //  "served_first_s","served_first_cpu_s","served_unchanged_s","served_unchanged_cpu_s",
    //  "served_after_one_unit_s","served_after_one_unit_cpu_s","served_after_ten_units_s",
    //  "served_after_ten_units_cpu_s": one ResultsCache across requests,
    //  "steps": {"read"|"compute"|"rank"|"document": {"wall_s","cpu_s"}} of one computation,
    //  "exports": {"results.xlsx"|"results.csv"|"report.pdf": {"wall_s","cpu_s","peak_mb","bytes"}}}
    if (parser.isSet(jsonOption)) {
        QFile file(parser.value(jsonOption));
        if (file.open(QIODevice::WriteOnly)) {
            file.write(QJsonDocument(QJsonObject{
                {QStringLiteral("units"), shape.units}, {QStringLiteral("items"), shape.items},
                {QStringLiteral("raters"), shape.raters}, {QStringLiteral("entries"), entries},
                {QStringLiteral("row_bytes"), rowBytes}, {QStringLiteral("results_s"), median(real)},
                {QStringLiteral("sql_group_by_s"), median(baseline)}, {QStringLiteral("ratio"), ratio},
                {QStringLiteral("results_cpu_s"), median(realCpu)}, {QStringLiteral("sql_group_by_cpu_s"), median(baselineCpu)},
                {QStringLiteral("cpu_ratio"), cpuRatio},
                {QStringLiteral("peak_mb"), median(peaks)},
                {QStringLiteral("load_start"), loadStart},
                {QStringLiteral("load_before_exports"), loadBeforeExports},
                {QStringLiteral("load_after"), load[0]},
                {QStringLiteral("answer_bytes"), static_cast<double>(document.size())},
                {QStringLiteral("served_first_cpu_s"), median(servedFirstCpu)},
                {QStringLiteral("served_unchanged_cpu_s"), median(servedUnchangedCpu)},
                {QStringLiteral("served_after_one_unit_cpu_s"), median(servedOneCpu)},
                {QStringLiteral("served_after_ten_units_cpu_s"), median(servedTenCpu)},
                {QStringLiteral("served_first_s"), median(servedFirst)},
                {QStringLiteral("served_unchanged_s"), median(servedUnchanged)},
                {QStringLiteral("served_after_one_unit_s"), median(servedOne)},
                {QStringLiteral("served_after_ten_units_s"), median(servedTen)},
                {QStringLiteral("exports"), exportFigures}, {QStringLiteral("steps"), phaseFigures}}).toJson());
        }
    }

    if (smoke || parser.isSet(checkOption)) {
        const QStringList exportProblems = checkExports(path, sharedSetup, exportRuns);
        for (const QString &problem : exportProblems)
            out << QStringLiteral("MISMATCH %1\n").arg(problem);
        out << (exportProblems.isEmpty() ? QStringLiteral("export check: the CSV and the workbook are whole\n")
                                         : QStringLiteral("export check: %1 problems\n").arg(exportProblems.size()));
        if (!exportProblems.isEmpty())
            return 1;
    }
    if ((smoke || parser.isSet(checkOption)) && !exportsOnly) {
        SqliteConnection db(path);
        const QStringList problems =
            bench::checkAgainstReference(db, setup, QJsonDocument::fromJson(document).object());
        for (const QString &problem : problems.mid(0, 20))
            out << QStringLiteral("MISMATCH %1\n").arg(problem);
        out << (problems.isEmpty() ? QStringLiteral("reference check: results agree\n")
                                   : QStringLiteral("reference check: %1 differences\n").arg(problems.size()));
        if (!problems.isEmpty())
            return 1;
    }
    return 0;
}
