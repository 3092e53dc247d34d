#pragma once

#include <QJsonObject>

#include <map>
#include <string>
#include <vector>

namespace onsite::bench {

// Latencies and errors per request kind ("push", "pull", "photo_put", …) of one phase.
class LoadBook
{
public:
    void record(const std::string &kind, double seconds) { m_latencies[kind].push_back(seconds); }
    // An expected answer that is not a success, e.g. 503 busy at sign-in (retried).
    void count(const std::string &what) { ++m_counts[what]; }
    // An error is any answer other than the expected one, a transport failure, a
    // timeout, a mutation HQ did not apply, or a sync inconsistency found by a check.
    void error(const std::string &kind, const std::string &what);

    int errors() const { return m_errorCount; }
    std::size_t requests() const;
    // {kind: {count, p50_ms, p99_ms, max_ms, mean_ms}, …, "errors": {kind: what: n}}
    QJsonObject summary() const;
    // Printable lines of the first errors (at most `limit`).
    std::vector<std::string> firstErrors() const { return m_firstErrors; }

private:
    std::map<std::string, std::vector<double>> m_latencies;
    std::map<std::string, std::map<std::string, int>> m_errors;
    std::map<std::string, int> m_counts;
    std::vector<std::string> m_firstErrors;
    int m_errorCount = 0;
};

// The value below which `share` (0…1) of the sorted samples lie (nearest rank).
double percentile(std::vector<double> sorted, double share);

} // namespace onsite::bench
