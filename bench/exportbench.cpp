#include "exportbench.h"

#include "procstats.h"

#include "console/resultsexport.h"
#include "export/exports.h"
#include "hq/resultsjson.h"
#include "store/sqliteconnection.h"

#include <QElapsedTimer>

#include <algorithm>
#include <map>

namespace onsite::bench {

namespace {

struct Export
{
    const char *name;
    exports::Kind kind;
    exports::Format format;
};

// The PDF report (a page per unit) needs the QGuiApplication main() makes.
constexpr Export kExports[] = {{"results.xlsx", exports::Kind::Results, exports::Format::Xlsx},
                               {"results.csv", exports::Kind::Results, exports::Format::Csv},
                               {"report.pdf", exports::Kind::Report, exports::Format::Pdf}};

// What the console's export endpoint does for a live results export (auditendpoints.cpp):
// the input from the cache and the store, then the file.
QByteArray consoleExport(SqlConnection &db, hq::ResultsCache &cache, const std::shared_ptr<const CampaignSetup> &setup,
                         exports::Kind kind, exports::Format format)
{
    const auto input = console::resultsExportInput(db, cache, setup, std::nullopt, QDateTime::currentDateTimeUtc());
    return exports::build(kind, format, *input);
}

} // namespace

std::vector<ExportRun> servedExports(const QString &path, std::shared_ptr<const CampaignSetup> setup, int rounds)
{
    SqliteConnection db(path);
    hq::ResultsCache cache;
    cache.current(db, *setup); // `serve` fills the cache at start
    std::vector<ExportRun> runs;
    for (int round = 0; round < rounds; ++round) {
        for (const Export &kind : kExports) {
            ExportRun run;
            run.name = QString::fromLatin1(kind.name);
            resetPeakResident();
            const double before = statusMb("VmRSS:");
            QElapsedTimer timer;
            timer.start();
            const double cpu = cpuSeconds();
            run.bytes = consoleExport(db, cache, setup, kind.kind, kind.format);
            run.wall = timer.nsecsElapsed() / 1e9;
            run.cpu = cpuSeconds() - cpu;
            run.peakMb = statusMb("VmHWM:") - before;
            runs.push_back(std::move(run));
        }
    }
    return runs;
}

QJsonObject reportExports(QTextStream &out, const std::vector<ExportRun> &runs, double sqlWall, double sqlCpu)
{
    auto median = [](std::vector<double> values) {
        std::sort(values.begin(), values.end());
        return values.empty() ? 0 : values[values.size() / 2];
    };
    std::map<QString, std::vector<const ExportRun *>> byName;
    for (const ExportRun &run : runs) {
        byName[run.name].push_back(&run);
        out << QStringLiteral("export %1: %2 s (CPU %3 s, peak +%4 MB), %5 bytes\n")
                   .arg(run.name).arg(run.wall, 0, 'f', 3).arg(run.cpu, 0, 'f', 3).arg(run.peakMb, 0, 'f', 0)
                   .arg(run.bytes.size());
    }
    QJsonObject figures;
    for (const auto &[name, list] : byName) {
        std::vector<double> wall, cpu, peak;
        for (const ExportRun *run : list) {
            wall.push_back(run->wall);
            cpu.push_back(run->cpu);
            peak.push_back(run->peakMb);
        }
        out << QStringLiteral("export median %1: %2 s (CPU %3 s, peak +%4 MB, %5 MB); SQL GROUP BY %6 s (CPU %7 s); "
                              "ratio %8 (CPU %9)\n")
                   .arg(name).arg(median(wall), 0, 'f', 3).arg(median(cpu), 0, 'f', 3).arg(median(peak), 0, 'f', 0)
                   .arg(list.back()->bytes.size() / 1e6, 0, 'f', 2).arg(sqlWall, 0, 'f', 3).arg(sqlCpu, 0, 'f', 3)
                   .arg(median(wall) / sqlWall, 0, 'f', 2).arg(median(cpu) / sqlCpu, 0, 'f', 2);
        figures.insert(name, QJsonObject{{QStringLiteral("wall_s"), median(wall)},
                                         {QStringLiteral("cpu_s"), median(cpu)},
                                         {QStringLiteral("peak_mb"), median(peak)},
                                         {QStringLiteral("bytes"), static_cast<double>(list.back()->bytes.size())}});
    }
    return figures;
}

QStringList checkExports(const QString &path, std::shared_ptr<const CampaignSetup> setup,
                         const std::vector<ExportRun> &runs)
{
    QStringList problems;
    SqliteConnection db(path);
    // The same export made from the results document, as a published version is.
    const exports::ExportInput fromDocument = exports::loadExportInput(
        db, setup, hq::currentResultsJson(db, *setup), std::nullopt, QDateTime::currentDateTimeUtc());
    const QByteArray csv = exports::resultsCsv(fromDocument);
    for (const ExportRun &run : runs) {
        if (run.name.endsWith(QLatin1String(".csv"))) {
            const qsizetype lines = run.bytes.count("\r\n");
            if (lines != static_cast<qsizetype>(setup->units.size()) + 1)
                problems << QStringLiteral("%1 has %2 lines for %3 units").arg(run.name).arg(lines).arg(setup->units.size());
            if (run.bytes != csv)
                problems << QStringLiteral("%1 differs from the CSV made from the results document").arg(run.name);
        } else if (run.name.endsWith(QLatin1String(".pdf"))) {
            if (!run.bytes.startsWith("%PDF-") || !run.bytes.trimmed().endsWith("%%EOF"))
                problems << QStringLiteral("%1 is not a whole PDF (%2 bytes)").arg(run.name).arg(run.bytes.size());
        } else if (!run.bytes.startsWith("PK\x03\x04") || run.bytes.size() < 1000) {
            problems << QStringLiteral("%1 is not a workbook (%2 bytes)").arg(run.name).arg(run.bytes.size());
        }
    }
    return problems;
}

} // namespace onsite::bench
