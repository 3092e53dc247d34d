#pragma once

#include "domain/campaignsetup.h"

#include <QByteArray>
#include <QJsonObject>
#include <QTextStream>
#include <QString>

#include <memory>
#include <vector>

namespace onsite::bench {

// One export as the console serves it (GET /api/v1/hq/exports/results.xlsx|csv, live
// results): a ResultsCache already warm, as `serve` keeps it, then the export input and
// the file built, on the request's thread.
struct ExportRun
{
    QString name;        // results.xlsx, results.csv
    double wall = 0;     // seconds
    double cpu = 0;      // CPU seconds of the process
    double peakMb = 0;   // VmHWM during the export, minus VmRSS before it
    QByteArray bytes;    // the file
};

// Times each export `rounds` times on one warm cache (the first request, which fills
// it, is not timed). Returns every run, round by round.
std::vector<ExportRun> servedExports(const QString &path, std::shared_ptr<const CampaignSetup> setup, int rounds);

// Prints each export's median wall and CPU time, peak memory and size beside the SQL
// aggregate's median (wall, CPU) of the same run; returns the figures for --json.
QJsonObject reportExports(QTextStream &out, const std::vector<ExportRun> &runs, double sqlWall, double sqlCpu);

// Checks the smoke run's files: the CSV has one line per unit and the same bytes as the
// same export made from the results document (the path of a published version); the
// workbook is a zip. Returns the problems (empty when fine).
QStringList checkExports(const QString &path, std::shared_ptr<const CampaignSetup> setup,
                         const std::vector<ExportRun> &runs);

} // namespace onsite::bench
