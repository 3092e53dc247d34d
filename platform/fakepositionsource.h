#pragma once

#include "positionsource.h"

#include <chrono>

namespace onsite::platform {

// Answers every request with whatever result was set, after a settable delay; for
// tests and UI work on the desktop (e.g. to see the "locating…" state).
class FakePositionSource : public PositionSource
{
    Q_OBJECT

public:
    explicit FakePositionSource(QObject *parent = nullptr);

    bool hasPositioning() const override { return m_hasPositioning; }
    void requestFix() override;

    void setHasPositioning(bool hasPositioning);
    // What the following requests answer (until changed). Without an error text, an
    // empty fix is answered with a generic (translated) reason.
    void setNextResult(const std::optional<onsite::Position> &fix, const QString &errorText = {});
    void setDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    int requestCount() const { return m_requestCount; }

private:
    bool m_hasPositioning = true;
    std::optional<onsite::Position> m_fix;
    QString m_errorText;
    std::chrono::milliseconds m_delay{0};
    int m_requestCount = 0;
};

} // namespace onsite::platform
