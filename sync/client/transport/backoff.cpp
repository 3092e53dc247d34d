#include "client/transport/backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace onsite::sync {

Backoff::Backoff(Milliseconds initial, Milliseconds maximum, double jitter)
    : m_initial(initial), m_maximum(maximum), m_jitter(jitter),
      m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
}

Backoff::Milliseconds Backoff::next()
{
    double base = static_cast<double>(m_initial.count());
    for (int i = 0; i < m_failures && base < static_cast<double>(m_maximum.count()); ++i)
        base *= 2;
    base = std::min(base, static_cast<double>(m_maximum.count()));
    ++m_failures;
    const double factor = 1.0 + m_jitter * (2.0 * m_random() - 1.0);
    return Milliseconds(std::max<qint64>(1, static_cast<qint64>(base * factor)));
}

} // namespace onsite::sync
