#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <vector>

// Shared by the parts of onsite-app-bench (app_bench.cpp, coldstart.cpp, modelbench.cpp).
namespace onsite::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Samples of one measurement in milliseconds. Medians and p95s rather than means: on
// a shared machine a few runs land behind another process, and one such run would
// move a mean far more than it moves the median.
struct Samples
{
    std::vector<double> ms;

    void add(double value) { ms.push_back(value); }
    double median() const { return percentile(50); }
    double p95() const { return percentile(95); }
    double min() const;
    double percentile(double p) const; // nearest rank; NaN when empty
    QJsonObject toJson() const;        // {runs, median_ms, p95_ms, min_ms, samples_ms}
};

// Problems are collected, not thrown: a wrong count or a failed launch is a finding to
// report with the numbers, not a reason to lose the run. Printed as they happen.
void problem(const QString &text);
QJsonArray problems();
void progress(const QString &text);

} // namespace onsite::bench
