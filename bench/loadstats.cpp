#include "loadstats.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace onsite::bench {

void LoadBook::error(const std::string &kind, const std::string &what)
{
    // Messages carry numbers (offsets, seqs); the first 60 characters group them.
    ++m_errors[kind][what.substr(0, 60)];
    if (m_firstErrors.size() < 20)
        m_firstErrors.push_back(kind + ": " + what);
    ++m_errorCount;
}

std::size_t LoadBook::requests() const
{
    std::size_t n = 0;
    for (const auto &[kind, samples] : m_latencies)
        n += samples.size();
    return n;
}

double percentile(std::vector<double> sorted, double share)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = std::size_t(std::ceil(share * double(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

QJsonObject LoadBook::summary() const
{
    QJsonObject json;
    for (const auto &[kind, samples] : m_latencies) {
        const double sum = std::accumulate(samples.begin(), samples.end(), 0.0);
        json.insert(
            QString::fromStdString(kind),
            QJsonObject{
                {QStringLiteral("count"), qint64(samples.size())},
                {QStringLiteral("p50_ms"), percentile(samples, 0.50) * 1000},
                {QStringLiteral("p99_ms"), percentile(samples, 0.99) * 1000},
                {QStringLiteral("max_ms"),
                 samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end()) * 1000},
                {QStringLiteral("mean_ms"),
                 samples.empty() ? 0 : sum / double(samples.size()) * 1000}});
    }
    QJsonObject errors;
    for (const auto &[kind, whats] : m_errors) {
        QJsonObject byWhat;
        for (const auto &[what, n] : whats)
            byWhat.insert(QString::fromStdString(what), n);
        errors.insert(QString::fromStdString(kind), byWhat);
    }
    json.insert(QStringLiteral("errors"), errors);
    QJsonObject counts;
    for (const auto &[what, n] : m_counts)
        counts.insert(QString::fromStdString(what), n);
    json.insert(QStringLiteral("answers"), counts);
    return json;
}

} // namespace onsite::bench
