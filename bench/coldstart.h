#pragma once

#include "appbench.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace onsite::bench {

// A program the cold-start benchmark launches: it must print a line
// "onsite-first-frame-ms <ms since main()> cpu-ms <CPU ms since exec> peak-rss-kb <KiB>"
// on stdout at its first frame (peak-rss-kb: the process's VmHWM then), then exit 0
// (`onsite --exit-after-first-frame`, `onsite-bench-minimal-qml --exit-after-first-frame`).
struct Launchable
{
    QString name; // for the report and messages
    QString program;
    QStringList arguments;
};

struct ColdStartResult
{
    Samples wall;     // launcher's view: from QProcess::start to the first-frame line
    Samples inMain;   // the program's own view: from entering main() to the first frame
    Samples cpu;      // CPU time the program used up to its first frame (all threads)
    std::vector<double> peakRssKb; // peak resident set at the first frame, KiB
    // The first frame that shows the page's content ("onsite-content-ms" line; the
    // first frame for a program that prints none): wall from QProcess::start, CPU.
    Samples contentWall, contentCpu;
    QString backend;  // the Qt Quick scene graph backend it loaded (from the warm-up run)
    QStringList stderrLines; // distinct lines the program wrote to stderr (warnings)
    // {wall, in_main, cpu: Samples::toJson, peak_rss_kb: {runs, median_kb, max_kb,
    // samples_kb}, content: {wall, cpu}, backend, stderr}; bench/report-device.js reads
    // these keys.
    QJsonObject toJson() const;
};

struct ColdStartOptions
{
    int runs = 10;
    QString workFolder;        // stderr files, XDG folders
    QProcessEnvironment environment;
};

// Launches `a` and `b` in turn, `runs` times each after one untimed warm-up launch of
// each, alternating which goes first so a change of machine load hits both alike.
std::pair<ColdStartResult, ColdStartResult> measureColdStart(const Launchable &a, const Launchable &b,
                                                             const ColdStartOptions &options);

} // namespace onsite::bench
