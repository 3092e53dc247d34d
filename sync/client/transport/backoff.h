#pragma once

#include <chrono>
#include <functional>

namespace onsite::sync {

// Delays between retries after failed syncs: the first after `initial`, then doubling
// up to `maximum`, each moved by up to ±`jitter` so tablets that lost the network
// together do not all call HQ in the same second when it returns.
class Backoff
{
public:
    using Milliseconds = std::chrono::milliseconds;

    explicit Backoff(Milliseconds initial = std::chrono::seconds(5), Milliseconds maximum = std::chrono::minutes(5),
                     double jitter = 0.2);

    // The delay before the next attempt; each call counts one more failure.
    Milliseconds next();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

    // A source of numbers in [0, 1) for the jitter (tests pin it).
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

private:
    Milliseconds m_initial;
    Milliseconds m_maximum;
    double m_jitter;
    int m_failures = 0;
    std::function<double()> m_random;
};

} // namespace onsite::sync
